# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""plutora_environment_info, plutora_system_info and plutora_environment_group_info against the emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.envops.environments.plugins.modules import (
    plutora_environment,
    plutora_environment_group,
    plutora_environment_group_info,
    plutora_environment_info,
    plutora_system,
    plutora_system_info,
)
from seed_api import ApiSeeder

SEEDED_ENVIRONMENTS = 120  # "Core Banking Env 001".."120" in the emulator's seed


def conn(emu, **args):
    return emu.module_options("plutora", **args)


def paths(emu):
    return [(r["method"], r["path"]) for r in emu.requests()]


@pytest.fixture
def payments(emu, run_module):
    """A system with two environments (one with hosts and layers) and a group of both."""
    for args in (
        dict(name="Payments", vendor="Acme", status="Active", organization="ABC Group"),
    ):
        result, failed = run_module(plutora_system, conn(emu, **args))
        assert not failed, result["msg"] if failed else None
    for args in (
        dict(name="Payments UAT", vendor="Acme", system="Payments", usage="UAT", status="Active",
             hosts=[{"name": "pay-uat-app01", "layers": [
                 {"component_name": "payments-api", "version": "2.4.1", "stack_layer": "Application"}]}]),
        dict(name="Payments SIT", vendor="Acme", system="Payments", usage="SIT", status="Under Build/Config"),
    ):
        result, failed = run_module(plutora_environment, conn(emu, **args))
        assert not failed, result.get("msg")
    result, failed = run_module(plutora_environment_group, conn(
        emu, name="Payments train", environments=["Payments UAT", "Payments SIT"]))
    assert not failed, result.get("msg")
    emu.clear_log()
    return emu


def test_environment_by_name_in_full(payments, run_module):
    result, failed = run_module(plutora_environment_info, conn(payments, name="payments uat"))
    assert not failed and result["changed"] is False
    [env] = result["environments"]
    assert env["name"] == "Payments UAT" and env["linkedSystem"] == "Payments"
    assert env["hosts"][0]["name"] == "pay-uat-app01"
    assert env["hosts"][0]["layers"][0]["componentName"] == "payments-api"
    assert env["hosts"][0]["layers"][0]["version"] == "2.4.1"
    # Token, one filtered list page, one full read; then, for module_args, one list of each kind the
    # record names (systems, and the three lookup types it uses), whatever the number of records.
    assert paths(payments)[:3] == [("POST", "/plutora/oauth/token"), ("GET", "/plutora/environments"),
                                   ("GET", "/plutora/environments/" + env["id"])]
    assert sorted(path.lower() for _m, path in paths(payments)[3:]) == [
        "/plutora/lookupfields/environmentstatus", "/plutora/lookupfields/stacklayer",
        "/plutora/lookupfields/usedforworkitem", "/plutora/systems"]
    assert "filter=" in payments.requests()[1]["query"]
    assert env["module_args"] == {
        "name": "Payments UAT", "vendor": "Acme", "system": "Payments", "usage": "UAT", "status": "Active",
        "color": "#ffffff", "shared": False, "purge_hosts": True,
        "hosts": [{"name": "pay-uat-app01", "layers": [
            {"component_name": "payments-api", "version": "2.4.1", "stack_layer": "Application"}]}]}


def test_list_reads_every_page(payments, run_module):
    result, failed = run_module(plutora_environment_info, conn(payments, details=False))
    assert not failed
    assert len(result["environments"]) == SEEDED_ENVIRONMENTS + 2
    listing = [r for r in payments.requests() if r["path"] == "/plutora/environments"]
    assert len(listing) == 2
    assert "pageNum=0" in listing[0]["query"] and "pageNum=1" in listing[1]["query"]
    assert {"id", "name", "linkedSystem", "status"} <= set(result["environments"][-1])


def test_filters_on_system_usage_and_status(payments, run_module):
    result, failed = run_module(plutora_environment_info, conn(payments, system="Payments", status="Active"))
    assert not failed
    assert [e["name"] for e in result["environments"]] == ["Payments UAT"]
    args = conn(payments, name_contains="payments", usage="SIT", details=False)
    result, failed = run_module(plutora_environment_info, args)
    assert not failed
    assert [e["name"] for e in result["environments"]] == ["Payments SIT"]
    assert result["environments"][0]["status"] == "Under Build/Config"


def test_no_match_and_unknown_guid_are_empty(payments, run_module):
    result, failed = run_module(plutora_environment_info, conn(payments, name="Nowhere"))
    assert not failed and result["environments"] == []
    result, failed = run_module(plutora_environment_info, conn(payments, id="00000000-0000-0000-0000-00000000ffff"))
    assert not failed and result["environments"] == []


def test_by_guid(payments, run_module):
    found, _failed = run_module(plutora_environment_info, conn(payments, name="Payments SIT", details=False))
    env_id = found["environments"][0]["id"]
    result, failed = run_module(plutora_environment_info, conn(payments, id=env_id.upper()))
    assert not failed
    assert [e["name"] for e in result["environments"]] == ["Payments SIT"]


