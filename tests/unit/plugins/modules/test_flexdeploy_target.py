# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""flexdeploy_target: the merge/replace comparison in isolation, and the module against the emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import json

import pytest

from ansible_collections.envops.environments.plugins.module_utils.errors import InputError
from ansible_collections.envops.environments.plugins.module_utils import flexdeploy_views
from ansible_collections.envops.environments.plugins.modules import flexdeploy_target as mod

# The target of the seed example (environment 12347, instance 12342).
SEED_TARGET = {
    "instanceId": 12342,
    "endPoints": [{"endPointId": 10101, "resourceIds": [11223, 11224]},
                  {"endPointId": 10111, "resourceIds": [11223]}],
    "environmentId": 12347,
    "isActive": True,
    "properties": [
        {"propertyName": "FDSOA_EXT_CLASSPATH", "propertyValue": None, "credentialId": None, "isExpression": False},
        {"propertyName": "FDSOA_REVISIONS_TO_KEEP", "propertyValue": 15, "credentialId": None, "isExpression": False},
        {"propertyName": "FDSOA_SERVER_HOST", "propertyValue": "dev-soa.company.local", "credentialId": None,
         "isExpression": False},
        {"propertyName": "FDSOA_SERVER_PORT", "propertyValue": 8001, "credentialId": None, "isExpression": False},
        {"propertyName": "FD_ORACLE_SOA_HOME", "propertyValue": "/u01/oracle/products/fmw/soa", "credentialId": None,
         "isExpression": False},
        {"propertyName": "MDS_PASS", "propertyValue": "*****", "credentialId": 74952, "isExpression": False},
    ],
}
NEW_SECRET = "brand-new-mds-secret-7731"


def params(**kwargs):
    base = {"environment": "DEV", "instance": "SOA", "active": None, "endpoints": None, "properties": None,
            "secret_properties": None, "update_secrets": "on_create", "mode": "merge"}
    base.update(kwargs)
    return base


def compare(**kwargs):
    plan = mod.Plan(params(**kwargs))
    changed = plan.compare(copy.deepcopy(SEED_TARGET))
    return changed, plan


# Comparison (no HTTP) --------------------------------------------------------------------------

def test_endpoint_resource_ids_compare_as_sets():
    changed, _plan = compare(endpoints=[{"id": 10111, "resource_ids": [11223]},
                                        {"id": 10101, "resource_ids": [11224, 11223]}], mode="replace",
                             properties=None)
    assert changed is False


def test_merge_endpoint_subset_is_unchanged_but_replace_is_not():
    subset = [{"id": 10101, "resource_ids": [11224]}]
    assert compare(endpoints=subset)[0] is False
    changed, plan = compare(endpoints=subset, mode="replace")
    assert changed is True
    assert plan.body["endPoints"] == [{"endPointId": 10101, "resourceIds": [11224]}]


def test_merge_sends_only_what_differs():
    changed, plan = compare(endpoints=[{"id": 10101, "resource_ids": [12123]}],
                            properties={"FDSOA_SERVER_HOST": "dev-soa.company.local", "FDSOA_SERVER_PORT": "8002"})
    assert changed is True
    assert plan.body == {
        "endPoints": [{"endPointId": 10101, "resourceIds": [12123]}],
        "properties": [{"propertyName": "FDSOA_SERVER_PORT", "propertyValue": "8002", "credentialId": None,
                        "isExpression": False}],
    }
    predicted = plan.predict()
    assert mod.endpoints_of(predicted)[10101] == {11223, 11224, 12123}
    assert mod.endpoints_of(predicted)[10111] == {11223}


def test_numbers_and_strings_of_equal_value_do_not_differ():
    assert compare(properties={"FDSOA_SERVER_PORT": "8001", "FDSOA_REVISIONS_TO_KEEP": 15})[0] is False


def test_masked_value_is_not_a_change_on_create_only():
    changed, plan = compare(secret_properties={"MDS_PASS": NEW_SECRET})
    assert changed is False and plan.body == {}
    changed, plan = compare(secret_properties={"MDS_PASS": NEW_SECRET}, update_secrets="always")
    assert changed is True
    assert plan.body["properties"] == [{"propertyName": "MDS_PASS", "propertyValue": NEW_SECRET,
                                        "credentialId": None, "isExpression": False}]
    assert plan.secrets_sent == {"MDS_PASS"}


