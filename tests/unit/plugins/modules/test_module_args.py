# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_args of every *_info module, in-process against the emulator.

Records are made through the APIs directly (seed_api), next to the emulator's own seed data. For
every record: its module_args passed to the resource module report no change and send no write;
after a change on the server, the same module_args change that record back, and only it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible_collections.envops.environments.plugins.modules import (
    flexdeploy_environment,
    flexdeploy_environment_info,
    flexdeploy_group,
    flexdeploy_group_info,
    flexdeploy_target,
    flexdeploy_target_info,
    plutora_environment,
    plutora_environment_group,
    plutora_environment_group_info,
    plutora_environment_info,
    plutora_system,
    plutora_system_info,
    rpm_environment,
    rpm_environment_info,
)
from seed_api import ApiSeeder, writes

TEMPLATE = "{{ lookup('env', 'HOME') }} {% raw %}x{% endraw %}"
SEEDED_SECRETS = ("seed-mds-pass-0a7e", "seed-mds-pass-b913")


def connection(emu, product):
    return emu.module_options(product)


def module_args_of(run_module, emu, product, info_module, key, **filters):
    result, failed = run_module(info_module, dict(connection(emu, product), **filters))
    assert not failed, result.get("msg")
    return result[key], result


def assert_converged(run_module, emu, product, module, records, label):
    """Every record's module_args, applied unchanged: changed false and not one write."""
    for record in records:
        args = record["module_args"]
        emu.clear_log()
        result, failed = run_module(module, dict(connection(emu, product), **args))
        assert not failed, (label(record), result.get("msg"))
        assert result["changed"] is False, (label(record), result.get("diff"))
        assert writes(emu.requests()) == [], label(record)


def assert_restores(run_module, emu, product, module, args, changed_paths):
    """The module_args saved before a change on the server write that record back, and nothing else."""
    emu.clear_log()
    result, failed = run_module(module, dict(connection(emu, product), **args))
    assert not failed, result.get("msg")
    assert result["changed"] is True
    assert writes(emu.requests()) and all(path in changed_paths for _m, path in writes(emu.requests()))


# RPM -------------------------------------------------------------------------------------------

def seed_rpm(api):
    api.rpm("POST", "environments", {"environment": {
        "name": "adopted-qa", "environment_type_id": 2, "server_ids": [4, 5], "server_group_ids": [2],
        "default_server_group_id": 3, "deployment_policy": "closed"}})
    bare = api.rpm("POST", "environments", {"environment": {"name": TEMPLATE}})
    gone = api.rpm("POST", "environments", {"environment": {"name": "adopted-old", "server_ids": [1]}})
    api.rpm("DELETE", "environments/%d" % gone["id"])
    return bare


def test_rpm_module_args_converge_and_restore(emu, run_module):
    api = ApiSeeder(emu)
    seed_rpm(api)
    records, _result = module_args_of(run_module, emu, "rpm", rpm_environment_info, "environments")
    by_name = dict((r["name"], r["module_args"]) for r in records)
    assert set(by_name) == {"aws_cloud", "production", "adopted-qa", TEMPLATE, "adopted-old"}
    assert by_name["adopted-qa"] == {
        "name": "adopted-qa", "active": True, "default": False, "deployment_policy": "closed",
        "environment_type": "Testing", "servers": ["qa-app-01", "qa-db-01"], "server_groups": ["QA Web"],
        # not a member group: named all the same, the module resolves it without a write
        "default_server_group": "QA Data"}
    assert by_name[TEMPLATE] == {"name": TEMPLATE, "active": True, "default": False, "deployment_policy": "opened",
                                 "servers": [], "server_groups": []}
    assert by_name["adopted-old"]["active"] is False
    assert_converged(run_module, emu, "rpm", rpm_environment, records, lambda r: r["name"])

    qa = next(r for r in records if r["name"] == "adopted-qa")
    api.rpm("PUT", "environments/%d" % qa["id"], {"environment": {
        "server_ids": [6], "deployment_policy": "opened", "environment_type_id": 3}})
    assert_restores(run_module, emu, "rpm", rpm_environment, qa["module_args"], {"/brpm/v1/environments/%d" % qa["id"]})
    again, _result = module_args_of(run_module, emu, "rpm", rpm_environment_info, "environments")
    assert [r["module_args"] for r in again] == [r["module_args"] for r in records]


