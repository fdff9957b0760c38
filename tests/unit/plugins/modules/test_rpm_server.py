# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""rpm_server and rpm_server_info, run in-process against the emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible_collections.envops.environments.plugins.modules import rpm_server, rpm_server_info
from seed_api import ApiSeeder, writes

QA2 = dict(name="qa2-app-01", dns="qa2-app-01.example.com", ip_address="10.0.0.21", os_platform="Linux")


def conn(emu, **args):
    return emu.module_options("rpm", **args)


def requests_of(emu):
    return [(r["method"], r["path"]) for r in emu.requests()]


def server_named(emu, name):
    return next(s for s in ApiSeeder(emu).rpm("GET", "servers?filters[active]=true&filters[inactive]=true")
                if s["name"] == name)


def test_check_mode_create_predicts_and_sends_no_write(emu, run_module):
    result, failed = run_module(rpm_server, conn(emu, **QA2), check_mode=True, diff=True)
    assert not failed, result
    assert result["changed"] is True
    assert result["server"] == dict(QA2, id=None, active=True)
    assert result["diff"] == {"before": {}, "after": dict(QA2, active=True)}
    assert writes(emu.requests()) == []


def test_create_then_converged_with_one_search(emu, run_module):
    first, failed = run_module(rpm_server, conn(emu, **QA2))
    assert not failed and first["changed"], first
    assert first["server"]["id"] > 6 and first["server"]["dns"] == QA2["dns"]
    assert writes(emu.requests()) == [("POST", "/brpm/v1/servers")]
    emu.clear_log()
    second, failed = run_module(rpm_server, conn(emu, **QA2))
    assert not failed and second["changed"] is False
    assert requests_of(emu) == [("GET", "/brpm/v1/servers")]
    assert emu.requests()[0]["query"].endswith("filters[name]=%qa2-app-01%&filters[active]=true&filters[inactive]=true")


def test_only_the_options_given_change(emu, run_module):
    result, failed = run_module(rpm_server, conn(emu, name="qa-app-01", ip_address="10.0.1.99"), diff=True)
    assert not failed and result["changed"]
    assert result["diff"]["before"]["ip_address"] == "10.0.1.21" and result["diff"]["after"]["ip_address"] == "10.0.1.99"
    assert result["server"]["dns"] == "qa-app-01.example.local" and result["server"]["os_platform"] == "Linux"
    assert writes(emu.requests()) == [("PUT", "/brpm/v1/servers/4")]


def test_the_name_picks_exactly_without_case_and_blanks_and_renames_to_the_spelling_asked(emu, run_module):
    # qa-app-01 and qa-app-010: the wildcard search finds both, the picker takes the exact one.
    ApiSeeder(emu).rpm("POST", "servers", {"server": {"name": "qa-app-010"}})
    same, failed = run_module(rpm_server, conn(emu, name="  qa-app-01 ", os_platform="Linux"))
    assert not failed and same["changed"] is False and same["server"]["id"] == 4
    renamed, failed = run_module(rpm_server, conn(emu, name="QA-APP-01"))
    assert not failed and renamed["changed"] and renamed["server"]["name"] == "QA-APP-01"
    assert renamed["server"]["id"] == 4


def test_an_empty_text_and_no_value_are_the_same(emu, run_module):
    created, failed = run_module(rpm_server, conn(emu, name="bare-01"))
    assert not failed and created["server"]["dns"] is None
    emu.clear_log()
    again, failed = run_module(rpm_server, conn(emu, name="bare-01", dns="", ip_address=""))
    assert not failed and again["changed"] is False
    assert writes(emu.requests()) == []


