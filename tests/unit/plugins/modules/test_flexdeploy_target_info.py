# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""flexdeploy_target_info, flexdeploy_environment_info and flexdeploy_group_info against the emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.envops.environments.plugins.modules import (
    flexdeploy_environment_info,
    flexdeploy_group_info,
    flexdeploy_target_info,
)

# Seeded credential values behind the encrypted MDS_PASS property of target DEV/SOA.
SEEDED_SECRETS = ("seed-mds-pass-0a7e", "seed-mds-pass-b913")


def conn(emu, **args):
    return emu.module_options("flexdeploy", **args)


def gets(emu):
    return [r["path"].replace("/flexdeploy/rest/v1/", "") for r in emu.requests() if r["method"] == "GET"]


def test_every_target_of_an_environment(emu, run_module):
    result, failed = run_module(flexdeploy_target_info, conn(emu, environment="DEV"))
    assert not failed and result["changed"] is False
    targets = result["targets"]
    assert [(t["environmentCode"], t["instanceCode"], t["instanceId"]) for t in targets] == [
        ("DEV", "SOA", 12342), ("DEV", "OSB", 15101)]
    soa = dict((p["propertyName"], p) for p in targets[0]["properties"])
    assert soa["FDSOA_SERVER_HOST"]["propertyValue"] == "dev-soa.company.local"
    assert soa["MDS_PASS"]["propertyValue"] == "*****" and soa["MDS_PASS"]["credentialId"] == 74952
    assert sorted(e["endPointId"] for e in targets[0]["endPoints"]) == [10101, 10111]
    assert not any(secret in repr(result) for secret in SEEDED_SECRETS)
    # One environment listing (it finds DEV, and tells module_args whether each code names one
    # environment), one instance listing for the codes, one read per target; no write.
    assert gets(emu)[:2] == ["topology/environment", "topology/instance"]
    assert sorted(gets(emu)[2:]) == ["topology/environmentinstance/12347/12342",
                                     "topology/environmentinstance/12347/15101"]
    assert all(r["method"] == "GET" for r in emu.requests())


def test_one_target_by_names_and_ids(emu, run_module):
    result, failed = run_module(flexdeploy_target_info, conn(emu, environment="Development", instance="SOA Server"))
    assert not failed
    assert [(t["environmentId"], t["instanceId"], t["instanceCode"]) for t in result["targets"]] == [
        (12347, 12342, "SOA")]
    by_ids, failed = run_module(flexdeploy_target_info, conn(emu, environment="12347", instance="12342"))
    assert not failed and by_ids["targets"] == result["targets"]


def test_instance_outside_the_environment_gives_nothing(emu, run_module):
    result, failed = run_module(flexdeploy_target_info, conn(emu, environment="QA", instance="SOA"))
    assert not failed and result["targets"] == []
    assert not any(p.startswith("topology/environmentinstance") for p in gets(emu))


def test_unknown_or_ambiguous_environment_fails_with_a_clear_message(emu, run_module):
    result, failed = run_module(flexdeploy_target_info, conn(emu, environment="DEVV"))
    assert failed and "environment" in result["msg"] and "DEV" in result["msg"]
    result, failed = run_module(flexdeploy_target_info, conn(emu, environment="Sandbox"))
    assert failed and "SBX1" in result["msg"] and "SBX2" in result["msg"]


def test_check_mode_reads_the_same(emu, run_module):
    result, failed = run_module(flexdeploy_target_info, conn(emu, environment="DEV", instance="OSB"),
                                check_mode=True)
    assert not failed and result["changed"] is False and len(result["targets"]) == 1


def test_wrong_password_fails_without_showing_it(emu, run_module):
    result, failed = run_module(flexdeploy_target_info, conn(emu, environment="DEV", password="bad-fd-pass-6612"))
    assert failed and result["status"] == 401
    assert "bad-fd-pass-6612" not in repr(result)


