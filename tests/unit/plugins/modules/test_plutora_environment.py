# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""plutora_environment: module logic in-process against the emulator, and its pure planning parts."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.envops.environments.plugins.modules import plutora_environment, plutora_system

PLUTORA_ENV = ("PLUTORA_API_URL", "PLUTORA_AUTH_URL", "PLUTORA_CLIENT_ID", "PLUTORA_CLIENT_SECRET",
               "PLUTORA_USERNAME", "PLUTORA_PASSWORD", "PLUTORA_ACCESS_TOKEN")


@pytest.fixture(autouse=True)
def no_plutora_environment(monkeypatch):
    for name in PLUTORA_ENV:
        monkeypatch.delenv(name, raising=False)


def conn(emu, **args):
    return emu.module_options("plutora", **args)


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
    assert "filter=`name` Contains `My Environment`" in emu.requests()[0]["query"]


def emu_token(emu):
    import requests
    v = emu.connection_vars()
    body = requests.post(v["plutora_api_url"] + "/oauth/token", data={
        "grant_type": "password", "client_id": v["plutora_client_id"], "client_secret": v["plutora_client_secret"],
        "username": v["plutora_username"], "password": v["plutora_password"]}).json()
    return body["access_token"]


def api_get(emu, path):
    import requests
    response = requests.get(emu.connection_vars()["plutora_api_url"] + "/" + path,
                            headers={"Authorization": "bearer " + emu_token(emu)})
    return response.json()


@pytest.fixture
def environment(emu, run_module, system):
    result, failed = run_module(plutora_environment, env_args(emu))
    assert not failed, result
    emu.clear_log()
    return result["environment"]


def test_layer_version_change_goes_through_layers_only(emu, run_module, environment):
    hosts = [{"name": "My Host", "layers": [{"component_name": "My Application", "version": "2.0"}]}]
    result, failed = run_module(plutora_environment, conn(emu, name="My Environment", hosts=hosts), diff=True)
    assert not failed, result
    assert result["changed"] is True
    layer_id = next(l["id"] for h in environment["hosts"] for l in h["layers"] if l["componentName"] == "My Application")
    assert writes(emu) == [("PUT", "/plutora/layers/%s" % layer_id)]
    assert api_get(emu, "layers/" + layer_id)["version"] == "2.0"
    before = result["diff"]["before"]["hosts"][0]["layers"][0]
    after = result["diff"]["after"]["hosts"][0]["layers"][0]
    assert (before["version"], after["version"]) == ("1.0", "2.0")
    # Hosts and layers not listed are left alone without purge_hosts.
    assert len(result["environment"]["hosts"]) == 2
    assert len(result["environment"]["hosts"][0]["layers"]) == 2


def test_environment_fields_change_through_put_and_keep_hosts(emu, run_module, environment):
    result, failed = run_module(plutora_environment, conn(emu, name="My Environment", color="#FFFF00",
                                                          description="Here is the description", usage="UAT"))
    assert not failed, result
    assert writes(emu) == [("PUT", "/plutora/environments/%s" % environment["id"])]
    record = api_get(emu, "environments/" + environment["id"])
    assert record["color"] == "#ffff00" and record["usageWorkItem"] == "UAT"
    assert record["description"] == "Here is the description"
    assert record["vendor"] == "Plutora" and record["linkedSystem"] == "My System"
    assert len(record["hosts"]) == 2
    # Only UsedForWorkItem was looked up: the one value that changed.
    lookups = [r["path"].lower() for r in emu.requests() if "lookupfields" in r["path"].lower()]
    assert lookups == ["/plutora/lookupfields/usedforworkitem"]


def test_colour_case_and_names_case_are_not_changes(emu, run_module, environment):
    result, failed = run_module(plutora_environment, conn(emu, name="My Environment", color="#FFFFFF", usage="dev",
                                                          status="ACTIVE", system="my system"))
    assert not failed, result
    assert result["changed"] is False
    assert writes(emu) == []


