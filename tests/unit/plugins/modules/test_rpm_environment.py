# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""rpm_environment module logic, run in-process against the emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.envops.environments.plugins.modules import rpm_environment


def conn(emu, **args):
    return emu.module_options("rpm", **args)


def writes(emu):
    return [r for r in emu.requests() if r["method"] != "GET"]


def test_check_mode_create_sends_no_write(emu, run_module):
    result, failed = run_module(rpm_environment, conn(emu, name="new-env", servers=["Test Server 1"]),
                                check_mode=True)
    assert not failed
    assert result["changed"] is True
    assert result["diff"]["after"]["servers"] == ["Test Server 1"]
    assert writes(emu) == []


def test_create_then_converged(emu, run_module):
    args = conn(emu, name="new-env", environment_type="Staging", server_groups=["QA Web", "QA Data"],
                default_server_group="QA Data")
    first, failed = run_module(rpm_environment, args)
    assert not failed and first["changed"]
    emu.clear_log()
    second, failed = run_module(rpm_environment, args)
    assert not failed and second["changed"] is False
    # Converged: one search, no look-up of types or groups, no write.
    assert [(r["method"], r["path"]) for r in emu.requests()] == [("GET", "/brpm/v1/environments")]


def test_ids_and_names_are_equivalent(emu, run_module):
    result, failed = run_module(rpm_environment, conn(emu, name="production", servers=["1", "Test Server 2", "3"]))
    assert not failed
    assert result["changed"] is False


def test_omitted_options_are_left_alone(emu, run_module):
    result, failed = run_module(rpm_environment, conn(emu, name="production", deployment_policy="closed"))
    assert not failed and result["changed"]
    env = result["environment"]
    assert [s["name"] for s in env["servers"]] == ["Test Server 1", "Test Server 2", "Test Server 3"]
    assert env["environment_type"]["name"] == "Production"


def test_unknown_environment_type_lists_close_matches(emu, run_module):
    result, failed = run_module(rpm_environment, conn(emu, name="production", environment_type="Productoin"))
    assert failed
    assert "environment_type" in result["msg"] and "Production" in result["msg"]
    assert writes(emu) == []


def test_unknown_server_id_fails_before_write(emu, run_module):
    result, failed = run_module(rpm_environment, conn(emu, name="x-env", servers=["999"]))
    assert failed
    assert "no server with id 999" in result["msg"]
    assert writes(emu) == []


def test_absent_missing_is_unchanged(emu, run_module):
    result, failed = run_module(rpm_environment, conn(emu, name="never-existed", state="absent"))
    assert not failed and result["changed"] is False
    assert writes(emu) == []


def test_missing_connection_option_is_a_clear_error(emu, run_module, monkeypatch):
    monkeypatch.delenv("RPM_TOKEN", raising=False)
    result, failed = run_module(rpm_environment, {"api_url": emu.url + "/brpm", "name": "x"})
    assert failed
    assert "token (or the RPM_TOKEN environment variable)" in result["msg"]


def test_connection_from_environment_variables(emu, run_module, monkeypatch):
    monkeypatch.setenv("RPM_API_URL", emu.url + "/brpm")
    monkeypatch.setenv("RPM_TOKEN", emu.connection_vars()["rpm_token"])
    result, failed = run_module(rpm_environment, {"name": "production"})
    assert not failed and result["changed"] is False


def test_token_never_in_result(emu, run_module):
    token = emu.connection_vars()["rpm_token"]
    result, failed = run_module(rpm_environment, conn(emu, name="production", servers=["nope-server"]))
    assert failed
    assert token not in repr(result)


def test_check_mode_plans_pending_servers_by_name(emu, run_module):
    """A role run in check mode: rpm_server created nothing, so the new servers are planned by name."""
    args = conn(emu, name="QA2", servers=["qa2-app-01", "qa-app-01"], pending_servers=["qa2-app-01", "qa2-app-02"])
    result, failed = run_module(rpm_environment, args, check_mode=True, diff=True)
    assert not failed, result
    assert result["changed"] is True
    assert result["diff"]["after"]["servers"] == ["qa-app-01", "qa2-app-01"]
    assert sorted(result["environment"]["servers"], key=lambda s: s["name"]) == [
        {"id": 4, "name": "qa-app-01"}, {"id": None, "name": "qa2-app-01"}]
    assert writes(emu) == []


def test_pending_servers_change_an_existing_environment_in_check_mode(emu, run_module):
    args = conn(emu, name="production", servers=["Test Server 1", "qa2-app-01"], pending_servers=["qa2-app-01"])
    result, failed = run_module(rpm_environment, args, check_mode=True, diff=True)
    assert not failed and result["changed"]
    assert result["diff"]["before"]["servers"] == ["Test Server 1", "Test Server 2", "Test Server 3"]
    assert result["diff"]["after"]["servers"] == ["Test Server 1", "qa2-app-01"]


def test_an_unknown_server_that_is_not_pending_still_fails_in_check_mode(emu, run_module):
    args = conn(emu, name="QA2", servers=["qa2-app-01", "qa2-ap-02"], pending_servers=["qa2-app-01", "qa2-app-02"])
    result, failed = run_module(rpm_environment, args, check_mode=True)
    assert failed
    assert "servers: no server named 'qa2-ap-02'" in result["msg"]


def test_pending_servers_change_nothing_outside_check_mode(emu, run_module):
    args = conn(emu, name="QA2", servers=["qa2-app-01"], pending_servers=["qa2-app-01"])
    result, failed = run_module(rpm_environment, args)
    assert failed
    assert "servers: no server named 'qa2-app-01'" in result["msg"]
    assert writes(emu) == []
