# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Names stored on the server with surrounding blanks, made through the APIs directly (seed_api).

The input rules trim what the user gives; the resource modules compare the server's names the same
way (module_utils/resolve.py). A record stored as "X " is the record `X`: no twin is created, it is
not renamed, a host "app01 " is not deleted and created again, and two records that differ only by
blanks ("Ops2" and "Ops2 ") fail the task clearly before any write.

RPM is not here: its API trims names itself (docs/api-reference.md), so no RPM record can be made with blanks.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.envops.environments.plugins.modules import (
    flexdeploy_environment,
    flexdeploy_group,
    flexdeploy_target,
    plutora_environment,
    plutora_environment_group,
    plutora_system,
)
from seed_api import ApiSeeder, writes


def connection(emu, product, **args):
    return emu.module_options(product, **args)


def apply(emu, run_module, module, product, **args):
    """Run the module with a clean request log; (result, failed, writes)."""
    emu.clear_log()
    result, failed = run_module(module, connection(emu, product, **args), diff=True)
    return result, failed, writes(emu.requests())


# Plutora ----------------------------------------------------------------------------------------

def seed_padded_environment(api):
    """System "Padded Sys ", environment "Padded Env " with host "app01 " and its layer "api "."""
    org = api.plutora_organization("Advice Systems")
    system = api.plutora("POST", "systems", {"Name": "Padded Sys ", "Vendor": "Acme", "Status": "Active",
                                             "OrganizationId": org})
    env = api.plutora("POST", "environments", {
        "Name": "Padded Env ", "Vendor": "Acme", "LinkedSystemId": system["id"],
        "UsageWorkItemId": api.plutora_lookup("UsedForWorkItem", "UAT"),
        "EnvironmentStatusId": api.plutora_lookup("EnvironmentStatus", "Active"),
        "Color": "#00ff00", "IsSharedEnvironment": "false"})
    host = api.plutora("POST", "hosts", {"Name": "app01 ", "EnvironmentID": env["id"]})
    layer = api.plutora("POST", "layers", {"ComponentName": "api ", "Version": "1.0", "HostID": host["id"],
                                           "EnvironmentID": env["id"],
                                           "StackLayerID": api.plutora_lookup("StackLayer", "Application")})
    return system, env, host, layer


def names_of(api, path):
    return [record["name"] for record in api.plutora("GET", path)]


def test_plutora_system_stored_with_blanks_is_updated_not_twinned_nor_renamed(emu, run_module):
    api = ApiSeeder(emu)
    system, _env, _host, _layer = seed_padded_environment(api)
    result, failed, sent = apply(emu, run_module, plutora_system, "plutora", name="Padded Sys", vendor="Acme")
    assert not failed and result["changed"] is False and sent == []
    result, failed, sent = apply(emu, run_module, plutora_system, "plutora", name="Padded Sys", vendor="Other")
    assert not failed and result["changed"] is True
    assert sent == [("PUT", "/plutora/systems/" + system["id"])]
    # The vendor changed; the name kept its blank (no rename), and there is still one such system.
    assert result["diff"]["before"]["name"] == result["diff"]["after"]["name"] == "Padded Sys "
    assert [n for n in names_of(api, "systems") if n.strip() == "Padded Sys"] == ["Padded Sys "]


def test_plutora_environment_keeps_the_padded_host_and_layer_under_purge_hosts(emu, run_module):
    api = ApiSeeder(emu)
    _system, env, host, layer = seed_padded_environment(api)
    args = dict(name="Padded Env", system="Padded Sys", purge_hosts=True,
                hosts=[{"name": "app01", "layers": [{"component_name": "api", "version": "1.0"}]}])
    result, failed, sent = apply(emu, run_module, plutora_environment, "plutora", **args)
    assert not failed, result.get("msg")
    assert result["changed"] is False and sent == []
    # A real change reaches that layer only: no host deleted or created, no rename of the environment.
    args["hosts"][0]["layers"][0]["version"] = "2.0"
    result, failed, sent = apply(emu, run_module, plutora_environment, "plutora", **args)
    assert not failed and result["changed"] is True
    assert sent == [("PUT", "/plutora/layers/" + layer["id"])]
    after = api.plutora("GET", "environments/" + env["id"])
    assert after["name"] == "Padded Env "
    assert [(h["id"], h["name"]) for h in after["hosts"]] == [(host["id"], "app01 ")]
    assert [(l["componentName"], l["version"]) for l in after["hosts"][0]["layers"]] == [("api ", "2.0")]
    assert [n for n in names_of(api, "environments") if n.strip() == "Padded Env"] == ["Padded Env "]