def test_absent_deactivates_once_then_reactivates(emu, run_module):
    gone, failed = run_module(rpm_server, conn(emu, name="uat-app-01", state="absent"), diff=True)
    assert not failed and gone["changed"] and gone["server"]["active"] is False
    assert gone["diff"]["before"]["active"] is True and gone["diff"]["after"]["active"] is False
    # The DELETE, then a read that proves the server is inactive.
    assert requests_of(emu)[-2:] == [("DELETE", "/brpm/v1/servers/6"), ("GET", "/brpm/v1/servers/6")]
    assert server_named(emu, "uat-app-01")["active"] is False
    emu.clear_log()
    again, failed = run_module(rpm_server, conn(emu, name="uat-app-01", state="absent"))
    assert not failed and again["changed"] is False and writes(emu.requests()) == []
    back, failed = run_module(rpm_server, conn(emu, name="uat-app-01", active=True))
    assert not failed and back["changed"] and back["server"]["active"] is True and back["server"]["id"] == 6


def test_absent_in_check_mode_and_of_a_missing_server_write_nothing(emu, run_module):
    planned, failed = run_module(rpm_server, conn(emu, name="uat-app-01", state="absent"), check_mode=True)
    assert not failed and planned["changed"] and planned["server"]["active"] is False
    missing, failed = run_module(rpm_server, conn(emu, name="never-there", state="absent"))
    assert not failed and missing["changed"] is False and missing["server"] is None
    assert writes(emu.requests()) == []
    assert server_named(emu, "uat-app-01")["active"] is True


def test_mistakes_fail_before_any_request(emu, run_module):
    for args, words in ((dict(name="x", state="absent", active=True), ["active=true", "state=absent"]),
                        (dict(name="  "), ["name: must not be empty or blank"]),
                        (dict(name="s" * 256), ["name: at most 255 characters"])):
        emu.clear_log()
        result, failed = run_module(rpm_server, conn(emu, **args))
        assert failed, args
        assert all(word in result["msg"] for word in words), result["msg"]
        assert emu.requests() == []


def test_info_by_name_pattern_id_and_active_flag(emu, run_module):
    run_module(rpm_server, conn(emu, name="qa-db-01", state="absent"))
    both, failed = run_module(rpm_server_info, conn(emu, name="qa-%"))
    assert not failed and both["changed"] is False
    assert [(s["name"], s["active"]) for s in both["servers"]] == [("qa-app-01", True), ("qa-db-01", False)]
    assert both["servers"][1]["module_args"] == {"name": "qa-db-01", "dns": "qa-db-01.example.local",
                                                 "ip_address": "10.0.1.22", "os_platform": "Linux", "active": False}
    active, failed = run_module(rpm_server_info, conn(emu, name="qa-%", active=True, module_args=False))
    assert [s["name"] for s in active["servers"]] == ["qa-app-01"] and "module_args" not in active["servers"][0]
    one, failed = run_module(rpm_server_info, conn(emu, id=6))
    assert [s["name"] for s in one["servers"]] == ["uat-app-01"]
    none, failed = run_module(rpm_server_info, conn(emu, id=999))
    assert not failed and none["servers"] == []
    nothing, failed = run_module(rpm_server_info, conn(emu, name="no-such-%"))
    assert not failed and nothing["servers"] == []


def test_info_module_args_converge_with_no_write(emu, run_module):
    run_module(rpm_server, conn(emu, name="qa-db-01", state="absent"))
    run_module(rpm_server, conn(emu, name="bare-01"))
    listed, failed = run_module(rpm_server_info, conn(emu))
    assert not failed and len(listed["servers"]) == 7
    for server in listed["servers"]:
        emu.clear_log()
        result, failed = run_module(rpm_server, conn(emu, **server["module_args"]))
        assert not failed and result["changed"] is False, server
        assert writes(emu.requests()) == [], server


def test_the_token_never_shows(emu, run_module):
    token = emu.connection_vars()["rpm_token"]
    emu.configure(guesses={"rpm_server_writes": False})
    result, failed = run_module(rpm_server, conn(emu, **QA2))
    assert failed and "token=********" in result["url"]
    assert token not in json.dumps(result)
