# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The controller returns what the module process returns, on the same inputs.

Each case runs a ModuleDefinition twice in this process: once as its module process would
(`DEFINITION.main()` with real AnsibleModule, its stdout decoded the way the controller decodes a
module's answer), once through plugin_utils/in_controller.py, and compares the two whole results:
changed, record, diff, failures and their messages, warnings, invocation and every masked value.
"""

from __future__ import absolute_import, division, print_function

import json
import re

import pytest

from ansible.module_utils import basic
from ansible.module_utils.common import warnings as module_warnings
from ansible.module_utils.common.text.converters import to_bytes

from ansible_collections.envops.environments.plugins.module_utils.errors import InputError
from ansible_collections.envops.environments.plugins.module_utils.redaction import Redactor
from ansible_collections.envops.environments.plugins.module_utils.runner import ModuleDefinition
from ansible_collections.envops.environments.plugins.modules import (
    flexdeploy_target,
    plutora_system,
    plutora_system_info,
    plutora_token,
    rpm_environment,
    rpm_environment_info,
)
from ansible_collections.envops.environments.plugins.plugin_utils import in_controller
from ansible_collections.envops.environments.plugins.plugin_utils.task_connections import TaskConnections

try:
    from ansible.module_utils import _internal as module_internal
except ImportError:  # ansible-core < 2.19
    module_internal = None

TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[^\"]*")
GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# Secrets of the cases below. ansible-core 2.19 decodes a module's warnings as WarningSummary objects,
# which remove_values does not enter; perform() passes every warning through the task's Redactor, so
# neither way shows a secret in one (the comparison and the searches below see the plain text).
KNOWN_SECRETS = ("sample-token-7f3e", "dict-secret-value", "learned-at-run-time-alpha")
MODULE_NAME = "envops.environments.sample"


@pytest.fixture
def module_process(monkeypatch, capsys):
    """Run a definition as its module process would; return the result the controller decodes."""
    def runner(definition, args, check_mode=False, no_log=False, module_name=MODULE_NAME):
        payload = dict(args, _ansible_check_mode=check_mode, _ansible_no_log=no_log, _ansible_module_name=module_name,
                       _ansible_remote_tmp="/tmp", _ansible_keep_remote_files=False, _ansible_verbosity=0)
        monkeypatch.setattr(basic, "_ANSIBLE_ARGS", to_bytes(json.dumps({"ANSIBLE_MODULE_ARGS": payload})))
        monkeypatch.setattr(basic, "_ANSIBLE_PROFILE", "legacy", raising=False)
        if module_internal is not None:
            # A module process is not the controller: warnings go into its result.
            monkeypatch.setattr(module_internal, "is_controller", False)
        for name in ("_global_warnings", "_global_deprecations"):
            getattr(module_warnings, name).clear()
        capsys.readouterr()
        with pytest.raises(SystemExit):
            definition.main()
        output = capsys.readouterr().out
        return in_controller.as_module_result(json.loads(output[output.index("{"):]))
    return runner


def controller(definition, args, check_mode=False, no_log=False, connections=None):
    return in_controller.run_in_controller(definition, args, MODULE_NAME, check_mode=check_mode, no_log=no_log,
                                           connections=connections)


def message(warning):
    """A warning's or error's text: ansible-core 2.19 decodes them as summary objects, which the
    controller then treats exactly like the plain strings an action plugin returns."""
    event = getattr(warning, "event", None)
    return event.msg if event is not None else warning


def comparable(result):
    """A result with its internal keys dropped, warnings as text and server timestamps blanked."""
    result = dict((k, v) for k, v in result.items() if k != "_ansible_parsed")
    if "warnings" in result:
        result["warnings"] = [message(w) for w in result["warnings"]]
    if "exception" in result:
        result["exception"] = message(result["exception"])
    text = TIMESTAMP.sub("<time>", json.dumps(result, sort_keys=True, default=str))
    return json.loads(GUID.sub("<guid>", text))


# A definition with every feature the result formatting must treat like AnsibleModule ------------

class SampleApi:
    def __init__(self, params, redactor):
        self.params = params
        self.redactor = redactor


def sample_build_api(params, redactor):
    redactor.add(params["token"])
    return SampleApi(params, redactor)


def sample_run(module, api):
    params = module.params
    if params["mode"] == "fail":
        raise InputError("name: '%s' cannot be used with token %s" % (params["name"], params["token"]),
                         {"server_messages": ["token=%s refused" % params["token"]]})
    module.warn("a warning from run() naming %s" % params["name"])
    learned = "learned-at-run-time-%s" % params["name"]
    api.redactor.add(learned)
    record = {"name": params["new_name"] or params["name"], "note": "issued %s" % learned,
              "echo": dict(params["secret"] or {}), "password": "shown-as-a-key", "count": 3, "flag": True}
    diff = {"before": {}, "after": {"name": record["name"], "db_pass": params["db_pass"]}}
    return not module.check_mode, record, diff


SAMPLE = ModuleDefinition("rpm", dict(
    name=dict(type="str", required=True),
    new_name=dict(type="str", aliases=["rename"]),
    mode=dict(type="str", default="ok", choices=["ok", "fail"]),
    db_pass=dict(type="str"),
    secret=dict(type="dict", no_log=True),
    items=dict(type="list", elements="dict", options=dict(id=dict(type="int", required=True))),
), sample_build_api, sample_run, "sample", mutually_exclusive=[("new_name", "items")])

CONNECTION = {"api_url": "http://127.0.0.1:9/brpm", "token": "sample-token-7f3e"}

SAMPLE_CASES = {
    "success": dict(name="alpha", secret={"key": "dict-secret-value"}, db_pass="plain-pass"),
    "check mode": dict(name="alpha", secret={"key": "dict-secret-value"}),
    "alias and its option both set": dict(name="alpha", new_name="beta", rename="gamma"),
    "failure from run()": dict(name="alpha", mode="fail"),
    "bad choice": dict(name="alpha", mode="sideways"),
    "unsupported option": dict(name="alpha", colour="red"),
    "missing required option": dict(mode="ok"),
    "bad suboption": dict(name="alpha", items=[{"id": "not-a-number"}]),
    "mutually exclusive": dict(name="alpha", new_name="beta", items=[{"id": 1}]),
    "secret in an ordinary option": dict(name="sample-token-7f3e"),
}


@pytest.mark.parametrize("case", sorted(SAMPLE_CASES))
def test_sample_definition_gives_the_module_result(module_process, case):
    args = dict(CONNECTION, **SAMPLE_CASES[case])
    check_mode = case == "check mode"
    expected = module_process(SAMPLE, args, check_mode=check_mode)
    got = controller(SAMPLE, args, check_mode=check_mode)
    assert comparable(got) == comparable(expected)
    assert got["_ansible_parsed"] is True
    text = json.dumps(got, default=message)
    for secret in KNOWN_SECRETS:
        assert secret not in text


def test_sample_with_task_no_log_gives_no_password_warning(module_process):
    args = dict(CONNECTION, name="alpha", db_pass="plain-pass")
    expected = module_process(SAMPLE, args, no_log=True)
    got = controller(SAMPLE, args, no_log=True)
    assert comparable(got) == comparable(expected)
    assert got["warnings"] == ["a warning from run() naming alpha"]


def test_the_sample_success_carries_what_ansible_module_adds():
    got = controller(SAMPLE, dict(CONNECTION, name="alpha", secret={"key": "dict-secret-value"}, db_pass="x1"))
    assert got["changed"] is True and got["sample"]["flag"] is True and got["sample"]["count"] == 3
    assert got["sample"]["echo"] == {"key": "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"}
    assert got["sample"]["note"] == "issued ********"
    # Only known secret values are masked: a key that reads like a credential holds ordinary data.
    assert got["sample"]["password"] == "shown-as-a-key"
    assert got["invocation"]["module_args"]["token"] == "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"
    assert got["invocation"]["module_args"]["secret"] == {"key": "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"}
    assert got["warnings"] == ["Module did not set no_log for db_pass", "a warning from run() naming alpha"]


def test_an_unexpected_exception_is_a_failure_without_secrets():
    def crash(module, api):
        api.redactor.add("crash-secret-9a9a")
        raise KeyError("crash-secret-9a9a and sample-token-7f3e")

    definition = ModuleDefinition("rpm", dict(name=dict(type="str")), sample_build_api, crash, "sample")
    got = controller(definition, dict(CONNECTION, name="alpha"), connections=TaskConnections())
    assert got["failed"] is True and "KeyError" in got["msg"]
    text = repr(got)  # the traceback included
    assert "crash-secret-9a9a" not in text and "Traceback" in text and "sample-token-7f3e" not in text


def warns_secrets(module, api):
    """Warnings that quote the token, and a secret the task learns only after the warning."""
    module.warn("the token %s was used" % module.params["token"])
    module.warn("the server named learned-late-5c5c")
    api.redactor.add("learned-late-5c5c")
    if module.params["name"] == "fail":
        raise InputError("failed after warning")
    return False, {"name": module.params["name"]}, None


WARNS_SECRETS = ModuleDefinition("rpm", dict(name=dict(type="str")), sample_build_api, warns_secrets, "sample")


@pytest.mark.parametrize("name", ["ok", "fail"])
def test_warnings_pass_through_the_redactor_both_ways(module_process, name):
    args = dict(CONNECTION, name=name)
    expected = module_process(WARNS_SECRETS, args)
    got = controller(WARNS_SECRETS, args)
    assert comparable(got) == comparable(expected)
    assert [message(w) for w in got["warnings"]] == ["the token ******** was used", "the server named ********"]
    for result in (expected, got):
        text = json.dumps(result, default=message)
        assert "sample-token-7f3e" not in text and "learned-late-5c5c" not in text


def test_exit_and_fail_json_from_run_end_the_task_like_a_module():
    def exits(module, api):
        module.fail_json(msg="stopped with %s" % module.params["token"], hint="look")

    definition = ModuleDefinition("rpm", dict(name=dict(type="str")), sample_build_api, exits, "sample")
    got = controller(definition, dict(CONNECTION, name="alpha"))
    assert got["failed"] is True and got["msg"] == "stopped with ********" and got["hint"] == "look"


def test_keywords_the_validator_lacks_send_the_task_to_the_module():
    definition = ModuleDefinition("rpm", {}, sample_build_api, sample_run, "sample", add_file_common_args=True)
    assert in_controller.unsupported_keywords(definition) == ["add_file_common_args"]
    assert in_controller.unsupported_keywords(SAMPLE) == []


# The collection's modules against the emulator ----------------------------------------------

def rpm(emu, **args):
    v = emu.connection_vars()
    return dict(api_url=v["rpm_api_url"], token=v["rpm_token"], **args)


def both_ways(emu, module_process, definition, args, check_mode=False):
    emu.reset()
    expected = module_process(definition, args, check_mode=check_mode)
    emu.reset()
    got = controller(definition, args, check_mode=check_mode)
    return expected, got


@pytest.mark.parametrize("check_mode", [True, False])
def test_rpm_environment_create(emu, module_process, check_mode):
    args = rpm(emu, name="fast-qa", environment_type="Testing", servers=["qa-app-01"], deployment_policy="opened")
    expected, got = both_ways(emu, module_process, rpm_environment.DEFINITION, args, check_mode)
    assert got["changed"] is True and got["diff"]["after"]["servers"] == ["qa-app-01"]
    assert comparable(got) == comparable(expected)


def test_rpm_environment_failures(emu, module_process):
    for args in (rpm(emu, name="fast-qa", servers=["no-such-server"]),
                 rpm(emu, name="fast-qa", deployment_policy="ajar"),
                 dict(rpm(emu, name="fast-qa"), api_url="ftp://nowhere")):
        expected, got = both_ways(emu, module_process, rpm_environment.DEFINITION, args)
        assert got["failed"] is True
        assert comparable(got) == comparable(expected)


def test_rpm_environment_info_with_credentials_from_the_environment(emu, module_process, monkeypatch):
    v = emu.connection_vars()
    monkeypatch.setenv("RPM_API_URL", v["rpm_api_url"])
    monkeypatch.setenv("RPM_TOKEN", v["rpm_token"])
    expected, got = both_ways(emu, module_process, rpm_environment_info.DEFINITION, {"name": "production"})
    assert got["environments"] and got["invocation"]["module_args"]["token"] == "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"
    assert comparable(got) == comparable(expected)


def test_missing_connection_option_message(emu, module_process, monkeypatch):
    monkeypatch.delenv("RPM_TOKEN", raising=False)
    monkeypatch.setenv("RPM_API_URL", emu.url + "/brpm")
    expected, got = both_ways(emu, module_process, rpm_environment_info.DEFINITION, {"name": "production"})
    assert got["msg"] == "missing required connection option: token (or the RPM_TOKEN environment variable)"
    assert comparable(got) == comparable(expected)


def test_flexdeploy_target_with_secret_properties(emu, module_process):
    v = emu.connection_vars()
    args = dict(api_url=v["flexdeploy_api_url"], username=v["flexdeploy_username"], password=v["flexdeploy_password"],
                environment="DEV", instance="SOA", secret_properties={"MDS_PASS": "new-admin-secret-42"},
                update_secrets="always")
    expected, got = both_ways(emu, module_process, flexdeploy_target.DEFINITION, args)
    assert got["changed"] is True
    assert "new-admin-secret-42" not in json.dumps(got)
    assert comparable(got) == comparable(expected)


def test_plutora_system_with_a_fetched_token(emu, module_process):
    v = emu.connection_vars()
    args = dict(api_url=v["plutora_api_url"], client_id=v["plutora_client_id"],
                client_secret=v["plutora_client_secret"], username=v["plutora_username"],
                password=v["plutora_password"], name="Fast System", vendor="Plutora", status="Active",
                organization="ABC Group")
    expected, got = both_ways(emu, module_process, plutora_system.DEFINITION, args)
    assert got["changed"] is True
    assert comparable(got) == comparable(expected)
    issued = emu.admin("GET", "/_admin/issued_tokens")
    assert issued and not [t for t in issued if t in json.dumps(got)]


def test_plutora_token_result_is_the_token_both_ways(emu, module_process):
    v = emu.connection_vars()
    args = dict(api_url=v["plutora_api_url"], client_id=v["plutora_client_id"],
                client_secret=v["plutora_client_secret"], username=v["plutora_username"],
                password=v["plutora_password"])
    expected, got = both_ways(emu, module_process, plutora_token.DEFINITION, args)
    assert got["access_token"] in emu.admin("GET", "/_admin/issued_tokens")
    assert plutora_token.DEFINITION.secret_result is True
    got["access_token"] = expected["access_token"] = "<token>"
    assert comparable(got) == comparable(expected)


def test_items_share_one_api_object_and_its_token(emu):
    v = emu.connection_vars()
    connections = TaskConnections().enter(("task-uuid", "localhost", 1))
    base = dict(api_url=v["plutora_api_url"], client_id=v["plutora_client_id"],
                client_secret=v["plutora_client_secret"], username=v["plutora_username"],
                password=v["plutora_password"], vendor="Plutora", status="Active", organization="ABC Group")
    emu.clear_log()
    for index in range(4):
        result = controller(plutora_system.DEFINITION, dict(base, name="Shared %d" % index), connections=connections)
        assert result["changed"] is True
    log = emu.requests()
    assert len([r for r in log if "oauth" in r["path"]]) == 1
    assert len([r for r in log if r["path"].endswith("/organizations")]) == 1  # look-up cache kept
    assert len(connections) == 1
    # Other credentials: another API object (and token); the same scope keeps both.
    controller(plutora_system.DEFINITION, dict(base, name="Shared 0", password=v["plutora_password"] + "x"),
               connections=connections)
    assert len(connections) == 2
    connections.enter(("next-task-uuid", "localhost", 1))
    assert len(connections) == 0


def test_a_refused_login_is_one_request_for_the_whole_loop(emu):
    """Items share the API object, so a refused login is remembered and not sent again (lockouts)."""
    v = emu.connection_vars()
    connections = TaskConnections().enter(("task-uuid", "localhost", 1))
    base = dict(api_url=v["plutora_api_url"], client_id=v["plutora_client_id"],
                client_secret=v["plutora_client_secret"], username=v["plutora_username"],
                password="wrong-password-loop-1")
    emu.clear_log()
    results = [controller(plutora_system_info.DEFINITION, dict(base, name="Sys %d" % index), connections=connections)
               for index in range(5)]
    assert [(r["method"], r["path"], r["status"]) for r in emu.requests()] == [("POST", "/plutora/oauth/token", 400)]
    assert all(r["failed"] for r in results)
    assert "refused the user credentials" in results[0]["msg"]
    assert set((r["msg"], r["status"], r["url"]) for r in results) == set([(results[0]["msg"], 400, results[0]["url"])])
    assert "wrong-password-loop-1" not in json.dumps(results, default=repr)
    # Other credentials are another login, asked once too; the next task asks again.
    controller(plutora_system_info.DEFINITION, dict(base, name="Sys", password=v["plutora_password"]),
               connections=connections)
    connections.enter(("next-task-uuid", "localhost", 1))
    controller(plutora_system_info.DEFINITION, dict(base, name="Sys"), connections=connections)
    tokens = [(r["status"]) for r in emu.requests() if r["path"] == "/plutora/oauth/token"]
    assert tokens == [400, 200, 400]


def test_redactor_of_a_shared_api_keeps_masking_earlier_secrets():
    connections = TaskConnections().enter(("t", "h", 1))
    redactor = Redactor(["first-secret-value"])
    connections.keep("rpm", CONNECTION, redactor, object())
    assert connections.lookup("rpm", CONNECTION) == (redactor, connections.lookup("rpm", CONNECTION)[1])
    assert connections.lookup("rpm", dict(CONNECTION, token="other-token")) == (None, None)
    assert "first-secret-value" in connections.secrets()