def test_plain_value_for_a_masked_property_is_treated_as_a_secret():
    assert compare(properties={"MDS_PASS": "some-plain-value"})[0] is False


def test_secret_is_sent_when_the_property_has_no_value():
    changed, plan = compare(secret_properties={"FDSOA_EXT_CLASSPATH": NEW_SECRET})
    assert changed is True and plan.secrets_sent == {"FDSOA_EXT_CLASSPATH"}
    after = mod.view(plan.predict(), ("DEV", "SOA"), plan.secrets_sent)
    assert NEW_SECRET not in json.dumps(after)
    assert after["properties"]["FDSOA_EXT_CLASSPATH"]["value"] == flexdeploy_views.NEW_SECRET


def test_credential_id_compares_by_id():
    assert compare(properties={"MDS_PASS": {"credential_id": 74952}})[0] is False
    changed, plan = compare(properties={"MDS_PASS": {"credential_id": "52268"}})
    assert changed is True
    assert plan.body["properties"] == [{"propertyName": "MDS_PASS", "propertyValue": None, "credentialId": 52268,
                                        "isExpression": False}]


def test_replace_clears_properties_not_given_and_keeps_secrets_by_credential():
    changed, plan = compare(mode="replace", properties={"FDSOA_SERVER_HOST": "dev-soa.company.local",
                                                        "MDS_PASS": {"credential_id": 74952}})
    assert changed is True  # FDSOA_REVISIONS_TO_KEEP, FDSOA_SERVER_PORT, FD_ORACLE_SOA_HOME would be cleared
    names = [p["propertyName"] for p in plan.body["properties"]]
    assert names == ["FDSOA_SERVER_HOST", "MDS_PASS"]
    assert plan.body["endPoints"] == mod.endpoints_body(mod.endpoints_of(SEED_TARGET))
    predicted = dict((p["propertyName"], p) for p in plan.predict()["properties"])
    assert predicted["FDSOA_SERVER_PORT"]["propertyValue"] is None
    assert predicted["MDS_PASS"]["credentialId"] == 74952


def test_replace_without_property_options_keeps_every_value():
    changed, plan = compare(mode="replace", active=False)
    assert changed is True
    sent = dict((p["propertyName"], p) for p in plan.body["properties"])
    assert sorted(sent) == ["FDSOA_REVISIONS_TO_KEEP", "FDSOA_SERVER_HOST", "FDSOA_SERVER_PORT",
                            "FD_ORACLE_SOA_HOME", "MDS_PASS"]
    assert sent["MDS_PASS"] == {"propertyName": "MDS_PASS", "propertyValue": None, "credentialId": 74952,
                                "isExpression": False}
    assert plan.body["isActive"] is False


def test_expression_flag_is_compared():
    changed, plan = compare(properties={"FD_ORACLE_SOA_HOME": {"value": "/u01/oracle/products/fmw/soa",
                                                               "expression": True}})
    assert changed is True and plan.body["properties"][0]["isExpression"] is True


@pytest.mark.parametrize("kwargs, fragment", [
    ({"properties": {"": "x"}}, "property without a name"),
    ({"properties": {"MDS_PASS": {"credential_id": "abc"}}}, "numeric credential id"),
    ({"properties": {"MDS_PASS": {"value": "a", "credential_id": 1}}}, "both value and credential_id"),
    ({"properties": {"X": {"valu": "a"}}}, "unknown key(s) valu"),
    ({"properties": {"MDS_PASS": "a"}, "secret_properties": {"MDS_PASS": "b"}}, "both properties and secret_"),
    ({"endpoints": [{"id": 1, "resource_ids": [1]}, {"id": 1, "resource_ids": [2]}]}, "listed twice"),
    ({"properties": {"NO_SUCH_PROP": "x"}}, "no property named NO_SUCH_PROP"),
])
def test_bad_options_are_input_errors(kwargs, fragment):
    with pytest.raises(InputError) as error:
        compare(**kwargs)
    assert fragment in str(error.value)


# The module against the emulator -------------------------------------------------------------

def conn(emu, **args):
    return emu.module_options("flexdeploy", **args)


def writes(emu):
    return [r for r in emu.requests() if r["method"] != "GET"]


def test_converged_seed_target_takes_three_reads(emu, run_module):
    args = conn(emu, environment="DEV", instance="SOA",
                endpoints=[{"id": 10101, "resource_ids": [11224, 11223]}],
                properties={"FDSOA_SERVER_PORT": 8001}, secret_properties={"MDS_PASS": NEW_SECRET})
    emu.clear_log()
    result, failed = run_module(mod, args, diff=True)
    assert not failed and result["changed"] is False
    assert [r["method"] for r in emu.requests()] == ["GET", "GET", "GET"], emu.requests()
    assert NEW_SECRET not in json.dumps(result)