def test_environment_info(emu, run_module):
    result, failed = run_module(flexdeploy_environment_info, conn(emu))
    assert not failed and result["changed"] is False
    assert [e["environmentCode"] for e in result["environments"]] == ["QA", "ENV1", "DEV", "PROD", "SBX1", "SBX2"]
    by_code, failed = run_module(flexdeploy_environment_info, conn(emu, code="qa"))
    assert not failed and [e["environmentId"] for e in by_code["environments"]] == [11001]
    # Names are not unique: both sandboxes. "Env" is part of several names but the name of none.
    by_name, failed = run_module(flexdeploy_environment_info, conn(emu, name="sandbox"))
    assert not failed and [e["environmentCode"] for e in by_name["environments"]] == ["SBX1", "SBX2"]
    partial, failed = run_module(flexdeploy_environment_info, conn(emu, name="Env"))
    assert not failed and partial["environments"] == []
    by_id, failed = run_module(flexdeploy_environment_info, conn(emu, id=12348))
    assert not failed and by_id["environments"][0]["environmentCode"] == "PROD"
    missing, failed = run_module(flexdeploy_environment_info, conn(emu, id=99999))
    assert not failed and missing["environments"] == []
    active, failed = run_module(flexdeploy_environment_info, conn(emu, active=False))
    assert not failed and active["environments"] == []


def test_environment_info_id_excludes_filters(emu, run_module):
    result, failed = run_module(flexdeploy_environment_info, conn(emu, id=11001, code="QA"))
    assert failed and "mutually exclusive" in result["msg"]
    assert emu.requests() == []


def test_group_info(emu, run_module):
    result, failed = run_module(flexdeploy_group_info, conn(emu, name="Operations"))
    assert not failed and result["changed"] is False
    assert [g["groupId"] for g in result["groups"]] == [10003, 10004]
    assert gets(emu) == ["administration/security/group"]
    assert "groupName=Operations" in emu.requests()[0]["query"]
    contains, failed = run_module(flexdeploy_group_info, conn(emu, name_contains="READ"))
    assert not failed and [g["groupName"] for g in contains["groups"]] == ["Readers"]
    # FlexDeploy compares group names without case; so does the name filter.
    other_case, failed = run_module(flexdeploy_group_info, conn(emu, name="operations"))
    assert not failed and [g["groupId"] for g in other_case["groups"]] == [10003, 10004]
    every, failed = run_module(flexdeploy_group_info, conn(emu))
    assert not failed and len(every["groups"]) == 5
    by_id, failed = run_module(flexdeploy_group_info, conn(emu, id=10001))
    assert not failed and by_id["groups"][0]["isFlexDeployAdministrator"] is True
    missing, failed = run_module(flexdeploy_group_info, conn(emu, id=4242))
    assert not failed and missing["groups"] == []


def test_every_target_or_those_of_matching_environments(emu, run_module):
    every, failed = run_module(flexdeploy_target_info, conn(emu))
    assert not failed
    assert [(t["environmentCode"], t["instanceCode"]) for t in every["targets"]] == [
        ("QA", "OSB"), ("ENV1", "WLS"), ("DEV", "SOA"), ("DEV", "OSB"), ("PROD", "SOA"), ("PROD", "DB")]
    assert every["targets"][2]["module_args"]["properties"]["MDS_PASS"] == {"credential_id": 74952}
    emu.clear_log()
    dev, failed = run_module(flexdeploy_target_info, conn(emu, environment_contains="velop"))
    assert not failed and [t["environmentCode"] for t in dev["targets"]] == ["DEV", "DEV"]
    # the targets of the other environments are not read
    assert [p for p in gets(emu) if p.startswith("topology/environmentinstance/")] == [
        "topology/environmentinstance/12347/12342", "topology/environmentinstance/12347/15101"]
    both, failed = run_module(flexdeploy_target_info, conn(emu, environment="DEV", environment_contains="x"))
    assert failed and "mutually exclusive" in both["msg"]
