# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Another controller's write at the worst moment, made to happen exactly then.

No lock is shared with another controller, so only the verification of each write stands between
two of them. Each test runs a module and, at one chosen request of it, lets "another writer" (the
API called directly, as a task of another controller would) write the same record: a stale whole
record right after ours, a twin right before our create. The module must notice, redo or settle,
and report only what the server holds afterwards.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

import pytest

from seed_api import ApiSeeder, writes

from ansible_collections.envops.environments.plugins.module_utils import fleet, rest_client
from ansible_collections.envops.environments.plugins.modules import (
    flexdeploy_group,
    plutora_environment,
    plutora_environment_group,
    plutora_system,
    rpm_environment,
    rpm_server,
)

GROUP = "administration/security/group"
ENVIRONMENT = "Core Banking Env 001"


@pytest.fixture
def other_writer(monkeypatch):
    """other_writer(method, path_regex, action, times=1): run `action()` once the module's request
    `method` to a path matching `path_regex` has been answered, `times` times at most."""
    original = rest_client.HttpClient.request
    hooks = []

    def request(self, method, path, **kwargs):
        response = original(self, method, path, **kwargs)
        for hook in hooks:
            if hook["left"] and method.upper() == hook["method"] and re.search(hook["path"], self.url_for(path)):
                hook["left"] -= 1
                hook["action"]()
        return response

    monkeypatch.setattr(rest_client.HttpClient, "request", request)
    monkeypatch.setattr(fleet, "pause", lambda attempt, **kwargs: None)

    def add(method, path, action, times=1):
        hooks.append({"method": method, "path": path, "action": action, "left": times})
    return add


def fd_groups(api, name):
    return [g for g in api.flexdeploy("GET", GROUP) if g["groupName"] == name]


# FlexDeploy merge -------------------------------------------------------------------------------

def seed_group(api):
    for code in ("MINE", "THEIRS"):
        api.flexdeploy("POST", "topology/environment", {"environmentCode": code, "environmentName": code})
    return api.flexdeploy("POST", GROUP, {"groupName": "Merged", "globalPermissions": [
        {"objectType": "REPORT", "actionType": "READ"}]})


def test_merge_undone_by_a_stale_write_is_made_again(emu, run_module, other_writer):
    api = ApiSeeder(emu)
    group = seed_group(api)
    codes = dict((e["environmentCode"], e["environmentId"]) for e in api.flexdeploy("GET", "topology/environment"))
    stale = api.flexdeploy("GET", "%s/%d" % (GROUP, group["groupId"]))

    def theirs():
        # Another controller read the group before our PATCH and writes its own addition now.
        api.flexdeploy("PATCH", "%s/%d" % (GROUP, group["groupId"]), {
            "deploymentPermissions": {"environments": stale["deploymentPermissions"]["environments"] + [codes["THEIRS"]],
                                      "allEnvironments": False},
            "globalPermissions": stale["globalPermissions"] + [{"objectType": "USER", "actionType": "READ"}]})

    other_writer("PATCH", r"/group/\d+$", theirs)
    emu.clear_log()
    result, failed = run_module(flexdeploy_group, emu.module_options(
        "flexdeploy", name="Merged", deployment_environments=["MINE"], global_permissions={"GROUP": ["READ"]}))
    assert not failed and result["changed"] is True, result
    held = api.flexdeploy("GET", "%s/%d" % (GROUP, group["groupId"]))
    assert sorted(held["deploymentPermissions"]["environments"]) == sorted([codes["MINE"], codes["THEIRS"]])
    assert set((p["objectType"], p["actionType"]) for p in held["globalPermissions"]) == {
        ("REPORT", "READ"), ("USER", "READ"), ("GROUP", "READ")}
    # Ours twice (the second from the fresh group), theirs once.
    assert [m for m, _p in writes(emu.requests())] == ["PATCH", "PATCH", "PATCH"]
    assert result["group"] == held


def test_a_merge_undone_after_every_write_fails_and_reports_no_change(emu, run_module, other_writer):
    api = ApiSeeder(emu)
    group = seed_group(api)

    def theirs():
        api.flexdeploy("PATCH", "%s/%d" % (GROUP, group["groupId"]),
                       {"deploymentPermissions": {"environments": [], "allEnvironments": False}})

    other_writer("PATCH", r"/group/\d+$", theirs, times=fleet.ROUNDS)
    result, failed = run_module(flexdeploy_group, emu.module_options(
        "flexdeploy", name="Merged", deployment_environments=["MINE"]))
    assert failed and not result.get("changed")
    assert "another writer changed it again after each of this task's %d writes" % fleet.ROUNDS in result["msg"]
    assert "deploymentPermissions still differ" in result["msg"]


