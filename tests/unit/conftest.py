# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared fixtures: a running emulator (for tests that talk HTTP) and module-running helpers.

Unit tests run from the staged tree build/ansible_collections/envops/environments (scripts/test.sh
unit), so `ansible_collections.envops.environments` imports resolve to the code under test.
"""

from __future__ import absolute_import, division, print_function

import json
import os
import sys

import pytest

UNIT_DIR = os.path.dirname(os.path.abspath(__file__))
TESTS_DIR = os.path.dirname(UNIT_DIR)
for path in (TESTS_DIR, UNIT_DIR):  # harness.py; action_stand_in.py
    if path not in sys.path:
        sys.path.insert(0, path)

from action_stand_in import make_action  # noqa: E402
from harness import Emulator  # noqa: E402


@pytest.fixture(scope="session")
def emulator():
    with Emulator() as emu:
        yield emu


@pytest.fixture
def emu(emulator):
    """The session's emulator, reset to its seed data for this test."""
    emulator.reset()
    return emulator


class ModuleExit(Exception):
    def __init__(self, result, failed):
        super(ModuleExit, self).__init__(result.get("msg"))
        self.result = result
        self.failed = failed


def run_module_main(monkeypatch, module, args, check_mode=False, diff=False):
    """Run a module's main() in-process with `args`; return (result dict, failed flag)."""
    from ansible.module_utils import basic
    from ansible.module_utils.common.text.converters import to_bytes

    payload = dict(args)
    payload["_ansible_check_mode"] = check_mode
    payload["_ansible_diff"] = diff
    payload["_ansible_remote_tmp"] = "/tmp"
    payload["_ansible_keep_remote_files"] = False
    monkeypatch.setattr(basic, "_ANSIBLE_ARGS", to_bytes(json.dumps({"ANSIBLE_MODULE_ARGS": payload})))
    monkeypatch.setattr(basic, "_ANSIBLE_PROFILE", "legacy", raising=False)

    def exit_json(self, **kwargs):
        raise ModuleExit(kwargs, False)

    def fail_json(self, msg, **kwargs):
        kwargs["msg"] = msg
        raise ModuleExit(kwargs, True)

    monkeypatch.setattr(basic.AnsibleModule, "exit_json", exit_json)
    monkeypatch.setattr(basic.AnsibleModule, "fail_json", fail_json)
    try:
        module.main()
    except ModuleExit as done:
        return done.result, done.failed
    raise AssertionError("the module returned without exit_json or fail_json")


@pytest.fixture
def run_module(monkeypatch):
    def runner(module, args, check_mode=False, diff=False):
        return run_module_main(monkeypatch, module, args, check_mode=check_mode, diff=diff)
    return runner


@pytest.fixture
def warnings(monkeypatch):
    """Messages the modules pass to module.warn()."""
    from ansible.module_utils import basic
    seen = []
    monkeypatch.setattr(basic.AnsibleModule, "warn", lambda self, message, *args, **kwargs: seen.append(message))
    return seen


@pytest.fixture
def stand_in_action():
    """action_stand_in.make_action: an action plugin of this collection with a stand-in task and connection."""
    return make_action
