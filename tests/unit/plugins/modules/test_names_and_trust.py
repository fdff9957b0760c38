# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Names and trust: a FlexDeploy code made of digits is a code first and never silently another
record's id; RPM's name filter is checked against its answer, not trusted."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import sys

import pytest

from seed_api import ApiSeeder, writes

from ansible_collections.envops.environments.plugins.modules import (
    flexdeploy_environment,
    flexdeploy_group,
    flexdeploy_target,
    flexdeploy_target_info,
    rpm_environment_info,
)

GROUP = "administration/security/group"


def seed_digit_codes(emu):
    """An environment whose code is "11001", the id of the seeded environment QA, and one whose code
    "20001" is nobody's id."""
    api = ApiSeeder(emu)
    clash = api.flexdeploy("POST", "topology/environment", {"environmentCode": "11001", "environmentName": "Digits",
                                                            "instances": [15100]})
    plain = api.flexdeploy("POST", "topology/environment", {"environmentCode": "20001", "environmentName": "Plain",
                                                            "instances": [15100]})
    return api, clash, plain


def test_digits_that_are_a_code_and_another_id_fail_naming_both(emu, run_module):
    api, clash, _plain = seed_digit_codes(emu)
    emu.clear_log()
    result, failed = run_module(flexdeploy_group, emu.module_options(
        "flexdeploy", name="Deployers", deployment_environments=["11001"]))
    assert failed, result
    msg = result["msg"]
    assert "deployment_environments: '11001' is the code of the environment 11001 (id %s)" % clash["environmentId"] in msg
    assert "the id of the environment QA (id 11001)" in msg
    assert writes(emu.requests()) == []
    for module, args in ((flexdeploy_target_info, dict(environment="11001")),
                         (flexdeploy_target, dict(environment="11001", instance="WLS", active=True))):
        result, failed = run_module(module, emu.module_options("flexdeploy", **args))
        assert failed and "two records answer to it" in result["msg"], (module.__name__, result)
    assert writes(emu.requests()) == []
    assert not [g for g in api.flexdeploy("GET", GROUP) if g["groupName"] == "Deployers"]


def test_digits_are_a_code_first_then_an_id(emu, run_module):
    api, _clash, plain = seed_digit_codes(emu)
    result, failed = run_module(flexdeploy_group, emu.module_options(
        "flexdeploy", name="Deployers", deployment_environments=["20001", "12347"], mode="replace"))
    assert not failed, result
    group = [g for g in api.flexdeploy("GET", GROUP) if g["groupName"] == "Deployers"][0]
    assert sorted(group["deploymentPermissions"]["environments"]) == sorted([plain["environmentId"], 12347])
    result, failed = run_module(flexdeploy_target_info, emu.module_options("flexdeploy", environment="20001"))
    assert not failed and [t["environmentId"] for t in result["targets"]] == [plain["environmentId"]]


def test_documentation_states_the_rule_in_every_module_that_resolves_environments():
    for module in (flexdeploy_group, flexdeploy_target, flexdeploy_target_info, flexdeploy_environment):
        text = " ".join(module.DOCUMENTATION.split())
        assert "code first, then" in text and "fails, naming both" in text, module.__name__


# RPM's name filter ---------------------------------------------------------------------------------

@pytest.fixture
def rpm_ignoring_filters(emu):
    """RPM answering every environment search with its whole list, as a server (or proxy) that
    drops the filter would."""
    api = ApiSeeder(emu)
    everything = api.rpm("GET", "environments?filters[active]=true&filters[inactive]=true")
    emu.inject(status=200, count=20, method="GET", path=r"^/brpm/v1/environments$",
               body=json.dumps(everything))
    return everything


def test_name_filter_a_server_ignores_does_not_widen_the_answer(emu, run_module, rpm_ignoring_filters):
    assert len(rpm_ignoring_filters) > 1
    result, failed = run_module(rpm_environment_info, emu.module_options("rpm", name="production"))
    assert not failed, result
    assert [e["name"] for e in result["environments"]] == ["production"]
    result, failed = run_module(rpm_environment_info, emu.module_options("rpm", name="PROD%"))
    assert not failed and [e["name"] for e in result["environments"]] == ["production"]
    result, failed = run_module(rpm_environment_info, emu.module_options("rpm", name="no-such-environment"))
    assert not failed and result["environments"] == []


if __name__ == "__main__":
    sys.exit(pytest.main([__file__]))
