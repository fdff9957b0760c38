# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A core the fast path does not know never turns a working module into a failing task.

Each private interface of core_interfaces.PRIVATE_INTERFACES is taken away (or made to behave
differently) the way a new ansible-core could: the task then runs as its module, with one warning
naming the core version for the whole loop, and nothing was sent before. After a request has gone
out, an answer the core cannot read still comes back as the task's result. And when the fast path
cannot even be imported, the action plugins still load and run their modules.
"""

from __future__ import absolute_import, division, print_function

import importlib
import os
import shutil
import subprocess
import sys
from unittest import mock

import pytest
import yaml

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.plugins.action import ActionBase
from ansible.plugins.action.normal import ActionModule as NormalAction
from ansible.release import __version__ as CORE_VERSION

from ansible_collections.envops.environments.plugins.action import rpm_environment as rpm_action
from ansible_collections.envops.environments.plugins.plugin_utils import core_interfaces, fast_path
from ansible_collections.envops.environments.plugins.plugin_utils.task_connections import TASK_CONNECTIONS

from action_stand_in import MODULE_RESULT, make_action

COLLECTION = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
ANSIBLE_PLAYBOOK = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")


class ResultWithoutPrivateFields:
    """An ArgumentSpecValidator result as a core might return it: the public fields only."""

    def __init__(self, result):
        self.validated_parameters = result.validated_parameters
        self.errors = result.errors
        self.error_messages = result.error_messages


def validator_without_private_fields(monkeypatch):
    validate = ArgumentSpecValidator.validate
    monkeypatch.setattr(ArgumentSpecValidator, "validate",
                        lambda self, parameters: ResultWithoutPrivateFields(validate(self, parameters)))


def validator_that_finds_no_no_log_value(monkeypatch):
    validate = ArgumentSpecValidator.validate

    def without_no_log_values(self, parameters):
        result = validate(self, parameters)
        result._no_log_values = set()
        return result
    monkeypatch.setattr(ArgumentSpecValidator, "validate", without_no_log_values)


def reader_removed(monkeypatch):
    monkeypatch.delattr(ActionBase, "_parse_returned_data")


def reader_with_another_signature(monkeypatch):
    monkeypatch.setattr(ActionBase, "_parse_returned_data", lambda self, res, profile, extra: {})


def reader_that_returns_something_else(monkeypatch):
    monkeypatch.setattr(ActionBase, "_parse_returned_data", lambda self, *args: ["not", "a", "result"])


def environment_removed(monkeypatch):
    monkeypatch.delattr(ActionBase, "_compute_environment_string")


CORE_CHANGES = {
    "ValidationResult without its private fields": validator_without_private_fields,
    "ValidationResult._no_log_values empty": validator_that_finds_no_no_log_value,
    "ActionBase._parse_returned_data removed": reader_removed,
    "ActionBase._parse_returned_data with another signature": reader_with_another_signature,
    "ActionBase._parse_returned_data returning something else": reader_that_returns_something_else,
    "ActionBase._compute_environment_string removed": environment_removed,
}


@pytest.fixture(autouse=True)
def fresh_worker(monkeypatch):
    """Each test is a new worker process: nothing probed, nothing warned yet."""
    monkeypatch.setattr(core_interfaces, "_probed", {})
    monkeypatch.setattr(fast_path, "_warned_fallbacks", set())
    monkeypatch.delenv(fast_path.SWITCH_ENVIRONMENT, raising=False)
    yield
    TASK_CONNECTIONS.close()


@pytest.fixture
def warnings(monkeypatch):
    shown = mock.MagicMock()
    monkeypatch.setattr(fast_path.display, "warning", shown)
    return shown


def rpm_task(emu, name):
    return make_action(rpm_action.ActionModule, "envops.environments.rpm_environment",
                       emu.module_options("rpm", name=name, deployment_policy="closed"))


def test_every_private_interface_is_named_in_the_fast_path_docstring():
    for interface in core_interfaces.PRIVATE_INTERFACES:
        for name in interface.name.split(", "):
            assert "`%s`" % name in fast_path.__doc__, name


@pytest.mark.parametrize("change", sorted(CORE_CHANGES))
def test_a_core_without_an_interface_runs_the_loop_as_modules_with_one_warning(emu, monkeypatch, warnings, change):
    CORE_CHANGES[change](monkeypatch)
    emu.clear_log()
    for item in range(3):
        action = rpm_task(emu, "loop-%d" % item)  # Ansible may create a new action plugin for every item
        result = action.run(task_vars={"inventory_hostname": "localhost"})
        assert action._execute_module.call_count == 1 and result == MODULE_RESULT
    assert emu.requests() == []  # the probe came before any request of the fast path
    assert warnings.call_count == 1
    text = warnings.call_args.args[0]
    assert "ansible-core %s" % CORE_VERSION in text and "run as modules" in text


def test_the_probes_run_once_per_worker(emu, monkeypatch):
    probe = mock.MagicMock(return_value=None)
    monkeypatch.setattr(core_interfaces, "PRIVATE_INTERFACES", (core_interfaces.PrivateInterface("x", "y", probe),))
    for item in range(3):
        action = rpm_task(emu, "loop-%d" % item)
        action.run(task_vars={})
        assert not action._execute_module.called
    assert probe.call_count == 1


def test_a_task_that_cannot_be_prepared_runs_as_its_module(emu, monkeypatch, warnings):
    def broken(args):
        raise TypeError("a new core's encoder refuses these arguments")
    monkeypatch.setattr(core_interfaces, "as_module_arguments", broken)
    emu.clear_log()
    action = rpm_task(emu, "prepared")
    assert action.run(task_vars={}) == MODULE_RESULT
    assert action._execute_module.call_count == 1 and emu.requests() == []
    assert "preparing envops.environments.rpm_environment failed: TypeError" in warnings.call_args.args[0]


def test_an_answer_the_core_cannot_read_comes_back_as_plain_json(emu, monkeypatch, warnings):
    def unreadable(action, answer):
        raise ValueError("a new core's reader chokes")
    monkeypatch.setattr(core_interfaces, "read_module_answer", unreadable)
    emu.clear_log()
    action = rpm_task(emu, "unreadable")
    result = action.run(task_vars={})
    assert not action._execute_module.called  # never sent twice
    assert result["changed"] is True and result["environment"]["name"] == "unreadable"
    assert [r["method"] for r in emu.requests()].count("POST") == 1
    assert "could not read the answer" in warnings.call_args.args[0]
    assert emu.connection_vars()["rpm_token"] not in repr(result)


def test_an_answer_the_core_cannot_mask_never_shows_a_secret(emu, monkeypatch):
    def broken(answer, no_log_values):
        raise RuntimeError("a new core's masking fails")
    monkeypatch.setattr(core_interfaces, "keep_no_log_values_out", broken)
    action = rpm_task(emu, "masked")
    result = action.run(task_vars={"ansible_inject_invocation": True})
    assert result["changed"] is True and "invocation" not in result
    assert emu.connection_vars()["rpm_token"] not in repr(result)


def test_the_action_plugins_load_when_the_fast_path_cannot(emu, monkeypatch):
    """An import error in plugin_utils: the action plugin is ansible.builtin.normal's, with a warning."""
    shown = mock.MagicMock()
    monkeypatch.setattr("ansible.utils.display.Display.warning", shown)
    monkeypatch.setitem(sys.modules, "ansible_collections.envops.environments.plugins.plugin_utils.fast_path", None)
    try:
        degraded = importlib.reload(rpm_action)
        assert degraded.ActionModule.__mro__[1] is NormalAction
        assert "controller fast path cannot load on ansible-core %s" % CORE_VERSION in shown.call_args.args[0]
        action = make_action(degraded.ActionModule, "envops.environments.rpm_environment", {"name": "x"})
        assert action.run(task_vars={}) == MODULE_RESULT and action._execute_module.call_count == 1
    finally:
        monkeypatch.undo()
        importlib.reload(rpm_action)
    assert issubclass(rpm_action.ActionModule, fast_path.FastPathAction)


