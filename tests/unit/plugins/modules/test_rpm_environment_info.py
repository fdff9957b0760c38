# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""rpm_environment_info, run in-process against the emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.envops.environments.plugins.modules import rpm_environment, rpm_environment_info


def conn(emu, **args):
    return emu.module_options("rpm", **args)


def names(result):
    return [e["name"] for e in result["environments"]]


def deactivate_production(emu, run_module):
    result, failed = run_module(rpm_environment, conn(emu, name="production", state="absent"))
    assert not failed and result["changed"]
    emu.clear_log()


def test_list_all_includes_inactive_in_one_request(emu, run_module):
    deactivate_production(emu, run_module)
    result, failed = run_module(rpm_environment_info, conn(emu))
    assert not failed
    assert result["changed"] is False
    assert names(result) == ["aws_cloud", "production"]
    assert [e["active"] for e in result["environments"]] == [True, False]
    log = emu.requests()
    # One search for the environments; module_args adds one list per related kind, never one per record.
    assert [(r["method"], r["path"]) for r in log] == [
        ("GET", "/brpm/v1/environments"), ("GET", "/brpm/v1/environment_types"),
        ("GET", "/brpm/v1/servers"), ("GET", "/brpm/v1/server_groups")]
    assert "filters[active]=true" in log[0]["query"] and "filters[inactive]=true" in log[0]["query"]


def test_active_filter_both_ways(emu, run_module):
    deactivate_production(emu, run_module)
    active, failed = run_module(rpm_environment_info, conn(emu, active=True))
    assert not failed and names(active) == ["aws_cloud"]
    inactive, failed = run_module(rpm_environment_info, conn(emu, active=False))
    assert not failed and names(inactive) == ["production"]


def test_name_is_case_insensitive_with_wildcard(emu, run_module):
    result, failed = run_module(rpm_environment_info, conn(emu, name="PROD%"))
    assert not failed
    assert names(result) == ["production"]
    assert result["environments"][0]["environment_type"]["name"] == "Production"
    assert [s["name"] for s in result["environments"][0]["servers"]] == [
        "Test Server 1", "Test Server 2", "Test Server 3"]


def test_no_match_is_an_empty_list_not_an_error(emu, run_module):
    # RPM answers 404 with a one-space body when a search finds nothing.
    result, failed = run_module(rpm_environment_info, conn(emu, name="no-such-env"))
    assert not failed
    assert result == {"changed": False, "environments": []}
    assert emu.requests()[-1]["status"] == 404


def test_by_id_and_missing_id(emu, run_module):
    result, failed = run_module(rpm_environment_info, conn(emu, id=1))
    assert not failed and names(result) == ["aws_cloud"]
    assert [(r["method"], r["path"]) for r in emu.requests()][0] == ("GET", "/brpm/v1/environments/1")
    missing, failed = run_module(rpm_environment_info, conn(emu, id=999))
    assert not failed and missing["environments"] == []


def test_by_id_respects_the_active_filter(emu, run_module):
    deactivate_production(emu, run_module)
    result, failed = run_module(rpm_environment_info, conn(emu, id=2, active=True))
    assert not failed and result["environments"] == []
    result, failed = run_module(rpm_environment_info, conn(emu, id=2, active=False))
    assert not failed and names(result) == ["production"]


def test_environment_type_by_name_and_id(emu, run_module):
    created, failed = run_module(rpm_environment, conn(emu, name="qa-info", environment_type="Testing"))
    assert not failed and created["changed"]
    by_name, failed = run_module(rpm_environment_info, conn(emu, environment_type="Testing"))
    assert not failed and names(by_name) == ["qa-info"]
    by_id, failed = run_module(rpm_environment_info, conn(emu, environment_type="4"))
    assert not failed and names(by_id) == ["aws_cloud", "production"]


def test_unknown_environment_type_names_close_matches(emu, run_module):
    result, failed = run_module(rpm_environment_info, conn(emu, environment_type="Stagin"))
    assert failed
    assert "environment_type" in result["msg"] and "Staging" in result["msg"]


def test_id_and_name_are_mutually_exclusive(emu, run_module):
    result, failed = run_module(rpm_environment_info, conn(emu, id=1, name="aws_cloud"))
    assert failed
    assert "mutually exclusive" in result["msg"]
    assert emu.requests() == []


def test_check_mode_reads_the_same_and_never_writes(emu, run_module):
    result, failed = run_module(rpm_environment_info, conn(emu, name="production"), check_mode=True)
    assert not failed and result["changed"] is False and names(result) == ["production"]
    assert all(r["method"] == "GET" for r in emu.requests())


def test_bad_token_fails_without_showing_it(emu, run_module):
    result, failed = run_module(rpm_environment_info, conn(emu, token="wrong-info-token-77"))
    assert failed
    assert result["status"] == 403
    assert "Invalid API Key" in result["msg"]
    assert "wrong-info-token-77" not in repr(result)
    assert "token=********" in result["url"]