def test_purge_hosts_removes_unlisted_hosts_and_layers(emu, run_module, environment):
    hosts = [{"name": "My Host", "layers": [{"component_name": "My Application", "version": "1.0",
                                             "stack_layer": "Application"}]}]
    result, failed = run_module(plutora_environment, conn(emu, name="My Environment", hosts=hosts,
                                                          purge_hosts=True), check_mode=True)
    assert not failed and result["changed"]
    assert writes(emu) == []
    assert result["diff"]["after"]["hosts"] == [{"name": "My Host", "layers": [
        {"component_name": "My Application", "version": "1.0", "stack_layer": "Application"}]}]

    result, failed = run_module(plutora_environment, conn(emu, name="My Environment", hosts=hosts, purge_hosts=True))
    assert not failed and result["changed"]
    methods = sorted(m for m, _p in writes(emu))
    assert methods == ["DELETE", "DELETE"]
    record = api_get(emu, "environments/" + environment["id"])
    assert [(h["name"], [l["componentName"] for l in h["layers"]]) for h in record["hosts"]] == [
        ("My Host", ["My Application"])]
    again, failed = run_module(plutora_environment, conn(emu, name="My Environment", hosts=hosts, purge_hosts=True))
    assert not failed and again["changed"] is False


def test_new_host_and_layer_on_existing_environment(emu, run_module, environment):
    hosts = [{"name": "Second Host", "layers": [{"component_name": "Cache", "version": "7", "stack_layer": "Middleware"}]},
             {"name": "Third Host", "layers": [{"component_name": "OS", "stack_layer": "Operating System"}]}]
    result, failed = run_module(plutora_environment, conn(emu, name="My Environment", hosts=hosts))
    assert not failed, result
    assert sorted(p.split("/")[2] for _m, p in writes(emu)) == ["hosts", "layers", "layers"]
    names = sorted((h["name"], sorted(l["componentName"] for l in h["layers"])) for h in result["environment"]["hosts"])
    assert names == [("My Host", ["My Application", "My Database"]), ("Second Host", ["Cache", "Proxy"]),
                     ("Third Host", ["OS"])]


def test_system_by_guid_is_accepted(emu, run_module, environment, system):
    result, failed = run_module(plutora_environment, conn(emu, name="My Environment", system=system["id"].upper()))
    assert not failed and result["changed"] is False


def test_unknown_system_names_close_matches_and_writes_nothing(emu, run_module, system):
    result, failed = run_module(plutora_environment, env_args(emu, system="My Sytem"))
    assert failed
    assert "system: no system named 'My Sytem'" in result["msg"] and "My System" in result["msg"]
    assert writes(emu) == []


def test_unknown_lookup_value_lists_valid_values(emu, run_module, system):
    result, failed = run_module(plutora_environment, env_args(emu, usage="Devel"))
    assert failed
    assert "usage: 'Devel' is not a UsedForWorkItem value" in result["msg"]
    assert "Dev, " in result["msg"] and "UAT" in result["msg"]
    assert writes(emu) == []


def test_invalid_color_fails_before_any_request(emu, run_module, system):
    result, failed = run_module(plutora_environment, env_args(emu, color="yellow"))
    assert failed
    assert "color: 'yellow'" in result["msg"] and "#rrggbb" in result["msg"]
    assert emu.requests() == []


def test_layer_without_component_name_is_refused(emu, run_module, system):
    hosts = [{"name": "My Host", "layers": [{"version": "1.0", "stack_layer": "Application"}]}]
    result, failed = run_module(plutora_environment, env_args(emu, hosts=hosts))
    assert failed
    assert "component_name" in result["msg"]
    assert emu.requests() == []


def test_new_layer_without_stack_layer_lists_values(emu, run_module, system):
    hosts = [{"name": "My Host", "layers": [{"component_name": "App"}]}]
    result, failed = run_module(plutora_environment, env_args(emu, hosts=hosts))
    assert failed
    assert "stack_layer is required" in result["msg"] and "Operating System" in result["msg"]
    assert writes(emu) == []


def test_create_without_required_options_names_them(emu, run_module, system):
    result, failed = run_module(plutora_environment, conn(emu, name="Nowhere", vendor="Plutora"))
    assert failed
    assert "creating it needs system, usage, status" in result["msg"]
    assert writes(emu) == []


