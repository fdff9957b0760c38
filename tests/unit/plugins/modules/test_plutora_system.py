# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""plutora_system and plutora_token in-process against the emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.envops.environments.plugins.modules import plutora_system, plutora_token

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


SYSTEM = dict(name="My System", vendor="Plutora", status="Active", organization="ABC Group")


def with_system(**changes):
    args = dict(SYSTEM)
    args.update(changes)
    return args


def test_check_mode_create_sends_no_write(emu, run_module):
    result, failed = run_module(plutora_system, conn(emu, **SYSTEM), check_mode=True)
    assert not failed, result
    assert result["changed"] is True
    assert result["diff"]["after"]["organization"] == "ABC Group"
    assert writes(emu) == []


def test_create_update_converge_delete(emu, run_module):
    created, failed = run_module(plutora_system, conn(emu, **SYSTEM))
    assert not failed and created["changed"]
    assert created["system"]["organization"] == "ABC Group"
    assert created["system"]["organizationId"] == "9d3879c9-bb43-4243-afd8-0f1ee6273663"

    emu.clear_log()
    same, failed = run_module(plutora_system, conn(emu, **with_system(organization="abc group")))
    assert not failed and same["changed"] is False
    # Converged: token, filtered search, full record; the organization name came from the record.
    assert [r["path"].lower() for r in emu.requests()] == [
        "/plutora/oauth/token", "/plutora/systems", "/plutora/systems/%s" % created["system"]["id"]]

    moved, failed = run_module(plutora_system, conn(emu, name="My System", organization="Advice Systems",
                                                    description="Core"), diff=True)
    assert not failed and moved["changed"]
    assert moved["diff"]["before"]["organization"] == "ABC Group"
    assert moved["diff"]["after"]["organization"] == "Advice Systems"
    assert moved["system"]["description"] == "Core" and moved["system"]["vendor"] == "Plutora"

    gone, failed = run_module(plutora_system, conn(emu, name="My System", state="absent"))
    assert not failed and gone["changed"]
    again, failed = run_module(plutora_system, conn(emu, name="My System", state="absent"))
    assert not failed and again["changed"] is False


def test_unknown_organization_fails_before_write(emu, run_module):
    result, failed = run_module(plutora_system, conn(emu, **with_system(organization="ABC Grp")))
    assert failed
    assert "organization: no organization named 'ABC Grp'" in result["msg"] and "ABC Group" in result["msg"]
    assert writes(emu) == []


def test_bad_status_is_refused_by_the_argument_spec(emu, run_module):
    result, failed = run_module(plutora_system, conn(emu, **with_system(status="Retired")))
    assert failed
    assert "status" in result["msg"] and "Active, Inactive" in result["msg"]
    assert emu.requests() == []


def test_create_needs_vendor_status_organization(emu, run_module):
    result, failed = run_module(plutora_system, conn(emu, name="Lonely"))
    assert failed
    assert "creating it needs vendor, status, organization" in result["msg"]
    assert writes(emu) == []


def test_system_with_environments_cannot_be_deleted(emu, run_module):
    result, failed = run_module(plutora_system, conn(emu, name="Core Banking", state="absent"))
    assert failed
    assert result["status"] == 400 and "has environments" in result["msg"]


def test_token_module_returns_a_working_token(emu, run_module):
    result, failed = run_module(plutora_token, conn(emu))
    assert not failed
    assert result["changed"] is False
    assert result["access_token"] in emu.admin("GET", "/_admin/issued_tokens")
    emu.clear_log()
    only_token = {"api_url": conn(emu)["api_url"], "access_token": result["access_token"], "name": "Core Banking"}
    found, failed = run_module(plutora_system, only_token)
    assert not failed and found["changed"] is False
    assert all(not r["path"].endswith("/oauth/token") for r in emu.requests())
    assert result["access_token"] not in repr(found)


def test_token_module_reuses_a_given_token_only_when_asked(emu, run_module):
    first, failed = run_module(plutora_token, conn(emu))
    assert not failed
    emu.clear_log()
    reused, failed = run_module(plutora_token, conn(emu, access_token=first["access_token"], reuse_access_token=True))
    assert not failed and reused["access_token"] is None
    assert emu.requests() == []
    renewed, failed = run_module(plutora_token, conn(emu, access_token=first["access_token"]))
    assert not failed and renewed["access_token"] != first["access_token"]
    assert [r["path"] for r in emu.requests()] == ["/plutora/oauth/token"]
    emu.clear_log()
    fetched, failed = run_module(plutora_token, conn(emu, reuse_access_token=True))
    assert not failed and fetched["access_token"] not in (first["access_token"], renewed["access_token"])
    assert [r["path"] for r in emu.requests()] == ["/plutora/oauth/token"]


def test_token_module_with_wrong_password(emu, run_module):
    result, failed = run_module(plutora_token, conn(emu, password="bad-password-42"))
    assert failed
    assert "username/password" in result["msg"] and "bad-password-42" not in repr(result)


def test_create_that_loses_a_race_converges_on_the_winner(emu, run_module, monkeypatch):
    """The search finds nothing, another client creates the system, our POST is refused: re-read."""
    from ansible_collections.envops.environments.plugins.module_utils import plutora
    import requests
    original = plutora.PlutoraApi.create

    def create_after_someone_else(self, path, body):
        if path == "systems":
            v = emu.connection_vars()
            token = requests.post(v["plutora_api_url"] + "/oauth/token", data={
                "grant_type": "password", "client_id": v["plutora_client_id"],
                "client_secret": v["plutora_client_secret"], "username": v["plutora_username"],
                "password": v["plutora_password"]}).json()["access_token"]
            winner = dict(body, Vendor="Someone Else")
            requests.post(v["plutora_api_url"] + "/systems", json=winner,
                          headers={"Authorization": "bearer " + token}).raise_for_status()
        return original(self, path, body)

    monkeypatch.setattr(plutora.PlutoraApi, "create", create_after_someone_else)
    result, failed = run_module(plutora_system, conn(emu, **SYSTEM))
    assert not failed, result
    # The loser's POST was refused; it then set the vendor it wants on the winner's record.
    statuses = [(r["method"], r["status"]) for r in emu.requests() if r["path"] == "/plutora/systems"]
    assert ("POST", 400) in statuses
    assert result["changed"] is True and result["system"]["vendor"] == "Plutora"
    assert len([r for r in emu.requests() if r["method"] == "PUT"]) == 1