# Creates that race ------------------------------------------------------------------------------

def test_a_group_created_beside_an_older_twin_yields_to_it(emu, run_module, other_writer, warnings):
    api = ApiSeeder(emu)
    # The other controller's create lands between our search (nothing found) and our POST.
    other_writer("GET", r"/group$", lambda: api.flexdeploy("POST", GROUP, {"groupName": "Deployers"}))
    result, failed = run_module(flexdeploy_group, emu.module_options(
        "flexdeploy", name="Deployers", description="may deploy", global_permissions={"REPORT": ["READ"]}))
    assert not failed and result["changed"] is True, result
    [kept] = fd_groups(api, "Deployers")
    assert kept["description"] == "may deploy" and kept["isActive"] is True
    assert kept["globalPermissions"] == [{"actionType": "READ", "objectType": "REPORT"}]
    retired = [g for g in api.flexdeploy("GET", GROUP) if g["groupName"].startswith("Deployers (duplicate")]
    assert len(retired) == 1 and retired[0]["groupId"] > kept["groupId"]
    assert retired[0]["isActive"] is False and retired[0]["globalPermissions"] == []
    assert result["group"]["groupId"] == kept["groupId"]
    assert any("renamed" in w and str(kept["groupId"]) in w for w in warnings), warnings


def test_a_group_created_before_its_twin_is_kept(emu, run_module, other_writer):
    api = ApiSeeder(emu)
    # The other controller's create lands right after ours: ours is older and stays; theirs is
    # theirs to retire (their task sees ours when it checks).
    other_writer("POST", r"/group$", lambda: api.flexdeploy("POST", GROUP, {"groupName": "Deployers"}))
    result, failed = run_module(flexdeploy_group, emu.module_options("flexdeploy", name="Deployers"))
    assert not failed and result["changed"] is True
    ids = sorted(g["groupId"] for g in fd_groups(api, "Deployers"))
    assert result["group"]["groupId"] == ids[0] and result["group"]["isActive"] is True


def plutora_env(api, name=ENVIRONMENT):
    found = [e for e in api.plutora("GET", "environments") if e["name"] == name][0]
    return api.plutora("GET", "environments/%s" % found["id"])


def test_a_host_created_beside_a_twin_leaves_one(emu, run_module, other_writer):
    api = ApiSeeder(emu)
    env = plutora_env(api)
    twin = {"Name": "shared-lb", "EnvironmentID": env["id"]}
    other_writer("POST", r"/hosts$", lambda: api.plutora("POST", "hosts", twin))
    result, failed = run_module(plutora_environment, emu.module_options(
        "plutora", name=ENVIRONMENT, hosts=[{"name": "shared-lb", "layers": [
            {"component_name": "haproxy", "version": "2.8", "stack_layer": "Network"}]}]))
    assert not failed and result["changed"] is True, result
    hosts = plutora_env(api)["hosts"]
    assert [h["name"] for h in hosts] == ["shared-lb"]
    assert [(l["componentName"], l["version"]) for l in hosts[0]["layers"]] == [("haproxy", "2.8")]
    assert result["environment"]["hosts"] == hosts


def test_a_connectivity_created_beside_a_twin_leaves_one(emu, run_module, other_writer, warnings):
    api = ApiSeeder(emu)
    first, second = plutora_env(api), plutora_env(api, "Core Banking Env 002")
    group = api.plutora("POST", "environmentgroups", {"Name": "Map", "EnvironmentIDs": [first["id"], second["id"]]})
    https = api.plutora_lookup("EnvironmentMapConnectivityType", "HTTPS")
    other_writer("POST", r"/connectivities$", lambda: api.plutora("POST", "connectivities", {
        "environmentGroup": group["id"], "source": first["id"], "target": second["id"], "connectivityType": https,
        "direction": "InAndOut"}))
    result, failed = run_module(plutora_environment_group, emu.module_options(
        "plutora", name="Map", connections=[{"source": ENVIRONMENT, "target": "Core Banking Env 002",
                                             "type": "HTTPS"}]))
    assert not failed and result["changed"] is True, result
    held = [c for c in api.plutora("GET", "connectivities") if c["environmentGroupId"] == group["id"]]
    assert len(held) == 1
    assert len(result["environment_group"]["connections"]) == 1


