# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Input that only looks different: one rule for every module (plugins/module_utils/inputs.py).

* Surrounding blanks of names, codes and references are removed before anything is searched or
  sent: a padded value gives exactly the requests and the result of the plain one, and a second
  run never fails or duplicates.
* Empty or blank identifiers, and values outside the documents' bounds, fail before any request.
* Names are matched as the product matches them: FlexDeploy group names without case.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import functools
import importlib
import os

import pytest

from faults.cases import FlexDeployEnvironmentCase, RpmEnvironmentCase
from harness import Emulator

# (emu, **extra) -> the product's module options against the emulator, plus extra.
rpm = functools.partial(Emulator.module_options, product="rpm")
flexdeploy = functools.partial(Emulator.module_options, product="flexdeploy")
plutora = functools.partial(Emulator.module_options, product="plutora")


def module_named(name):
    return importlib.import_module("ansible_collections.envops.environments.plugins.modules." + name)


def requests_sent(emu):
    return [(r["method"], r["path"], r["query"]) for r in emu.requests()]


def pad(value):
    """The same value with blanks around every identifier (recursively through lists and dicts)."""
    if isinstance(value, str):
        return "  %s \t" % value
    if isinstance(value, list):
        return [pad(v) for v in value]
    if isinstance(value, dict):
        return dict((k, pad(v)) for k, v in value.items())
    return value


# module -> (connection, identifier options with values that exist or can be created, other options)
IDENTIFIERS = {
    "rpm_environment": (rpm, dict(name="production", environment_type="Production",
                                  servers=["Test Server 1", "qa-app-01"], server_groups=["QA Web"],
                                  default_server_group="QA Web"), dict(deployment_policy="closed")),
    "rpm_environment_info": (rpm, dict(name="production", environment_type="Production"), {}),
    "rpm_server": (rpm, dict(name="qa-app-01"), dict(dns="qa-app-01.example.com")),
    "rpm_server_info": (rpm, dict(name="qa-app-01"), {}),
    "flexdeploy_environment": (flexdeploy, dict(code="DEV", name="Development", instances=["SOA", "OSB", "DB"]), {}),
    "flexdeploy_environment_info": (flexdeploy, dict(code="DEV", name="Development"), {}),
    "flexdeploy_group": (flexdeploy, dict(name="Readers", deployment_environments=["QA", "DEV"]), {}),
    "flexdeploy_group_info": (flexdeploy, dict(name="Readers"), {}),
    "flexdeploy_target": (flexdeploy, dict(environment="DEV", instance="SOA"), dict(active=False)),
    "flexdeploy_target_info": (flexdeploy, dict(environment="DEV", instance="SOA"), {}),
    "plutora_system": (plutora, dict(name="Core Banking", organization="Advice Systems"), {}),
    "plutora_system_info": (plutora, dict(name="Core Banking"), {}),
    "plutora_environment": (plutora, dict(
        name="Core Banking Env 001", system="Core Banking", usage="Dev", status="Active",
        hosts=[{"name": "cb-app-01", "layers": [{"component_name": "ledger", "stack_layer": "Application"}]}]), {}),
    "plutora_environment_info": (plutora, dict(name="Core Banking Env 001", system="Core Banking", usage="UAT",
                                               status="Active"), {}),
    "plutora_environment_group": (plutora, dict(
        name="Ledger Group", environments=["Core Banking Env 001", "Core Banking Env 002"],
        connections=[{"source": "Core Banking Env 001", "target": "Core Banking Env 002", "type": "HTTPS",
                      "direction": "InAndOut"}]), {}),
    "plutora_environment_group_info": (plutora, dict(name="Ledger Group"), {}),
}
MODULES = sorted(IDENTIFIERS)


def test_every_module_with_identifiers_is_covered():
    modules = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                           "plugins", "modules")
    names = sorted(n[:-3] for n in os.listdir(modules) if n.endswith(".py") and not n.startswith("_"))
    assert set(names) - set(MODULES) == {"plutora_token"}  # the only module without identifier options


@pytest.mark.parametrize("name", MODULES)
def test_surrounding_blanks_give_the_requests_and_result_of_the_plain_value(emu, run_module, name):
    connection, identifiers, other = IDENTIFIERS[name]
    runs = []
    for values in (identifiers, pad(identifiers)):
        emu.reset()
        args = connection(emu, **copy.deepcopy(values))
        args.update(other)
        result, failed = run_module(module_named(name), args, check_mode=True)
        assert not failed, result
        runs.append((result, requests_sent(emu)))
    (plain, plain_requests), (padded, padded_requests) = runs
    assert padded_requests == plain_requests
    assert padded == plain