def test_bad_input_is_refused_before_any_request(payments, run_module):
    result, failed = run_module(plutora_environment_info, conn(payments, id="Payments UAT"))
    assert failed and "id:" in result["msg"] and "GUID" in result["msg"]
    result, failed = run_module(plutora_environment_info, conn(payments, name="a`b"))
    assert failed and "name:" in result["msg"] and "backtick" in result["msg"]
    result, failed = run_module(plutora_environment_info, conn(payments, id="x", system="Payments"))
    assert failed and "mutually exclusive" in result["msg"]
    assert [p for p in paths(payments) if p[1] != "/plutora/oauth/token"] == []


@pytest.mark.parametrize("module, option", [
    (plutora_system_info, "name"), (plutora_system_info, "name_contains"),
    (plutora_environment_info, "name_contains"), (plutora_environment_info, "system"),
    (plutora_environment_info, "usage"), (plutora_environment_info, "status"),
    (plutora_environment_group_info, "name"), (plutora_environment_group_info, "name_contains"),
])
def test_a_backtick_in_a_filter_is_refused_naming_the_option(payments, run_module, module, option):
    result, failed = run_module(module, conn(payments, **{option: "a`b"}))
    assert failed and result["msg"] == "%s: Plutora's filter cannot hold a backtick (`): a`b" % option
    assert [p for p in paths(payments) if p[1] != "/plutora/oauth/token"] == []


def test_module_args_lists_only_the_namesakes_of_the_system(payments, run_module):
    """The system is named when no other system shares its name (without case or surrounding
    blanks); one list filtered on the name finds those, not a list of every system."""
    result, failed = run_module(plutora_environment_info, conn(payments, name="Payments UAT"))
    assert not failed and result["environments"][0]["module_args"]["system"] == "Payments"
    [systems] = [r for r in payments.requests() if r["path"] == "/plutora/systems"]
    assert "Contains" in systems["query"] and "Payments" in systems["query"]
    api = ApiSeeder(payments)
    api.plutora("POST", "systems", {"Name": " payments ", "Vendor": "Acme", "Status": "Active",
                                    "OrganizationId": api.plutora_organization("ABC Group")})
    again, failed = run_module(plutora_environment_info, conn(payments, name="Payments UAT"))
    assert not failed
    env = again["environments"][0]
    assert env["module_args"]["system"] == env["linkedSystemId"]


def test_check_mode_never_writes(payments, run_module):
    result, failed = run_module(plutora_environment_info, conn(payments, name="Payments UAT"), check_mode=True)
    assert not failed and result["changed"] is False and len(result["environments"]) == 1
    assert all(method == "GET" or path.endswith("/oauth/token") for method, path in paths(payments))


def test_token_and_password_never_in_result(payments, run_module):
    result, failed = run_module(plutora_environment_info, conn(payments, name="Payments UAT"))
    assert not failed
    tokens = payments.admin("GET", "/_admin/issued_tokens")
    shown = repr(result)
    assert tokens and not any(token in shown for token in tokens)
    assert conn(payments)["password"] not in shown


def test_wrong_password_fails_clearly(payments, run_module):
    result, failed = run_module(plutora_environment_info, conn(payments, password="wrong-pass-4455"))
    assert failed
    assert "username/password" in result["msg"]
    assert "wrong-pass-4455" not in repr(result)


def test_system_info(payments, run_module):
    result, failed = run_module(plutora_system_info, conn(payments, name="PAYMENTS"))
    assert not failed and result["changed"] is False
    [system] = result["systems"]
    assert system["vendor"] == "Acme" and system["organization"] == "ABC Group"
    listed, failed = run_module(plutora_system_info, conn(payments, details=False))
    assert not failed
    assert sorted(s["name"] for s in listed["systems"]) == ["Core Banking", "Payments"]
    by_id, failed = run_module(plutora_system_info, conn(payments, id=system["id"]))
    assert not failed and by_id["systems"][0]["name"] == "Payments"
    contains, failed = run_module(plutora_system_info, conn(payments, name_contains="bank"))
    assert not failed and [s["name"] for s in contains["systems"]] == ["Core Banking"]


def test_environment_group_info_names_the_members(payments, run_module):
    result, failed = run_module(plutora_environment_group_info, conn(payments, name="payments train"))
    assert not failed and result["changed"] is False
    [group] = result["environment_groups"]
    assert sorted(group["environments"]) == ["Payments SIT", "Payments UAT"]
    assert len(group["environmentIDs"]) == 2
    # Token, list, full read, one filtered read of the members, one of their namesakes (for
    # module_args), one of the group's connectivities.
    assert [p for _m, p in paths(payments)] == [
        "/plutora/oauth/token", "/plutora/environmentgroups", "/plutora/environmentgroups/" + group["id"],
        "/plutora/environments", "/plutora/environments", "/plutora/connectivities"]
    assert group["module_args"] == {"name": "Payments train", "environments": ["Payments SIT", "Payments UAT"],
                                    "connections": []}
    listed, failed = run_module(plutora_environment_group_info, conn(payments, details=False))
    assert not failed and [g["name"] for g in listed["environment_groups"]] == ["Payments train"]
    missing, failed = run_module(plutora_environment_group_info, conn(payments, name="No train"))
    assert not failed and missing["environment_groups"] == []