def test_twin_connectivities_made_before_the_task_are_reported_not_deleted(emu, run_module, warnings):
    """An export applied right away changes nothing, even where the server holds a connection twice."""
    api = ApiSeeder(emu)
    first, second = plutora_env(api), plutora_env(api, "Core Banking Env 002")
    group = api.plutora("POST", "environmentgroups", {"Name": "Map", "EnvironmentIDs": [first["id"], second["id"]]})
    for _twice in range(2):
        api.plutora("POST", "connectivities", {
            "environmentGroup": group["id"], "source": first["id"], "target": second["id"],
            "connectivityType": api.plutora_lookup("EnvironmentMapConnectivityType", "HTTPS"), "direction": "InAndOut"})
    emu.clear_log()
    result, failed = run_module(plutora_environment_group, emu.module_options(
        "plutora", name="Map", connections=[{"source": ENVIRONMENT, "target": "Core Banking Env 002",
                                             "type": "HTTPS"}]))
    assert not failed and result["changed"] is False
    assert writes(emu.requests()) == []
    assert any("is held 2 times" in w for w in warnings), warnings


# Plutora's whole-record PUT -----------------------------------------------------------------------

@pytest.mark.parametrize("module,path,name,option,value,key,their_key,their_value", [
    (plutora_system, "systems", "Core Banking", "vendor", "Our Vendor", "vendor", "description", "theirs"),
    (plutora_environment, "environments", ENVIRONMENT, "url", "http://ours.example", "url", "description", "theirs"),
], ids=["system", "environment"])
def test_a_field_lost_to_another_whole_record_put_is_put_back(emu, run_module, other_writer, module, path, name,
                                                              option, value, key, their_key, their_value):
    api = ApiSeeder(emu)
    record_id = [r for r in api.plutora("GET", path) if r["name"] == name][0]["id"]
    stale = api.plutora("GET", "%s/%s" % (path, record_id))

    def theirs():
        # Another controller PUTs the record it read before our PUT, with its own field changed.
        api.plutora("PUT", "%s/%s" % (path, record_id), dict(stale, **{their_key: their_value}))

    other_writer("PUT", r"/%s/[0-9a-f-]+$" % path, theirs)
    emu.clear_log()
    result, failed = run_module(module, emu.module_options("plutora", name=name, **{option: value}))
    assert not failed and result["changed"] is True, result
    held = api.plutora("GET", "%s/%s" % (path, record_id))
    assert held[key] == value and held[their_key] == their_value
    puts = [p for m, p in writes(emu.requests()) if m == "PUT"]
    assert len(puts) == 3  # ours, theirs, ours again from the fresh record


# RPM: a field another writer set back right after our PUT -------------------------------------------

@pytest.mark.parametrize("module,path,name,option,value,stale_value", [
    (rpm_server, "servers", "Test Server 1", "dns", "ours.example.com", "theirs.example.com"),
    (rpm_environment, "environments", "production", "deployment_policy", "closed", "opened"),
], ids=["server", "environment"])
def test_an_rpm_field_set_back_by_another_writer_is_put_again(emu, run_module, other_writer, module, path, name,
                                                              option, value, stale_value):
    api = ApiSeeder(emu)
    kind = path[:-1]
    record_id = [r for r in api.rpm("GET", path) if r["name"] == name][0]["id"]

    def theirs():
        # Another controller's task, holding the old value, writes it right after our PUT.
        api.rpm("PUT", "%s/%s" % (path, record_id), {kind: {option: stale_value}})

    other_writer("PUT", r"/v1/%s/%s" % (path, record_id), theirs)
    emu.clear_log()
    result, failed = run_module(module, emu.module_options("rpm", name=name, **{option: value}))
    assert not failed and result["changed"] is True, result
    assert api.rpm("GET", "%s/%s" % (path, record_id))[option] == value
    puts = [p for m, p in writes(emu.requests()) if m == "PUT"]
    assert len(puts) == 3  # ours, theirs, ours again after the read showed it undone