def test_plutora_hosts_that_differ_only_by_blanks_fail_clearly(emu, run_module):
    api = ApiSeeder(emu)
    _system, env, _host, _layer = seed_padded_environment(api)
    api.plutora("POST", "hosts", {"Name": "app01", "EnvironmentID": env["id"]})
    result, failed, sent = apply(emu, run_module, plutora_environment, "plutora", name="Padded Env",
                                 purge_hosts=True, hosts=[{"name": "app01"}])
    assert failed and sent == []
    assert "hosts[0].name: 2 hosts are named 'app01'" in result["msg"] and "'app01 '" in result["msg"]


def test_plutora_systems_that_differ_only_by_blanks_fail_clearly(emu, run_module):
    api = ApiSeeder(emu)
    _system, env, _host, _layer = seed_padded_environment(api)
    org = api.plutora_organization("Advice Systems")
    api.plutora("POST", "systems", {"Name": "Padded Sys", "Vendor": "Acme", "Status": "Active", "OrganizationId": org})
    result, failed, sent = apply(emu, run_module, plutora_system, "plutora", name="Padded Sys", vendor="Other")
    assert failed and sent == []
    assert "name: 2 systems are named 'Padded Sys' on the server once surrounding blanks are ignored" in result["msg"]
    # As a reference the name is just as ambiguous: an environment cannot be moved to it by name.
    result, failed, sent = apply(emu, run_module, plutora_environment, "plutora", name="Core Banking Env 001",
                                 system="Padded Sys")
    assert failed and sent == [] and "system: 2 systems are named 'Padded Sys'" in result["msg"]
    # The environment that already names "Padded Sys " needs no look-up: nothing to change there.
    result, failed, sent = apply(emu, run_module, plutora_environment, "plutora", name="Padded Env",
                                 system="Padded Sys")
    assert not failed and result["changed"] is False and sent == []


def test_plutora_environment_group_stored_with_blanks(emu, run_module):
    api = ApiSeeder(emu)
    _system, env, _host, _layer = seed_padded_environment(api)
    group = api.plutora("POST", "environmentgroups", {"Name": "Padded Train ", "Color": "#abcdef",
                                                      "EnvironmentIDs": [env["id"]]})
    result, failed, sent = apply(emu, run_module, plutora_environment_group, "plutora", name="Padded Train",
                                 environments=["Padded Env"], color="#ABCDEF")
    assert not failed, result.get("msg")
    assert result["changed"] is False and sent == []
    result, failed, sent = apply(emu, run_module, plutora_environment_group, "plutora", name="Padded Train",
                                 description="now described")
    assert not failed and result["changed"] is True
    assert sent == [("PUT", "/plutora/environmentgroups/" + group["id"])]
    assert api.plutora("GET", "environmentgroups/" + group["id"])["name"] == "Padded Train "


def test_a_case_only_difference_still_renames_to_the_spelling_asked_for(emu, run_module):
    api = ApiSeeder(emu)
    system, _env, _host, _layer = seed_padded_environment(api)
    result, failed, sent = apply(emu, run_module, plutora_system, "plutora", name="padded sys")
    assert not failed and result["changed"] is True
    assert sent == [("PUT", "/plutora/systems/" + system["id"])]
    assert api.plutora("GET", "systems/" + system["id"])["name"] == "padded sys"


# FlexDeploy -------------------------------------------------------------------------------------

