# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""flexdeploy_group: the permission table check, set comparison, and the module against the emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.envops.environments.plugins.module_utils.errors import InputError
from ansible_collections.envops.environments.plugins.module_utils.flexdeploy import (
    PERMISSIONS,
    pairs_of,
    permission_pairs,
)
from ansible_collections.envops.environments.plugins.modules import flexdeploy_group as mod

SEED_GROUP = {"groupId": 10000, "groupName": "Simple Group Put", "description": "This is an updated group.",
              "isActive": True, "isFlexDeployAdministrator": False,
              "deploymentPermissions": {"environments": [11001], "allEnvironments": False},
              "globalPermissions": [{"actionType": "UPDATE", "objectType": "APPROVAL"},
                                    {"actionType": "READ", "objectType": "NOTIFICATION"}]}


# The permission table --------------------------------------------------------------------------

def test_table_pairs_are_accepted_case_insensitively():
    pairs = permission_pairs("global_permissions", {"approval": ["read", "UPDATE"], "RELEASE": "CONFIGUREPIPLINE",
                                                    "WEBHOOKMESSAGE": ["VIEWLOGS", "EXECUTE"]})
    assert pairs == {("APPROVAL", "READ"), ("APPROVAL", "UPDATE"), ("RELEASE", "CONFIGUREPIPLINE"),
                     ("WEBHOOKMESSAGE", "VIEWLOGS"), ("WEBHOOKMESSAGE", "EXECUTE")}


def test_table_matches_the_seed_rows():
    assert len(PERMISSIONS) == 38
    assert PERMISSIONS["PROJECTPAGE"] == ("VIEW",)
    assert PERMISSIONS["PLUGIN"] == ("READ", "UPLOAD")
    assert len(PERMISSIONS["RELEASE"]) == 8


def test_action_not_allowed_names_the_allowed_actions():
    with pytest.raises(InputError) as error:
        permission_pairs("global_permissions", {"REPORT": ["READ", "UPDATE"]})
    assert str(error.value) == ("global_permissions: action 'UPDATE' is not allowed for object type REPORT; "
                                "allowed actions: READ.")


def test_unknown_object_type_suggests_close_matches():
    with pytest.raises(InputError) as error:
        permission_pairs("global_permissions", {"APROVAL": ["READ"]})
    assert "unknown object type 'APROVAL'" in str(error.value)
    assert "did you mean APPROVAL" in str(error.value)


# Set comparison --------------------------------------------------------------------------------

def params(**kwargs):
    base = dict((k, None) for k in mod.ARGUMENT_SPEC)
    base.update(name="Simple Group Put", state="present", mode="merge")
    base.update(kwargs)
    return base


def test_permission_order_never_causes_a_change():
    pairs = permission_pairs("global_permissions", {"NOTIFICATION": ["READ"], "APPROVAL": ["UPDATE"]})
    assert mod.Plan(params(mode="replace"), pairs, SEED_GROUP, {11001}).changes == {}


def test_merge_adds_and_replace_sets_exactly():
    pairs = permission_pairs("global_permissions", {"REPORT": ["READ"]})
    merged = mod.Plan(params(), pairs, SEED_GROUP, None)
    assert pairs_of(merged.changes["globalPermissions"]) == {("APPROVAL", "UPDATE"), ("NOTIFICATION", "READ"),
                                                             ("REPORT", "READ")}
    replaced = mod.Plan(params(mode="replace"), pairs, SEED_GROUP, None)
    assert pairs_of(replaced.changes["globalPermissions"]) == {("REPORT", "READ")}


def test_merge_subset_is_unchanged():
    pairs = permission_pairs("global_permissions", {"APPROVAL": ["UPDATE"]})
    assert mod.Plan(params(), pairs, SEED_GROUP, {11001}).changes == {}


# The module against the emulator -------------------------------------------------------------

def conn(emu, **args):
    return emu.module_options("flexdeploy", **args)


def writes(emu):
    return [r for r in emu.requests() if r["method"] != "GET"]