# Every identifier option of every module, given empty and blank: refused before any request.
BLANKS = [
    ("rpm_environment", "name", {}), ("rpm_environment", "environment_type", {"name": "x"}),
    ("rpm_environment", "servers", {"name": "x"}), ("rpm_environment", "server_groups", {"name": "x"}),
    ("rpm_environment", "default_server_group", {"name": "x"}),
    ("rpm_environment", "pending_servers", {"name": "x"}),
    ("rpm_environment_info", "name", {}), ("rpm_environment_info", "environment_type", {}),
    ("rpm_server", "name", {}), ("rpm_server_info", "name", {}),
    ("flexdeploy_environment", "code", {}), ("flexdeploy_environment", "name", {"code": "QA"}),
    ("flexdeploy_environment", "instances", {"code": "QA"}),
    ("flexdeploy_environment_info", "code", {}), ("flexdeploy_environment_info", "name", {}),
    ("flexdeploy_group", "name", {}), ("flexdeploy_group", "deployment_environments", {"name": "Readers"}),
    ("flexdeploy_group_info", "name", {}), ("flexdeploy_group_info", "name_contains", {}),
    ("flexdeploy_target", "environment", {"instance": "SOA"}), ("flexdeploy_target", "instance", {"environment": "DEV"}),
    ("flexdeploy_target_info", "environment", {}), ("flexdeploy_target_info", "instance", {"environment": "DEV"}),
    ("plutora_system", "name", {}), ("plutora_system", "organization", {"name": "S"}),
    ("plutora_system_info", "id", {}), ("plutora_system_info", "name", {}), ("plutora_system_info", "name_contains", {}),
    ("plutora_environment", "name", {}), ("plutora_environment", "system", {"name": "E"}),
    ("plutora_environment", "usage", {"name": "E"}), ("plutora_environment", "status", {"name": "E"}),
    ("plutora_environment", "hosts[0].name", {"name": "E"}),
    ("plutora_environment", "hosts[0].layers[0].component_name", {"name": "E"}),
    ("plutora_environment", "hosts[0].layers[0].stack_layer", {"name": "E"}),
    ("plutora_environment_info", "id", {}), ("plutora_environment_info", "name", {}),
    ("plutora_environment_info", "system", {}), ("plutora_environment_info", "usage", {}),
    ("plutora_environment_info", "status", {}),
    ("plutora_environment_group", "name", {}), ("plutora_environment_group", "environments", {"name": "G"}),
    ("plutora_environment_group", "connections[0].source", {"name": "G"}),
    ("plutora_environment_group", "connections[0].target", {"name": "G"}),
    ("plutora_environment_group", "connections[0].type", {"name": "G"}),
    ("plutora_environment_group_info", "id", {}), ("plutora_environment_group_info", "name", {}),
    ("plutora_environment_group_info", "name_contains", {}),
]
LIST_OPTIONS = ("servers", "server_groups", "instances", "deployment_environments", "environments", "pending_servers")


def with_blank(option, blank, args):
    """Args where `option` (a path such as hosts[0].layers[0].component_name) is `blank`."""
    if option.startswith("hosts[0]"):
        layer = {"component_name": "c", "stack_layer": "Application"}
        host = {"name": "h", "layers": [layer]}
        key = option.split(".")[-1]
        (layer if "layers" in option else host)[key] = blank
        return dict(args, hosts=[host]), option
    if option.startswith("connections[0]"):
        connection = {"source": "A", "target": "B", "type": "HTTPS"}
        connection[option.split(".")[-1]] = blank
        return dict(args, connections=[connection]), option
    if option in LIST_OPTIONS:
        return dict(args, **{option: ["ok", blank]}), "%s[1]" % option
    return dict(args, **{option: blank}), option


@pytest.mark.parametrize("blank", ["", "   "], ids=["empty", "blank"])
@pytest.mark.parametrize("name,option,args", BLANKS, ids=["%s-%s" % (m, o) for m, o, _a in BLANKS])
def test_an_empty_or_blank_identifier_fails_before_any_request(emu, run_module, name, option, args, blank):
    connection = IDENTIFIERS[name][0]
    task_args, shown = with_blank(option, blank, args)
    emu.clear_log()
    try:
        result, failed = run_module(module_named(name), connection(emu, **task_args))
    except Exception as exc:
        pytest.fail("%s raised %r instead of failing cleanly" % (name, exc))
    assert failed, result
    assert "%s: must not be empty or blank" % shown in result["msg"], result["msg"]
    assert emu.requests() == []


