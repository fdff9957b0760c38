# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""plutora_environment_group in-process against the emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.envops.environments.plugins.modules import plutora_environment_group as module

PLUTORA_ENV = ("PLUTORA_API_URL", "PLUTORA_AUTH_URL", "PLUTORA_CLIENT_ID", "PLUTORA_CLIENT_SECRET",
               "PLUTORA_USERNAME", "PLUTORA_PASSWORD", "PLUTORA_ACCESS_TOKEN")


@pytest.fixture(autouse=True)
def no_plutora_environment(monkeypatch):
    for name in PLUTORA_ENV:
        monkeypatch.delenv(name, raising=False)


def conn(emu, **args):
    return emu.module_options("plutora", **args)


def writes(emu):
    return [(r["method"], r["path"]) for r in emu.requests()
            if r["method"] != "GET" and not r["path"].endswith("/oauth/token")]


ENVS = ["Core Banking Env 001", "Core Banking Env 002"]
LINK = {"source": "Core Banking Env 001", "target": "Core Banking Env 002", "type": "HTTPS", "direction": "InAndOut"}


def group(emu, **extra):
    args = conn(emu, name="My Environment Group", description="My Environment Group description", color="#ffffff",
                environments=ENVS, connections=[LINK])
    args.update(extra)
    return args


def test_check_mode_create_sends_no_write(emu, run_module):
    result, failed = run_module(module, group(emu), check_mode=True)
    assert not failed, result
    assert result["changed"] is True
    assert result["diff"]["after"]["environments"] == ENVS
    assert result["diff"]["after"]["connections"] == [dict(LINK)]
    assert writes(emu) == []


def test_create_then_converged_without_duplicate_connectivities(emu, run_module):
    created, failed = run_module(module, group(emu))
    assert not failed, created
    assert created["changed"] is True
    assert [m for m, _p in writes(emu)] == ["POST", "POST"]
    assert created["environment_group"]["connections"] == [dict(LINK)]
    emu.clear_log()
    again, failed = run_module(module, group(emu, environments=list(reversed(ENVS)),
                                             connections=[dict(LINK, type="https")]))
    assert not failed, again
    assert again["changed"] is False
    assert writes(emu) == []
    paths = [r["path"].lower() for r in emu.requests()]
    gid = created["environment_group"]["id"]
    assert paths == ["/plutora/oauth/token", "/plutora/environmentgroups", "/plutora/environmentgroups/" + gid,
                     "/plutora/environments", "/plutora/connectivities"]


def test_membership_change_and_new_connection(emu, run_module):
    run_module(module, group(emu))
    emu.clear_log()
    envs = ENVS + ["Core Banking Env 003"]
    links = [LINK, {"source": "Core Banking Env 003", "target": "Core Banking Env 001", "type": "File",
                    "direction": "Out"}]
    result, failed = run_module(module, group(emu, environments=envs, connections=links), diff=True)
    assert not failed, result
    assert [m for m, _p in writes(emu)] == ["PUT", "POST"]
    assert result["diff"]["before"]["environments"] == ENVS
    assert result["diff"]["after"]["environments"] == envs
    assert len(result["environment_group"]["connections"]) == 2


def test_connection_to_an_environment_outside_the_group_is_refused(emu, run_module):
    bad = dict(LINK, target="Core Banking Env 009")
    result, failed = run_module(module, group(emu, connections=[bad]))
    assert failed
    assert "connections[0].target" in result["msg"] and "not in the group" in result["msg"]
    assert writes(emu) == []


def test_unknown_connectivity_type_lists_values(emu, run_module):
    result, failed = run_module(module, group(emu, connections=[dict(LINK, type="SFTP")]))
    assert failed
    assert "'SFTP' is not a EnvironmentMapConnectivityType value" in result["msg"]
    assert "HTTPS" in result["msg"] and "Web Services" in result["msg"]
    assert writes(emu) == []


def test_invalid_color_fails_before_any_request(emu, run_module):
    result, failed = run_module(module, group(emu, color="#12345"))
    assert failed
    assert "color: '#12345'" in result["msg"] and "#rrggbb" in result["msg"]
    assert emu.requests() == []


def test_create_needs_environments(emu, run_module):
    result, failed = run_module(module, conn(emu, name="Empty group"))
    assert failed
    assert "needs environments" in result["msg"]
    assert writes(emu) == []


def test_unknown_environment_is_an_input_error(emu, run_module):
    result, failed = run_module(module, group(emu, environments=["Core Banking Env 001", "Nope Env"], connections=None))
    assert failed
    assert "environments: no environment named 'Nope Env'" in result["msg"]
    assert writes(emu) == []


def test_absent_deletes_then_is_unchanged(emu, run_module):
    run_module(module, group(emu))
    result, failed = run_module(module, conn(emu, name="My Environment Group", state="absent"))
    assert not failed and result["changed"]
    assert result["diff"]["before"]["environments"] == ENVS
    again, failed = run_module(module, conn(emu, name="My Environment Group", state="absent"))
    assert not failed and again["changed"] is False
