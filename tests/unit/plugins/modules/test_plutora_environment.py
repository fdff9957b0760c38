# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""plutora_environment: module logic in-process against the emulator, and its pure planning parts."""

from __future__ import absolute_import, division, print_function

import pytest

from ansible_collections.envops.environments.plugins.modules import plutora_environment, plutora_system

PLUTORA_ENV = ("PLUTORA_API_URL", "PLUTORA_AUTH_URL", "PLUTORA_CLIENT_ID", "PLUTORA_CLIENT_SECRET",
               "PLUTORA_USERNAME", "PLUTORA_PASSWORD", "PLUTORA_ACCESS_TOKEN")


@pytest.fixture(autouse=True)
def no_plutora_environment(monkeypatch):
    for name in PLUTORA_ENV:
        monkeypatch.delenv(name, raising=False)


def credentials(emu):
    v = emu.connection_vars()
    return {"api_url": v["plutora_api_url"], "client_id": v["plutora_client_id"],
            "client_secret": v["plutora_client_secret"], "username": v["plutora_username"],
            "password": v["plutora_password"]}


def conn(emu, **args):
    base = credentials(emu)
    base.update(args)
    return base


def writes(emu):
    """Requests that change something (the token request is authentication, not a write)."""
    return [(r["method"], r["path"]) for r in emu.requests()
            if r["method"] != "GET" and not r["path"].endswith("/oauth/token")]


HOSTS = [{"name": "My Host", "layers": [
    {"component_name": "My Application", "version": "1.0", "stack_layer": "Application"},
    {"component_name": "My Database", "version": "12", "stack_layer": "Database"}]},
    {"name": "Second Host", "layers": [{"component_name": "Proxy", "stack_layer": "Network"}]}]


def env_args(emu, **extra):
    args = conn(emu, name="My Environment", vendor="Plutora", system="My System", usage="Dev", status="Active",
                color="#ffffff", shared=True, hosts=HOSTS)
    args.update(extra)
    return args


@pytest.fixture
def system(emu, run_module):
    result, failed = run_module(plutora_system, conn(emu, name="My System", vendor="Plutora", status="Active",
                                                     organization="ABC Group"))
    assert not failed, result
    emu.clear_log()
    return result["system"]


def test_check_mode_create_sends_no_write(emu, run_module, system):
    result, failed = run_module(plutora_environment, env_args(emu), check_mode=True)
    assert not failed, result
    assert result["changed"] is True
    after = result["diff"]["after"]
    assert after["system"] == "My System" and after["usage"] == "Dev"
    assert [h["name"] for h in after["hosts"]] == ["My Host", "Second Host"]
    assert after["hosts"][0]["layers"][1] == {"component_name": "My Database", "version": "12",
                                              "stack_layer": "Database"}
    assert writes(emu) == []


def test_create_then_converged_costs_two_requests(emu, run_module, system):
    first, failed = run_module(plutora_environment, env_args(emu))
    assert not failed, first
    assert first["changed"] is True
    env = first["environment"]
    assert env["linkedSystem"] == "My System" and env["usageWorkItem"] == "Dev"
    assert env["environmentStatus"] == "Active" and env["isSharedEnvironment"] is True
    layers = sorted((h["name"], l["componentName"], l["stackLayer"]) for h in env["hosts"] for l in h["layers"])
    assert layers == [("My Host", "My Application", "Application"), ("My Host", "My Database", "Database"),
                      ("Second Host", "Proxy", "Network")]

    token = emu_token(emu)
    emu.clear_log()
    args = env_args(emu, access_token=token)
    second, failed = run_module(plutora_environment, args)
    assert not failed, second
    assert second["changed"] is False
    log = [(r["method"], r["path"].lower()) for r in emu.requests()]
    # Converged: the filtered search and the full record; no look-up, no write.
    assert log == [("GET", "/plutora/environments"), ("GET", "/plutora/environments/%s" % env["id"])]
    assert "filter=`name` Equals `My Environment`" in emu.requests()[0]["query"]


def emu_token(emu):
    import requests
    v = emu.connection_vars()
    body = requests.post(v["plutora_api_url"] + "/oauth/token", data={
        "grant_type": "password", "client_id": v["plutora_client_id"], "client_secret": v["plutora_client_secret"],
        "username": v["plutora_username"], "password": v["plutora_password"]}).json()
    return body["access_token"]