def test_flexdeploy_environment_code_stored_with_blanks_is_not_twinned_nor_renamed(emu, run_module):
    api = ApiSeeder(emu)
    env = api.flexdeploy("POST", "topology/environment", {"environmentCode": "PADQA ", "environmentName": "Pad QA ",
                                                          "instances": [12342]})
    result, failed, sent = apply(emu, run_module, flexdeploy_environment, "flexdeploy", code="PADQA",
                                 name="Pad QA", instances=["SOA"])
    assert not failed, result.get("msg")
    assert result["changed"] is False and sent == []
    result, failed, sent = apply(emu, run_module, flexdeploy_environment, "flexdeploy", code="padqa",
                                 description="padded")
    assert not failed and result["changed"] is True
    # A case-only difference renames the code to the spelling asked for (as the module documents).
    assert sent == [("PATCH", "/flexdeploy/rest/v1/topology/environment/%d" % env["environmentId"])]
    record = api.flexdeploy("GET", "topology/environment/%d" % env["environmentId"])
    assert (record["environmentCode"], record["environmentName"]) == ("padqa", "Pad QA ")
    codes = [e["environmentCode"] for e in api.flexdeploy("GET", "topology/environment")]
    assert [c for c in codes if c.strip().upper() == "PADQA"] == ["padqa"]


def test_flexdeploy_codes_that_differ_only_by_blanks_fail_clearly(emu, run_module):
    api = ApiSeeder(emu)
    api.flexdeploy("POST", "topology/environment", {"environmentCode": "TWIN ", "environmentName": "Twin one"})
    api.flexdeploy("POST", "topology/environment", {"environmentCode": "TWIN", "environmentName": "Twin two"})
    result, failed, sent = apply(emu, run_module, flexdeploy_environment, "flexdeploy", code="TWIN", description="x")
    assert failed and sent == []
    assert "code: 2 environments have the code 'TWIN' on the server once surrounding blanks are ignored" in result["msg"]
    # A target of either cannot be addressed by that code either.
    result, failed, sent = apply(emu, run_module, flexdeploy_target, "flexdeploy", environment="TWIN",
                                 instance="SOA", active=True)
    assert failed and sent == [] and "'TWIN '" in result["msg"]


def test_flexdeploy_target_of_an_environment_whose_code_has_blanks(emu, run_module):
    api = ApiSeeder(emu)
    env = api.flexdeploy("POST", "topology/environment", {"environmentCode": "PADT ", "environmentName": "Pad T",
                                                          "instances": [12342]})
    result, failed, sent = apply(emu, run_module, flexdeploy_target, "flexdeploy", environment="PADT",
                                 instance="SOA", properties={"FDSOA_SERVER_PORT": 7010})
    assert not failed, result.get("msg")
    assert sent == [("PATCH", "/flexdeploy/rest/v1/topology/environmentinstance/%d/12342" % env["environmentId"])]


def test_flexdeploy_group_stored_with_blanks_is_not_twinned_nor_renamed(emu, run_module):
    api = ApiSeeder(emu)
    group = api.flexdeploy("POST", "administration/security/group", {"groupName": "Pad Group ", "description": "d"})
    result, failed, sent = apply(emu, run_module, flexdeploy_group, "flexdeploy", name="Pad Group", description="d")
    assert not failed and result["changed"] is False and sent == []
    result, failed, sent = apply(emu, run_module, flexdeploy_group, "flexdeploy", name="Pad Group", mode="replace",
                                 description="e", administrator=False)
    assert not failed and result["changed"] is True
    assert sent == [("PUT", "/flexdeploy/rest/v1/administration/security/group/%d" % group["groupId"])]
    assert api.flexdeploy("GET", "administration/security/group/%d" % group["groupId"])["groupName"] == "Pad Group "


def test_flexdeploy_groups_ops2_and_padded_ops2_fail_clearly_without_a_write(emu, run_module):
    api = ApiSeeder(emu)
    real = api.flexdeploy("POST", "administration/security/group", {"groupName": "Ops2", "description": "real ops"})
    padded = api.flexdeploy("POST", "administration/security/group", {"groupName": "Ops2 ", "description": "padded",
                                                                      "isFlexDeployAdministrator": True})
    for name in ("Ops2", "Ops2 ", "ops2"):
        result, failed, sent = apply(emu, run_module, flexdeploy_group, "flexdeploy", name=name, mode="replace",
                                     administrator=True, description="padded")
        assert failed and sent == [], name
        assert "name: 2 groups are named" in result["msg"], result["msg"]
        assert "id %d" % real["groupId"] in result["msg"] and "id %d" % padded["groupId"] in result["msg"]
    assert api.flexdeploy("GET", "administration/security/group/%d" % real["groupId"])["isFlexDeployAdministrator"] is False
