# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""flexdeploy_environment: comparison helpers and the module against the emulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.envops.environments.plugins.module_utils import flexdeploy as fd
from ansible_collections.envops.environments.plugins.modules import flexdeploy_environment as mod

DEV = {"environmentId": 12347, "environmentCode": "DEV", "environmentName": "Development",
       "description": "Development environment", "isActive": True, "sortNumber": 2,
       "isBuildEnvironment": False, "instances": [12342, 15101]}


def params(**kwargs):
    base = dict((k, None) for k in mod.ARGUMENT_SPEC)
    base.update(code="DEV", state="present", mode="merge")
    base.update(kwargs)
    return base


class Lookups:
    """An API stand-in that resolves the references it knows."""

    IDS = {"SOA": 12342, "OSB": 15101, "15101": 15101, "12342": 12342}

    def resolve_ids(self, option, kind, refs):
        return [self.IDS[ref] for ref in refs]


def test_only_given_options_are_compared():
    assert mod.changed_attributes(params(name="Development", sort_number=2), DEV, None) == {}
    assert mod.changed_attributes(params(description="New"), DEV, None) == {"description": "New"}


def test_code_in_another_case_is_renamed():
    assert mod.changed_attributes(params(code="dev"), DEV, None) == {"environmentCode": "dev"}


def test_instances_in_any_order_and_any_form_are_the_same_set():
    assert mod.instance_changes(Lookups(), ["15101", "SOA"], DEV["instances"]) is None
    assert mod.instance_changes(Lookups(), ["OSB"], DEV["instances"]) == [15101]


def test_replace_body_is_the_whole_record():
    record = mod.full_record(DEV, {"description": None})
    assert record["environmentName"] == "Development" and record["description"] is None
    assert record["instances"] == [12342, 15101]


def conn(emu, **args):
    return emu.module_options("flexdeploy", **args)


def writes(emu):
    return [r for r in emu.requests() if r["method"] != "GET"]


def test_create_check_mode_then_create_then_converged(emu, run_module):
    args = conn(emu, code="UAT", name="User Acceptance", sort_number=5, instances=["SOA", "Service Bus", "15103"])
    result, failed = run_module(mod, args, check_mode=True, diff=True)
    assert not failed and result["changed"] is True
    assert result["diff"]["after"]["instances"] == [12342, 15101, 15103]
    assert writes(emu) == []
    result, failed = run_module(mod, args)
    assert not failed and result["changed"] is True
    assert [r["method"] for r in writes(emu)] == ["POST"]
    assert sorted(result["environment"]["instances"]) == [12342, 15101, 15103]
    emu.clear_log()
    again, failed = run_module(mod, args)
    assert not failed and again["changed"] is False
    # One search by code and one instance list for the three references.
    assert [r["path"] for r in emu.requests()] == ["/flexdeploy/rest/v1/topology/environment",
                                                   "/flexdeploy/rest/v1/topology/instance"]


@pytest.mark.parametrize("mode, method", [("merge", "PATCH"), ("replace", "PUT")])
def test_instances_are_the_exact_set(emu, run_module, mode, method):
    result, failed = run_module(mod, conn(emu, code="DEV", instances=["SOA"], mode=mode), diff=True)
    assert not failed and result["changed"] is True
    assert result["environment"]["instances"] == [12342]
    assert result["environment"]["environmentName"] == "Development"
    assert result["diff"]["before"]["instances"] == [12342, 15101]
    assert [r["method"] for r in writes(emu)] == [method]


def test_absent_deactivates_once(emu, run_module):
    first, failed = run_module(mod, conn(emu, code="QA", state="absent"))
    assert not failed and first["changed"] is True and first["environment"]["isActive"] is False
    second, failed = run_module(mod, conn(emu, code="QA", state="absent"))
    assert not failed and second["changed"] is False
    missing, failed = run_module(mod, conn(emu, code="NOPE", state="absent"))
    assert not failed and missing["changed"] is False
    assert [r["method"] for r in writes(emu)] == ["PATCH"]


def test_bad_input_fails_before_any_write(emu, run_module):
    result, failed = run_module(mod, conn(emu, code="NEW1"))
    assert failed and "name: required to create environment NEW1" in result["msg"]
    result, failed = run_module(mod, conn(emu, code="DEV", instances=["SOA", "OSBB"]))
    assert failed and "instances" in result["msg"] and "OSB" in result["msg"]
    result, failed = run_module(mod, conn(emu, code="DEV", instances=["99999"]))
    assert failed and "'99999'" in result["msg"]
    assert writes(emu) == []


def test_lost_create_answer_is_settled_by_reading_again(emu, run_module):
    # The server creates the environment, then the connection drops before the answer arrives.
    emu.inject(method="POST", path="topology/environment$", drop=True, when="after")
    result, failed = run_module(mod, conn(emu, code="LOST", name="Lost answer", instances=["SOA"], timeout=5))
    assert not failed and result["changed"] is True
    assert result["environment"]["environmentCode"] == "LOST"
    posts = [r for r in emu.requests() if r["method"] == "POST"]
    assert len(posts) == 1  # never re-sent
    again, failed = run_module(mod, conn(emu, code="LOST", name="Lost answer", instances=["SOA"]))
    assert not failed and again["changed"] is False


def test_create_refused_because_another_run_created_it_converges(emu, run_module, monkeypatch):
    # Another run creates the code between this run's search and its POST: the POST gets a 400.
    first, failed = run_module(mod, conn(emu, code="RACE", name="Race"))
    assert not failed and first["changed"] is True
    original = fd.FlexDeployApi.find_by_code
    calls = []

    def stale_then_fresh(self, kind, code, option="code"):
        calls.append(code)
        return None if len(calls) == 1 else original(self, kind, code, option)

    monkeypatch.setattr(fd.FlexDeployApi, "find_by_code", stale_then_fresh)
    result, failed = run_module(mod, conn(emu, code="RACE", name="Race", description="second"))
    assert not failed and result["changed"] is True
    assert result["environment"]["description"] == "second"
    assert [r["status"] for r in emu.requests() if r["method"] == "POST"] == [201, 400]