# FlexDeploy ------------------------------------------------------------------------------------

def seed_flexdeploy(api):
    env = api.flexdeploy("POST", "topology/environment", {
        "environmentCode": "ADOPT", "environmentName": "Adopted", "instances": [12342, 15100, 15103]})
    env_id = env["environmentId"]
    api.flexdeploy("PATCH", "topology/environmentinstance/%d/12342" % env_id, {
        "isActive": False,
        "endPoints": [{"endPointId": 10101, "resourceIds": [11223]}, {"endPointId": 10200, "resourceIds": []}],
        "properties": [
            {"propertyName": "FDSOA_SERVER_HOST", "propertyValue": TEMPLATE},
            {"propertyName": "FDSOA_SERVER_PORT", "propertyValue": 7001},
            {"propertyName": "FDSOA_EXT_CLASSPATH", "propertyValue": "FD_ORACLE_SOA_HOME + '/lib'", "isExpression": True},
            {"propertyName": "MDS_PASS", "propertyValue": "adopt-mds-secret-5521"}]})
    api.flexdeploy("PATCH", "topology/environmentinstance/%d/15100" % env_id, {
        "properties": [{"propertyName": "WLS_ADMIN_PASSWORD", "credentialId": 52268},
                       {"propertyName": "WLS_ADMIN_URL", "propertyValue": "t3://wls:7001"}]})
    api.flexdeploy("POST", "administration/security/group", {
        "groupName": "Adopted deployers", "description": TEMPLATE,
        "deploymentPermissions": {"environments": [env_id, 12347], "allEnvironments": False},
        "globalPermissions": [{"objectType": "ENVIRONMENT", "actionType": "READ"},
                              {"objectType": "RELEASE", "actionType": "CREATESNAPSHOT"}]})
    return env_id