def test_absent_deletes_then_is_unchanged(emu, run_module, environment):
    result, failed = run_module(plutora_environment, conn(emu, name="My Environment", state="absent"))
    assert not failed and result["changed"] is True
    assert result["diff"]["before"]["hosts"][0]["name"] == "My Host"
    assert writes(emu) == [("DELETE", "/plutora/environments/%s" % environment["id"])]
    again, failed = run_module(plutora_environment, conn(emu, name="My Environment", state="absent"))
    assert not failed and again["changed"] is False


def test_expired_token_is_replaced_when_credentials_are_given(emu, run_module, environment):
    token = emu_token(emu)
    emu.admin("POST", "/_admin/expire_tokens")
    emu.clear_log()
    result, failed = run_module(plutora_environment, conn(emu, name="My Environment", access_token=token))
    assert not failed, result
    assert result["changed"] is False
    log = [(r["method"], r["path"].lower(), r["status"]) for r in emu.requests()]
    assert log[:3] == [("GET", "/plutora/environments", 401), ("POST", "/plutora/oauth/token", 200),
                       ("GET", "/plutora/environments", 200)]
    issued = emu.admin("GET", "/_admin/issued_tokens")
    assert not any(t in repr(result) for t in issued)


def test_expired_token_without_credentials_fails_clearly(emu, run_module, environment):
    token = emu_token(emu)
    emu.admin("POST", "/_admin/expire_tokens")
    args = {"api_url": emu.connection_vars()["plutora_api_url"], "access_token": token, "name": "My Environment"}
    result, failed = run_module(plutora_environment, args)
    assert failed
    assert "expired" in result["msg"] and "PLUTORA_CLIENT_ID" in result["msg"]
    assert result["status"] == 401
    assert token not in repr(result)


def test_wrong_password_fails_without_showing_it(emu, run_module):
    result, failed = run_module(plutora_environment, conn(emu, name="x", password="not-the-password-9"))
    assert failed
    assert "username/password" in result["msg"]
    assert "not-the-password-9" not in repr(result)
    assert writes(emu) == []


class NoLookups:
    """An API that fails any call: proves a comparison needs no request."""

    def __getattr__(self, name):
        raise AssertionError("unexpected API call: %s" % name)


def test_plan_reads_keys_in_any_case():
    record = {"ID": "a99b8e84-bec3-4085-8df1-969ae176d119", "Name": "My Environment", "Vendor": "Plutora",
              "LinkedSystem": "My System", "UsageWorkItem": "Dev", "EnvironmentStatus": "Active",
              "Color": "#FFFFFF", "IsSharedEnvironment": True, "Description": None, "URL": None,
              "Hosts": [{"ID": "1dd98953-a4fd-40dd-a416-dd7469ea157f", "Name": "My Host", "Layers": [
                  {"ID": "4c7f6709-7258-4f50-ae79-08597b4f1454", "ComponentName": "My Application",
                   "Version": "1.0", "StackLayer": "Application"}]}]}
    params = dict((k, None) for k in plutora_environment.ARGUMENT_SPEC)
    params.update(name="My Environment", state="present", vendor="Plutora", system="My System", usage="Dev",
                  status="Active", color="#ffffff", shared=True, purge_hosts=True,
                  hosts=[{"name": "My Host", "layers": [{"component_name": "My Application", "version": "1.0",
                                                         "stack_layer": "Application"}]}])
    plan = plutora_environment.make_plan(params, NoLookups(), record)
    assert plan.writes is False
    params["hosts"][0]["layers"][0]["version"] = "1.1"
    plan = plutora_environment.make_plan(params, NoLookups(), record)
    assert [new["Version"] for _old, new in plan.layer_updates] == ["1.1"]
    assert plan.fields == {} and plan.host_deletes == []


def test_view_sorts_hosts_and_layers_by_name():
    record = {"name": "E", "hosts": [
        {"name": "b", "layers": [{"componentName": "z", "version": "1", "stackLayer": "Network"},
                                 {"componentName": "a", "version": None, "stackLayer": "Database"}]},
        {"name": "A", "layers": []}]}
    shown = plutora_environment.view(record)
    assert [h["name"] for h in shown["hosts"]] == ["A", "b"]
    assert [l["component_name"] for l in shown["hosts"][1]["layers"]] == ["a", "z"]