@pytest.mark.parametrize("switch", ["true", "false"])
def test_a_playbook_runs_its_modules_when_plugin_utils_is_broken(emu, tmp_path, switch):
    """Before: an import error in plugin_utils aborted the whole ansible-playbook run (rc 250)."""
    root = tmp_path / "collections"
    copy = root / "ansible_collections" / "envops" / "environments"
    for part in ("plugins", "meta", "galaxy.yml"):
        source = os.path.join(COLLECTION, part)
        if os.path.isdir(source):
            shutil.copytree(source, str(copy / part), ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, str(copy / part))
    (copy / "plugins" / "plugin_utils" / "fast_path.py").write_text("raise ImportError('simulated: moved by a new core')\n")
    out = tmp_path / "result.json"
    play = [{"hosts": "localhost", "gather_facts": False, "tasks": [
        {"name": "info", "register": "found",
         "envops.environments.rpm_environment_info": emu.module_options("rpm", name="production")},
        {"ansible.builtin.copy": {"dest": str(out), "content": "{{ found | to_json }}"}}]}]
    playbook = tmp_path / "play.yml"
    playbook.write_text(yaml.safe_dump(play))
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(root), ANSIBLE_PYTHON_INTERPRETER=sys.executable,
               ANSIBLE_LOCALHOST_WARNING="0", ANSIBLE_INVENTORY_UNPARSED_WARNING="0", ANSIBLE_NOCOLOR="1",
               ENVOPS_CONTROLLER_FAST_PATH=switch)
    proc = subprocess.run([ANSIBLE_PLAYBOOK, "-i", "localhost,", "-c", "local", str(playbook)], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "cannot load on ansible-core" in " ".join(proc.stdout.split())
    assert yaml.safe_load(out.read_text())["environments"][0]["name"] == "production"