def test_flexdeploy_module_args_converge_and_restore(emu, run_module, warnings):
    api = ApiSeeder(emu)
    env_id = seed_flexdeploy(api)

    environments, _result = module_args_of(run_module, emu, "flexdeploy", flexdeploy_environment_info, "environments")
    adopted = next(e for e in environments if e["environmentCode"] == "ADOPT")
    assert adopted["module_args"] == {"code": "ADOPT", "name": "Adopted", "active": True,
                                      "build_environment": False, "instances": ["DB", "SOA", "WLS"]}
    # Two environments share the name Sandbox; their codes tell them apart.
    assert [e["module_args"]["code"] for e in environments if e["environmentName"] == "Sandbox"] == ["SBX1", "SBX2"]
    assert_converged(run_module, emu, "flexdeploy", flexdeploy_environment, environments,
                     lambda r: r["environmentCode"])

    targets, result = module_args_of(run_module, emu, "flexdeploy", flexdeploy_target_info, "targets")
    assert not any(secret in json.dumps(result) for secret in SEEDED_SECRETS + ("adopt-mds-secret-5521",))
    soa = next(t for t in targets if (t["environmentId"], t["instanceId"]) == (env_id, 12342))
    assert soa["module_args"] == {
        "environment": "ADOPT", "instance": "SOA", "active": False, "mode": "replace",
        "endpoints": [{"id": 10101, "resource_ids": [11223]}, {"id": 10200, "resource_ids": []}],
        "properties": {"FDSOA_SERVER_HOST": TEMPLATE, "FDSOA_SERVER_PORT": 7001,
                       "FDSOA_EXT_CLASSPATH": {"value": "FD_ORACLE_SOA_HOME + '/lib'", "expression": True},
                       "FDSOA_REVISIONS_TO_KEEP": None, "FD_ORACLE_SOA_HOME": None,
                       # the server made a credential for the plain value: only its id is exported
                       "MDS_PASS": {"credential_id": soa["module_args"]["properties"]["MDS_PASS"]["credential_id"]}}}
    assert isinstance(soa["module_args"]["properties"]["MDS_PASS"]["credential_id"], int)
    seeded = next(t for t in targets if (t["environmentId"], t["instanceId"]) == (12347, 12342))
    assert seeded["module_args"]["properties"]["MDS_PASS"] == {"credential_id": 74952}
    assert_converged(run_module, emu, "flexdeploy", flexdeploy_target, targets,
                     lambda r: (r["environmentCode"], r["instanceCode"]))

    groups, result = module_args_of(run_module, emu, "flexdeploy", flexdeploy_group_info, "groups")
    by_id = dict((g["groupId"], g["module_args"]) for g in groups)
    # The seed's two groups named Operations: flexdeploy_group cannot address either.
    assert by_id[10003] is None and by_id[10004] is None
    assert sum("'Operations'" in w for w in warnings) == 2
    adopted_group = next(g for g in groups if g["groupName"] == "Adopted deployers")
    assert adopted_group["module_args"] == {
        "name": "Adopted deployers", "description": TEMPLATE, "active": True, "administrator": False,
        "all_environments": False, "deployment_environments": ["ADOPT", "DEV"], "mode": "replace",
        "global_permissions": {"ENVIRONMENT": ["READ"], "RELEASE": ["CREATESNAPSHOT"]}}
    assert_converged(run_module, emu, "flexdeploy", flexdeploy_group, [g for g in groups if g["module_args"]],
                     lambda r: r["groupName"])

    # Changes on the server: an endpoint added, a property changed, a permission added.
    api.flexdeploy("PATCH", "topology/environmentinstance/%d/12342" % env_id, {
        "endPoints": [{"endPointId": 10111, "resourceIds": [11224]}],
        "properties": [{"propertyName": "FDSOA_SERVER_PORT", "propertyValue": 9001}]})
    assert_restores(run_module, emu, "flexdeploy", flexdeploy_target, soa["module_args"],
                    {"/flexdeploy/rest/v1/topology/environmentinstance/%d/12342" % env_id})
    api.flexdeploy("PATCH", "administration/security/group/%d" % adopted_group["groupId"], {
        "globalPermissions": [{"objectType": "REPORT", "actionType": "READ"}]})
    assert_restores(run_module, emu, "flexdeploy", flexdeploy_group, adopted_group["module_args"],
                    {"/flexdeploy/rest/v1/administration/security/group/%d" % adopted_group["groupId"]})
    after, _result = module_args_of(run_module, emu, "flexdeploy", flexdeploy_target_info, "targets")
    assert [t["module_args"] for t in after] == [t["module_args"] for t in targets]


def test_encrypted_property_without_credential_id_is_left_out(emu, run_module):
    # A server may mask a value without naming a credential: module_args cannot hold that property.
    from ansible_collections.envops.environments.plugins.module_utils.flexdeploy_views import (
        target_module_args,
        target_view,
    )

    class Refs:
        @staticmethod
        def ref(kind, record_id, name=None):
            return {"environment": "DEV", "instance": "SOA"}[kind]

    target = {"environmentId": 1, "instanceId": 2, "isActive": True, "endPoints": [], "properties": [
        {"propertyName": "PLAIN", "propertyValue": "x", "credentialId": None, "isExpression": False},
        {"propertyName": "HIDDEN", "propertyValue": "*****", "credentialId": None, "isExpression": False}]}
    args = target_module_args(target, Refs())
    assert args["properties"] == {"PLAIN": "x"} and args["mode"] == "merge"
    # diff still shows it, masked
    assert target_view(target, ("DEV", "SOA"))["properties"]["HIDDEN"] == {"credential_id": None, "value": "*****"}


# Plutora ---------------------------------------------------------------------------------------

