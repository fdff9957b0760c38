# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The action plugin's choice between the controller and the module, case by case.

The action plugin runs with a stand-in task and connection; `_execute_module` (the ordinary module
run) is replaced by a recorder, so a test sees which way the task went and with what.
"""

from __future__ import absolute_import, division, print_function

import os
from unittest import mock

import pytest

from ansible.errors import AnsibleActionFail

try:  # ansible-core 2.19: only trusted strings are templates, as a playbook's own strings are
    from ansible.template import trust_as_template
except ImportError:
    def trust_as_template(value):
        return value

from ansible_collections.envops.environments.plugins.action import plutora_token as plutora_token_action
from ansible_collections.envops.environments.plugins.action import rpm_environment_info as rpm_info_action
from ansible_collections.envops.environments.plugins.module_utils import rest_client
from ansible_collections.envops.environments.plugins.module_utils.redaction import register_with_ansible
from ansible_collections.envops.environments.plugins.plugin_utils import fast_path
from ansible_collections.envops.environments.plugins.plugin_utils.task_connections import TASK_CONNECTIONS

from action_stand_in import MODULE_RESULT, make_action as stand_in

COLLECTION = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
# What the controller's answer shows of a no_log value: masked in it before ansible-core 2.22, kept
# (and registered as a secret) from 2.22 on, as AnsibleModule does.
NO_LOG_SHOWN = "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"


def make_action(emu, action_class=rpm_info_action.ActionModule, module="rpm_environment_info", args=None, **task):
    v = emu.connection_vars()
    if args is None:
        args = {"api_url": v["rpm_api_url"], "token": v["rpm_token"], "name": "production"}
    return stand_in(action_class, task.pop("resolved", None) or "envops.environments." + module, args, **task)


def ran_in_controller(action, result):
    """True for the controller, False for the module (and then it was called once)."""
    if action._execute_module.called:
        assert action._execute_module.call_count == 1
        assert result == MODULE_RESULT
        return False
    return True


def no_log_value_shown(value):
    return value if register_with_ansible is not None else NO_LOG_SHOWN


# The invocation in the answer, whatever this core's INJECT_INVOCATION default is.
WITH_INVOCATION = {"ansible_inject_invocation": True}


@pytest.fixture(autouse=True)
def no_switch_in_the_environment(monkeypatch):
    monkeypatch.delenv(fast_path.SWITCH_ENVIRONMENT, raising=False)
    yield
    TASK_CONNECTIONS.close()


def test_local_connection_runs_in_the_controller(emu):
    action = make_action(emu)
    emu.clear_log()
    result = action.run(task_vars=dict(WITH_INVOCATION, inventory_hostname="localhost"))
    assert ran_in_controller(action, result)
    assert result["environments"][0]["name"] == "production"
    token = emu.connection_vars()["rpm_token"]
    assert result["invocation"]["module_args"]["token"] == no_log_value_shown(token)
    # The module's own reads (the search, then what module_args needs to name related records), no write.
    sent = emu.requests()
    assert sent[0]["path"].endswith("/v1/environments")
    assert all(r["method"] == "GET" for r in sent)
    assert action.fallback_reason(fast_path.load_definition(action._task.resolved_action)[0], {}) is None


def test_delegated_to_a_host_with_a_remote_connection_runs_the_module(emu):
    action = make_action(emu, transport="ssh")
    result = action.run(task_vars={"inventory_hostname": "app01"})
    assert not ran_in_controller(action, result)
    assert not action._execute_module.call_args.kwargs["wrap_async"]


def test_async_runs_the_module_wrapped(emu):
    action = make_action(emu, async_val=30)
    result = action.run(task_vars={"inventory_hostname": "localhost"})
    assert not ran_in_controller(action, result)
    assert action._execute_module.call_args.kwargs["wrap_async"]


def test_become_runs_the_module(emu):
    action = make_action(emu, become=mock.MagicMock())
    assert not ran_in_controller(action, action.run(task_vars={}))


def test_no_requests_in_the_controller_runs_the_module(emu, monkeypatch):
    monkeypatch.setattr(rest_client, "HAS_REQUESTS", False)
    action = make_action(emu)
    assert not ran_in_controller(action, action.run(task_vars={}))


@pytest.mark.parametrize("value", [False, "false", "no", "0", "off"])
def test_turned_off_by_the_variable(emu, value):
    action = make_action(emu)
    assert not ran_in_controller(action, action.run(task_vars={fast_path.SWITCH_VARIABLE: value}))


def test_turned_off_by_the_controller_environment(emu, monkeypatch):
    monkeypatch.setenv(fast_path.SWITCH_ENVIRONMENT, "false")
    action = make_action(emu)
    assert not ran_in_controller(action, action.run(task_vars={}))


def test_the_variable_wins_over_the_environment(emu, monkeypatch):
    monkeypatch.setenv(fast_path.SWITCH_ENVIRONMENT, "false")
    action = make_action(emu)
    assert ran_in_controller(action, action.run(task_vars={fast_path.SWITCH_VARIABLE: True}))


def test_the_switch_variable_is_templated(emu):
    action = make_action(emu)
    task_vars = {fast_path.SWITCH_VARIABLE: trust_as_template("{{ off_here }}"), "off_here": False}
    action._templar.available_variables = task_vars
    assert not ran_in_controller(action, action.run(task_vars=task_vars))


def test_a_switch_that_is_not_a_boolean_fails_clearly(emu):
    action = make_action(emu)
    with pytest.raises(AnsibleActionFail, match="envops_controller_fast_path: 'sometimes' is not a boolean"):
        action.run(task_vars={fast_path.SWITCH_VARIABLE: "sometimes"})
    assert not action._execute_module.called


def test_a_module_of_another_collection_runs_as_a_module(emu):
    action = make_action(emu, resolved="community.general.something")
    assert not ran_in_controller(action, action.run(task_vars={}))


def test_the_task_environment_comes_before_the_controller_environment(emu, monkeypatch):
    v = emu.connection_vars()
    monkeypatch.setenv("RPM_API_URL", "http://127.0.0.1:9/not-this-one")
    monkeypatch.setenv("RPM_TOKEN", "not-this-token")
    action = make_action(emu, args={"name": "production"},
                         environment=[{"RPM_API_URL": v["rpm_api_url"]}, {"RPM_TOKEN": v["rpm_token"]}])
    result = action.run(task_vars=dict(WITH_INVOCATION))
    assert ran_in_controller(action, result)
    assert result["environments"][0]["name"] == "production"
    assert result["invocation"]["module_args"]["api_url"] == v["rpm_api_url"]
    # The controller's own environment is back as it was.
    assert os.environ["RPM_TOKEN"] == "not-this-token"


def test_proxies_of_the_task_environment_reach_requests(emu, monkeypatch):
    # The host does not resolve: the task can only succeed through the proxy (the emulator).
    for name in ("NO_PROXY", "no_proxy", "HTTP_PROXY", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    v = emu.connection_vars()
    action = make_action(emu, args={"api_url": "http://rpm.example.invalid/brpm", "token": v["rpm_token"],
                                    "name": "production", "timeout": 5},
                         environment=[{"HTTP_PROXY": emu.url}])
    result = action.run(task_vars={})
    assert ran_in_controller(action, result)
    assert result.get("failed") is not True, result
    assert "HTTP_PROXY" not in os.environ


def test_the_controller_environment_is_used_without_a_task_environment(emu, monkeypatch):
    v = emu.connection_vars()
    monkeypatch.setenv("RPM_API_URL", v["rpm_api_url"])
    monkeypatch.setenv("RPM_TOKEN", v["rpm_token"])
    action = make_action(emu, args={"name": "production"})
    result = action.run(task_vars={})
    assert ran_in_controller(action, result) and result["environments"]


@pytest.mark.parametrize("transport", ["local", "ssh"])
def test_a_secret_result_is_marked_no_log_both_ways(emu, transport):
    v = emu.connection_vars()
    args = dict(api_url=v["plutora_api_url"], client_id=v["plutora_client_id"],
                client_secret=v["plutora_client_secret"], username=v["plutora_username"],
                password=v["plutora_password"])
    action = make_action(emu, action_class=plutora_token_action.ActionModule, module="plutora_token",
                         transport=transport, args=args)
    result = action.run(task_vars={})
    assert result["_ansible_no_log"] is True
    if transport == "local":
        assert ran_in_controller(action, result)
        assert result["access_token"] in emu.admin("GET", "/_admin/issued_tokens")


@pytest.mark.parametrize("transport", ["local", "ssh"])
def test_a_clean_failure_of_a_secret_result_module_stays_visible(emu, transport):
    """A refused login holds no token: its redacted message must show (2.16 censored it whole)."""
    v = emu.connection_vars()
    args = dict(api_url=v["plutora_api_url"], client_id=v["plutora_client_id"],
                client_secret=v["plutora_client_secret"], username=v["plutora_username"],
                password="wrong-password-7a7a")
    action = make_action(emu, action_class=plutora_token_action.ActionModule, module="plutora_token",
                         transport=transport, args=args)
    refused = {"failed": True, "msg": "Plutora refused the user credentials", "status": 400,
               "_ansible_parsed": True}
    action._execute_module.return_value = dict(refused)
    result = action.run(task_vars={})
    assert "_ansible_no_log" not in result
    assert "refused the user credentials" in result["msg"] and result["status"] == 400
    assert "wrong-password-7a7a" not in repr(result)


@pytest.mark.parametrize("raw", [{"module_stdout": "{\"access_token\": \"abc"}, {"module_stderr": "Traceback"},
                                 {"access_token": "token-in-a-failure"}])
def test_a_failure_that_may_hold_the_secret_stays_hidden(emu, raw):
    action = make_action(emu, action_class=plutora_token_action.ActionModule, module="plutora_token",
                         transport="ssh", args={})
    action._execute_module.return_value = dict(raw, failed=True, msg="MODULE FAILURE")
    assert action.run(task_vars={})["_ansible_no_log"] is True


def test_an_async_secret_result_makes_the_task_no_log(emu):
    action = make_action(emu, action_class=plutora_token_action.ActionModule, module="plutora_token", async_val=10,
                         args={})
    result = action.run(task_vars={})
    assert result["_ansible_no_log"] is True and action._task.no_log is True


def test_other_results_are_not_marked(emu):
    action = make_action(emu)
    assert "_ansible_no_log" not in action.run(task_vars={})


def test_loop_items_share_the_api_object_of_their_task(emu):
    emu.clear_log()
    for _item in range(3):
        action = make_action(emu)  # Ansible may create a new action plugin for every item
        assert ran_in_controller(action, action.run(task_vars={"inventory_hostname": "localhost"}))
    assert len(TASK_CONNECTIONS) == 1
    args = dict(make_action(emu)._task.args, state="absent", name="no-such-env")
    other = make_action(emu, module="rpm_environment", args=args)
    other.run(task_vars={"inventory_hostname": "localhost"})
    assert TASK_CONNECTIONS.scope[0] == "task-uuid-envops.environments.rpm_environment" and len(TASK_CONNECTIONS) == 1


def test_every_module_has_its_action_plugin():
    modules = sorted(f[:-3] for f in os.listdir(os.path.join(COLLECTION, "plugins", "modules")) if f.endswith(".py"))
    actions = sorted(f[:-3] for f in os.listdir(os.path.join(COLLECTION, "plugins", "action"))
                     if f.endswith(".py") and f != "__init__.py")
    assert actions == modules
    for name in modules:
        definition, reason = fast_path.load_definition("envops.environments." + name)
        assert reason is None and definition is not None, name
        with open(os.path.join(COLLECTION, "plugins", "action", name + ".py")) as handle:
            assert "class ActionModule(FastPathAction):\n    pass\n" in handle.read()


@pytest.mark.parametrize("uncensored_core", [True, False])
def test_a_loop_of_secret_results_warns_once_where_ansible_core_shows_loop_results(emu, monkeypatch, uncensored_core):
    monkeypatch.setattr(fast_path, "LOOP_RESULT_UNCENSORED", uncensored_core)
    monkeypatch.setattr(fast_path, "_warned_loops", set())
    shown = mock.MagicMock()
    monkeypatch.setattr(fast_path.display, "warning", shown)
    v = emu.connection_vars()
    args = dict(api_url=v["plutora_api_url"], client_id=v["plutora_client_id"],
                client_secret=v["plutora_client_secret"], username=v["plutora_username"],
                password=v["plutora_password"])
    for _item in range(3):
        action = make_action(emu, action_class=plutora_token_action.ActionModule, module="plutora_token", args=args)
        assert action.run(task_vars={"ansible_loop_var": "item"})["_ansible_no_log"] is True
    assert shown.call_count == (1 if uncensored_core else 0)
    if uncensored_core:
        assert "add no_log: true" in shown.call_args.args[0]