@pytest.mark.parametrize("name,args,words", [
    ("flexdeploy_environment", dict(code="QA", sort_number=-1), ["sort_number", "0 or more", "-1"]),
    ("rpm_environment", dict(name="  %s  " % ("e" * 256)), ["name", "255", "256"]),
    ("rpm_server", dict(name="s" * 256), ["name", "255", "256"]),
    ("rpm_environment_info", dict(id=0), ["id", "positive"]),
    ("flexdeploy_environment_info", dict(id=-3), ["id", "positive"]),
    ("flexdeploy_group_info", dict(id=0), ["id", "positive"]),
    ("flexdeploy_target", dict(environment="DEV", instance="SOA", endpoints=[{"id": -1, "resource_ids": [1]}]),
     ["endpoints[0]", "positive"]),
    ("flexdeploy_target", dict(environment="DEV", instance="SOA", properties={"MDS_PASS": {"credential_id": 0}}),
     ["credential_id", "MDS_PASS"]),
], ids=["negative-sort-number", "rpm-name-over-255", "rpm-server-name-over-255", "rpm-info-id-0", "flexdeploy-env-info-negative-id",
        "flexdeploy-group-info-id-0", "negative-endpoint-id", "credential-id-0"])
def test_values_outside_the_documented_bounds_fail_before_any_request(emu, run_module, name, args, words):
    connection = IDENTIFIERS[name][0]
    emu.clear_log()
    result, failed = run_module(module_named(name), connection(emu, **args))
    assert failed, result
    for word in words:
        assert word in result["msg"], (word, result["msg"])
    assert emu.requests() == []


def test_rpm_name_with_surrounding_blanks_creates_once_and_then_is_unchanged(emu, run_module):
    """The reported case: "  SpaceEnv  " created, then the second run failed with HTTP 422."""
    case = RpmEnvironmentCase()
    module = module_named("rpm_environment")
    first, failed = run_module(module, rpm(emu, name="  SpaceEnv  "))
    assert not failed and first["changed"] and first["environment"]["name"] == "SpaceEnv", first
    posts = [r for r in emu.requests() if r["method"] == "POST"]
    assert len(posts) == 1
    second, failed = run_module(module, rpm(emu, name="  SpaceEnv  "))
    assert not failed, second
    assert second["changed"] is False
    assert [r["name"] for r in case.named(emu, "SpaceEnv")] == ["SpaceEnv"]


def test_flexdeploy_code_with_surrounding_blanks_is_the_same_environment(emu, run_module):
    case = FlexDeployEnvironmentCase()
    module = module_named("flexdeploy_environment")
    first, failed = run_module(module, flexdeploy(emu, code=" NEWENV ", name=" New environment "))
    assert not failed and first["changed"], first
    second, failed = run_module(module, flexdeploy(emu, code="NEWENV", name="New environment"))
    assert not failed and second["changed"] is False, second
    assert [r["environmentName"] for r in case.records(emu) if r["environmentCode"] == "NEWENV"] == ["New environment"]


def test_flexdeploy_group_name_in_another_case_is_the_existing_group(emu, run_module):
    """FlexDeploy's group filter ignores case, so `admins` must never create a second "Admins"."""
    module = module_named("flexdeploy_group")
    result, failed = run_module(module, flexdeploy(emu, name="administrators", description="All admins"))
    assert not failed and result["changed"], result
    assert result["group"]["groupId"] == 10001
    assert [r["method"] for r in emu.requests() if r["method"] != "GET"] == ["PATCH"]
    again, failed = run_module(module, flexdeploy(emu, name="administrators", description="All admins"))
    assert not failed and again["changed"] is False, again
    listed, failed = run_module(module_named("flexdeploy_group_info"), flexdeploy(emu, name="ADMINISTRATORS"))
    assert not failed and [g["groupId"] for g in listed["groups"]] == [10001]


def test_flexdeploy_group_name_matching_several_groups_without_case_fails_clearly(emu, run_module):
    emu.clear_log()
    args = flexdeploy(emu, name="operations", description="x")
    result, failed = run_module(module_named("flexdeploy_group"), args)
    assert failed
    assert "2 groups are named 'operations'" in result["msg"] and "when case is ignored" in result["msg"]
    assert "10003" in result["msg"] and "10004" in result["msg"]
    assert [r for r in emu.requests() if r["method"] != "GET"] == []