def test_invalid_pair_fails_before_any_request(emu, run_module):
    emu.clear_log()
    result, failed = run_module(mod, conn(emu, name="Auditors", global_permissions={"PROJECTPAGE": ["READ"]}))
    assert failed
    assert "PROJECTPAGE" in result["msg"] and "allowed actions: VIEW" in result["msg"]
    assert emu.requests() == []


def test_exact_name_although_the_filter_matches_substrings(emu, run_module):
    # "Read" is contained in "Readers": the filter returns it, the module must not take it.
    result, failed = run_module(mod, conn(emu, name="Read", global_permissions={"REPORT": ["READ"]}),
                                check_mode=True, diff=True)
    assert not failed and result["changed"] is True
    assert result["diff"]["before"] == {}
    assert writes(emu) == []


def test_duplicate_exact_names_fail_without_write(emu, run_module):
    result, failed = run_module(mod, conn(emu, name="Operations", description="x"))
    assert failed and "2 groups are named 'Operations'" in result["msg"] and "10003" in result["msg"]
    assert writes(emu) == []


def test_create_converge_merge_replace_deactivate(emu, run_module):
    base = dict(name="Release Managers", deployment_environments=["QA", "PROD"],
                global_permissions={"RELEASE": ["READ", "UPDATE"], "APPROVAL": ["READ"]})
    created, failed = run_module(mod, conn(emu, **base))
    assert not failed and created["changed"] is True
    group = created["group"]
    assert group["isActive"] is True and group["isFlexDeployAdministrator"] is False
    assert sorted(group["deploymentPermissions"]["environments"]) == [11001, 12348]

    emu.clear_log()
    reordered = dict(base)
    reordered["global_permissions"] = {"APPROVAL": ["READ"], "RELEASE": ["UPDATE", "READ"]}
    again, failed = run_module(mod, conn(emu, **reordered))
    assert not failed and again["changed"] is False
    assert [r["method"] for r in emu.requests()] == ["GET", "GET"]  # the group, and the environment list

    merged, failed = run_module(mod, conn(emu, name="Release Managers", global_permissions={"APPROVAL": ["UPDATE"]}))
    assert not failed and merged["changed"] is True
    assert ("APPROVAL", "UPDATE") in pairs_of(merged["group"]["globalPermissions"])
    assert ("RELEASE", "READ") in pairs_of(merged["group"]["globalPermissions"])

    replaced, failed = run_module(mod, conn(emu, name="Release Managers", mode="replace",
                                            deployment_environments=["12348"],
                                            global_permissions={"RELEASE": ["READ"]}), diff=True)
    assert not failed and replaced["changed"] is True
    assert pairs_of(replaced["group"]["globalPermissions"]) == {("RELEASE", "READ")}
    assert replaced["group"]["deploymentPermissions"]["environments"] == [12348]
    assert replaced["diff"]["after"]["global_permissions"] == {"RELEASE": ["READ"]}
    assert [r["method"] for r in writes(emu)][-1] == "PUT"

    gone, failed = run_module(mod, conn(emu, name="Release Managers", state="absent"))
    assert not failed and gone["changed"] is True and gone["group"]["isActive"] is False
    gone_again, failed = run_module(mod, conn(emu, name="Release Managers", state="absent"))
    assert not failed and gone_again["changed"] is False


def test_unknown_environment_fails_without_write(emu, run_module):
    result, failed = run_module(mod, conn(emu, name="New Group", deployment_environments=["PRD"]))
    assert failed and "deployment_environments" in result["msg"] and "PROD" in result["msg"]
    assert writes(emu) == []


def test_lost_create_answer_is_settled_by_reading_again(emu, run_module):
    emu.inject(method="POST", path="security/group$", drop=True, when="after")
    result, failed = run_module(mod, conn(emu, name="Lost Group", global_permissions={"REPORT": ["READ"]},
                                          timeout=5))
    assert not failed and result["changed"] is True
    assert result["group"]["groupName"] == "Lost Group"
    assert len([r for r in emu.requests() if r["method"] == "POST"]) == 1
    again, failed = run_module(mod, conn(emu, name="Lost Group", global_permissions={"REPORT": ["READ"]}))
    assert not failed and again["changed"] is False