def seed_plutora(api):
    org = api.plutora_organization("Advice Systems")
    system = api.plutora("POST", "systems", {"Name": "Adopted System", "Vendor": "Acme", "Status": "Active",
                                             "OrganizationId": org, "Description": TEMPLATE})
    envs = []
    for name, usage, color in (("Adopted UAT", "UAT", "#00FF00"), ("Adopted SIT", "SIT", "#ffffff")):
        envs.append(api.plutora("POST", "environments", {
            "Name": name, "Vendor": "Acme", "LinkedSystemId": system["id"],
            "UsageWorkItemId": api.plutora_lookup("UsedForWorkItem", usage),
            "EnvironmentStatusId": api.plutora_lookup("EnvironmentStatus", "Active"),
            "Color": color, "IsSharedEnvironment": "true", "Description": TEMPLATE}))
    host = api.plutora("POST", "hosts", {"Name": "uat-app-01", "EnvironmentID": envs[0]["id"]})
    api.plutora("POST", "hosts", {"Name": "uat-empty", "EnvironmentID": envs[0]["id"]})
    for component, version, stack in (("payments-api", "2.4.1", "Application"), ("payments-db", None, "Database")):
        api.plutora("POST", "layers", {"ComponentName": component, "Version": version, "HostID": host["id"],
                                       "EnvironmentID": envs[0]["id"],
                                       "StackLayerID": api.plutora_lookup("StackLayer", stack)})
    group = api.plutora("POST", "environmentgroups", {"Name": "Adopted train", "Color": "#ABCDEF",
                                                      "EnvironmentIDs": [e["id"] for e in envs]})
    for _twice in range(2):
        api.plutora("POST", "connectivities", {
            "environmentGroup": group["id"], "source": envs[0]["id"], "target": envs[1]["id"],
            "connectivityType": api.plutora_lookup("EnvironmentMapConnectivityType", "HTTPS"),
            "direction": "InAndOut"})
    return system, envs, host, group


def test_plutora_module_args_converge_and_restore(emu, run_module):
    api = ApiSeeder(emu)
    system, envs, host, group = seed_plutora(api)

    systems, _result = module_args_of(run_module, emu, "plutora", plutora_system_info, "systems")
    assert next(s for s in systems if s["name"] == "Adopted System")["module_args"] == {
        "name": "Adopted System", "vendor": "Acme", "status": "Active", "organization": "Advice Systems",
        "description": TEMPLATE}
    assert_converged(run_module, emu, "plutora", plutora_system, systems, lambda r: r["name"])

    environments, _result = module_args_of(run_module, emu, "plutora", plutora_environment_info, "environments",
                                           name_contains="Adopted")
    uat = next(e for e in environments if e["name"] == "Adopted UAT")
    assert uat["module_args"] == {
        "name": "Adopted UAT", "description": TEMPLATE, "vendor": "Acme", "system": "Adopted System",
        "usage": "UAT", "status": "Active", "color": "#00FF00", "shared": True, "purge_hosts": True,
        "hosts": [{"name": "uat-app-01", "layers": [
            {"component_name": "payments-api", "version": "2.4.1", "stack_layer": "Application"},
            {"component_name": "payments-db", "stack_layer": "Database"}]},
            {"name": "uat-empty", "layers": []}]}
    assert_converged(run_module, emu, "plutora", plutora_environment, environments, lambda r: r["name"])

    groups, _result = module_args_of(run_module, emu, "plutora", plutora_environment_group_info, "environment_groups")
    train = next(g for g in groups if g["name"] == "Adopted train")
    assert train["module_args"] == {
        "name": "Adopted train", "color": "#ABCDEF", "environments": ["Adopted SIT", "Adopted UAT"],
        "connections": [{"source": "Adopted UAT", "target": "Adopted SIT", "type": "HTTPS", "direction": "InAndOut"}]}
    assert_converged(run_module, emu, "plutora", plutora_environment_group, groups, lambda r: r["name"])

    # Changes on the server: a layer's version, a host added; the group loses a member.
    layer = next(l for l in uat["hosts"][0]["layers"] if l["componentName"] == "payments-api")
    api.plutora("PUT", "layers/" + layer["id"], dict(layer, version="9.9"))
    api.plutora("POST", "hosts", {"Name": "stray-host", "EnvironmentID": uat["id"]})
    assert_restores(run_module, emu, "plutora", plutora_environment, uat["module_args"],
                    {"/plutora/layers/" + layer["id"], "/plutora/hosts/" + next(
                        h["id"] for h in api.plutora("GET", "environments/" + uat["id"])["hosts"]
                        if h["name"] == "stray-host")})
    again, _result = module_args_of(run_module, emu, "plutora", plutora_environment_info, "environments",
                                    name_contains="Adopted")
    assert [e["module_args"] for e in again] == [e["module_args"] for e in environments]

    api.plutora("PUT", "environmentgroups/" + train["id"], {"Name": "Adopted train", "Color": "#ABCDEF",
                                                            "EnvironmentIDs": [envs[0]["id"]]})
    emu.clear_log()
    result, failed = run_module(plutora_environment_group, dict(connection(emu, "plutora"), **train["module_args"]))
    assert not failed and result["changed"] is True
    # the member comes back, and the connection the server dropped with it is made again
    assert writes(emu.requests()) == [("PUT", "/plutora/environmentgroups/" + train["id"]),
                                      ("POST", "/plutora/connectivities")]