def test_check_mode_sends_no_write_then_apply_and_verify(emu, run_module):
    args = conn(emu, environment="Development", instance="12342", active=False,
                properties={"FDSOA_SERVER_HOST": "dev-soa.newcompany.local"})
    result, failed = run_module(mod, args, check_mode=True, diff=True)
    assert not failed and result["changed"] is True
    assert result["diff"]["after"]["properties"]["FDSOA_SERVER_HOST"] == "dev-soa.newcompany.local"
    assert writes(emu) == []
    result, failed = run_module(mod, args)
    assert not failed and result["changed"] is True
    assert [(r["method"], r["path"]) for r in writes(emu)] == [
        ("PATCH", "/flexdeploy/rest/v1/topology/environmentinstance/12347/12342")]
    again, failed = run_module(mod, args)
    assert not failed and again["changed"] is False


def test_secret_sent_once_then_masked(emu, run_module):
    args = conn(emu, environment="PROD", instance="SOA", secret_properties={"MDS_PASS": NEW_SECRET})
    first, failed = run_module(mod, args, diff=True)
    assert not failed and first["changed"] is True
    mds = [p for p in first["target"]["properties"] if p["propertyName"] == "MDS_PASS"][0]
    assert mds["propertyValue"] == "*****" and mds["credentialId"] is not None
    assert NEW_SECRET not in json.dumps(first)
    second, failed = run_module(mod, args)
    assert not failed and second["changed"] is False


def test_unknown_instance_and_foreign_instance_fail_without_write(emu, run_module):
    result, failed = run_module(mod, conn(emu, environment="DEV", instance="SAO", active=True))
    assert failed and "instance" in result["msg"] and "SOA" in result["msg"]
    result, failed = run_module(mod, conn(emu, environment="DEV", instance="DB", active=True))
    assert failed and "not an instance of environment DEV" in result["msg"]
    result, failed = run_module(mod, conn(emu, environment="Sandbox", instance="DB", active=True))
    assert failed and "2 environments are named 'Sandbox'" in result["msg"]
    assert writes(emu) == []


def test_wrong_password_is_reported_without_the_password(emu, run_module):
    result, failed = run_module(mod, conn(emu, password="not-the-password-42", environment="DEV", instance="SOA",
                                          active=True))
    assert failed and result["status"] == 401
    assert "not-the-password-42" not in json.dumps(result)


def test_read_only_user_gets_403_on_the_write(emu, run_module):
    from emulator.credentials import CREDENTIALS
    result, failed = run_module(mod, conn(emu, username=CREDENTIALS["flexdeploy_reader"],
                                          password=CREDENTIALS["flexdeploy_reader_password"],
                                          environment="DEV", instance="SOA", active=False))
    assert failed and result["status"] == 403
    assert [r["status"] for r in writes(emu)] == [403]


def test_numeric_ids_are_resolved_before_the_target_is_read(emu, run_module):
    # Digits may be a code (a code is looked up first): the lists settle it, then the target is read.
    emu.clear_log()
    result, failed = run_module(mod, conn(emu, environment="12347", instance="12342", active=True))
    assert not failed and result["changed"] is False
    assert [r["path"] for r in emu.requests()] == ["/flexdeploy/rest/v1/topology/environment",
                                                   "/flexdeploy/rest/v1/topology/instance",
                                                   "/flexdeploy/rest/v1/topology/environmentinstance/12347/12342"]


def test_numeric_ids_of_a_missing_target_are_explained(emu, run_module):
    result, failed = run_module(mod, conn(emu, environment="12347", instance="15103", active=True))
    assert failed and "DB (id 15103) is not an instance of environment DEV (id 12347)" in result["msg"]
    assert writes(emu) == []


def test_plain_value_stored_encrypted_is_masked_in_the_result(emu, run_module):
    # A secret wrongly given in `properties` to an encrypted property that has no value yet.
    leaked = "misplaced-secret-5521"
    result, failed = run_module(mod, conn(emu, environment="PROD", instance="SOA",
                                          properties={"MDS_PASS": leaked}), diff=True)
    assert not failed and result["changed"] is True
    assert leaked not in json.dumps(result)