def test_repeated_host_names_leave_hosts_out(emu, run_module, warnings):
    api = ApiSeeder(emu)
    _system, envs, _host, _group = seed_plutora(api)
    api.plutora("POST", "hosts", {"Name": "UAT-APP-01", "EnvironmentID": envs[0]["id"]})
    result, failed = run_module(plutora_environment_info, dict(connection(emu, "plutora"), name="Adopted UAT"))
    assert not failed
    [env] = result["environments"]
    assert "hosts" not in env["module_args"] and "purge_hosts" not in env["module_args"]
    assert any("uat-app-01" in w.lower() for w in warnings)
    assert_converged(run_module, emu, "plutora", plutora_environment, [env], lambda r: r["name"])


def test_plutora_seed_data_converges(emu, run_module):
    # The emulator's own seed (a system with 120 environments) was made by no module either.
    environments, _result = module_args_of(run_module, emu, "plutora", plutora_environment_info, "environments")
    assert len(environments) == 120
    assert environments[0]["module_args"] == {
        "name": "Core Banking Env 001", "vendor": "Plutora", "system": "Core Banking", "usage": "UAT",
        "status": "Active", "color": "#ffffff", "shared": False, "hosts": [], "purge_hosts": True}
    assert_converged(run_module, emu, "plutora", plutora_environment, environments, lambda r: r["name"])


# Names stored with surrounding blanks (made through the APIs; RPM's API trims names itself) ------

def test_padded_names_converge_and_namesakes_get_no_module_args(emu, run_module, warnings):
    api = ApiSeeder(emu)
    org = api.plutora_organization("Advice Systems")
    system = api.plutora("POST", "systems", {"Name": "Padded Sys ", "Vendor": "Acme", "Status": "Active",
                                             "OrganizationId": org})
    for name in ("Twin Sys", " Twin Sys"):
        api.plutora("POST", "systems", {"Name": name, "Vendor": "Acme", "Status": "Active", "OrganizationId": org})
    env = api.plutora("POST", "environments", {
        "Name": "Padded Env ", "Vendor": "Acme", "LinkedSystemId": system["id"],
        "UsageWorkItemId": api.plutora_lookup("UsedForWorkItem", "UAT"),
        "EnvironmentStatusId": api.plutora_lookup("EnvironmentStatus", "Active"), "Color": "#00ff00",
        "IsSharedEnvironment": "false"})
    host = api.plutora("POST", "hosts", {"Name": "app01 ", "EnvironmentID": env["id"]})
    api.plutora("POST", "layers", {"ComponentName": "api ", "Version": "1.0", "HostID": host["id"],
                                   "EnvironmentID": env["id"], "StackLayerID": api.plutora_lookup("StackLayer", "Application")})
    api.plutora("POST", "environmentgroups", {"Name": "Padded Train ", "EnvironmentIDs": [env["id"]]})

    systems, _result = module_args_of(run_module, emu, "plutora", plutora_system_info, "systems", name_contains="Sys")
    by_name = dict((s["name"], s["module_args"]) for s in systems)
    assert by_name["Padded Sys "] == {"name": "Padded Sys ", "vendor": "Acme", "status": "Active",
                                      "organization": "Advice Systems"}
    # "Twin Sys" and " Twin Sys" share a name: plutora_system could address neither.
    assert by_name["Twin Sys"] is None and by_name[" Twin Sys"] is None
    assert sum("Twin Sys" in w and "module_args is null" in w for w in warnings) == 2
    # By id, the namesakes are looked up all the same.
    twin = next(s for s in systems if s["name"] == "Twin Sys")
    one, _result = module_args_of(run_module, emu, "plutora", plutora_system_info, "systems", id=twin["id"])
    assert one[0]["module_args"] is None
    assert_converged(run_module, emu, "plutora", plutora_system, [s for s in systems if s["module_args"]],
                     lambda r: r["name"])

    environments, _result = module_args_of(run_module, emu, "plutora", plutora_environment_info, "environments",
                                           name="Padded Env")
    [padded] = environments
    assert padded["module_args"]["system"] == "Padded Sys "
    assert padded["module_args"]["hosts"] == [{"name": "app01 ", "layers": [
        {"component_name": "api ", "version": "1.0", "stack_layer": "Application"}]}]
    assert padded["module_args"]["purge_hosts"] is True
    # Applied: the host "app01 " is the host app01, never deleted and created again; no twin, no rename.
    assert_converged(run_module, emu, "plutora", plutora_environment, environments, lambda r: r["name"])

    groups, _result = module_args_of(run_module, emu, "plutora", plutora_environment_group_info,
                                     "environment_groups", name="Padded Train")
    assert [g["module_args"]["environments"] for g in groups] == [["Padded Env "]]
    assert_converged(run_module, emu, "plutora", plutora_environment_group, groups, lambda r: r["name"])

    fd_env = api.flexdeploy("POST", "topology/environment", {"environmentCode": "PADQA ", "environmentName": "Pad QA",
                                                             "instances": [12342]})
    for code in ("TWIN", "TWIN "):
        api.flexdeploy("POST", "topology/environment", {"environmentCode": code, "environmentName": "Twin"})
    api.flexdeploy("PATCH", "topology/environmentinstance/%d/12342" % fd_env["environmentId"],
                   {"properties": [{"propertyName": "FDSOA_SERVER_PORT", "propertyValue": 7010}]})
    api.flexdeploy("POST", "administration/security/group", {"groupName": "Pad Group ", "isActive": True,
                                                             "deploymentPermissions": {"environments": [
                                                                 fd_env["environmentId"]], "allEnvironments": False}})
    real = api.flexdeploy("POST", "administration/security/group", {"groupName": "Ops2", "description": "real ops"})
    ops2 = api.flexdeploy("POST", "administration/security/group", {"groupName": "Ops2 ", "description": "padded",
                                                                    "isFlexDeployAdministrator": True})

    environments, _result = module_args_of(run_module, emu, "flexdeploy", flexdeploy_environment_info, "environments")
    by_code = dict((e["environmentCode"], e["module_args"]) for e in environments)
    assert by_code["PADQA "] == {"code": "PADQA ", "name": "Pad QA", "active": True, "build_environment": False,
                                 "instances": ["SOA"]}
    assert by_code["TWIN"] is None and by_code["TWIN "] is None
    assert sum("'TWIN" in w and "share this code" in w for w in warnings) == 2
    assert_converged(run_module, emu, "flexdeploy", flexdeploy_environment, [e for e in environments if e["module_args"]],
                     lambda r: r["environmentCode"])

    targets, _result = module_args_of(run_module, emu, "flexdeploy", flexdeploy_target_info, "targets",
                                      environment="PADQA")
    assert [t["module_args"]["environment"] for t in targets] == ["PADQA "]
    assert_converged(run_module, emu, "flexdeploy", flexdeploy_target, targets, lambda r: r["instanceCode"])

    groups, _result = module_args_of(run_module, emu, "flexdeploy", flexdeploy_group_info, "groups")
    by_id = dict((g["groupId"], g["module_args"]) for g in groups)
    pad_group = next(g for g in groups if g["groupName"] == "Pad Group ")
    assert pad_group["module_args"]["name"] == "Pad Group "
    assert pad_group["module_args"]["deployment_environments"] == ["PADQA "]
    # "Ops2" and "Ops2 ": flexdeploy_group refuses both names, so neither has module_args (no write
    # could reach the other group), also when read by id.
    assert by_id[real["groupId"]] is None and by_id[ops2["groupId"]] is None
    one, _result = module_args_of(run_module, emu, "flexdeploy", flexdeploy_group_info, "groups", id=ops2["groupId"])
    assert one[0]["module_args"] is None
    assert_converged(run_module, emu, "flexdeploy", flexdeploy_group, [g for g in groups if g["module_args"]],
                     lambda r: r["groupName"])
