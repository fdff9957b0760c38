# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The same faults for every product's resource module: retryable faults on reads converge, a
create that fails is never re-sent and a clean run then converges to exactly one record."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from cases import CASES

CASE_PARAMS = [pytest.param(case, id=case.module_name) for case in CASES]


def creates(emu, case):
    return [r["status"] for r in emu.requests() if r["method"] == "POST" and r["path"] == case.create_path]


def final_state_is_one_record(emu, case, name):
    records = case.named(emu, name)
    assert len(records) == 1, records
    assert case.matches(records[0], case.FINAL), records[0]


@pytest.mark.parametrize("case", CASE_PARAMS)
@pytest.mark.parametrize("status", [429, 503])
def test_throttled_reads_are_retried_and_converge(emu, run_module, case, status):
    emu.inject(status=status, retry_after=0, method="GET", count=2)
    result, failed = run_module(case.module(), case.args(emu, "flt-read", case.FINAL))
    assert not failed, result
    assert result["changed"] is True
    assert [r["status"] for r in emu.requests() if r["method"] == "GET"][:2] == [status, status]
    final_state_is_one_record(emu, case, "flt-read")


@pytest.mark.parametrize("case", CASE_PARAMS)
def test_dropped_read_is_retried(emu, run_module, case):
    emu.inject(drop=True, method="GET", count=1)
    result, failed = run_module(case.module(), case.args(emu, "flt-drop", case.FINAL))
    assert not failed, result
    final_state_is_one_record(emu, case, "flt-drop")


@pytest.mark.parametrize("case", CASE_PARAMS)
@pytest.mark.parametrize("fault", [dict(status=500), dict(status=503, retry_after=0), dict(drop=True),
                                   dict(drop=True, when="after")],
                         ids=["500", "503", "dropped-before", "dropped-after"])
def test_failed_create_is_not_resent_and_a_clean_run_converges(emu, run_module, case, fault):
    emu.inject(method="POST", path="^%s$" % case.create_path, count=1, **fault)
    result, failed = run_module(case.module(), case.args(emu, "flt-create", case.FINAL))
    if failed:
        assert result["msg"] and "Traceback" not in result["msg"], result
    # One create went out, whatever happened to it.
    assert len(creates(emu, case)) == 1, creates(emu, case)
    again, failed = run_module(case.module(), case.args(emu, "flt-create", case.FINAL))
    assert not failed, again
    final_state_is_one_record(emu, case, "flt-create")
    settled, failed = run_module(case.module(), case.args(emu, "flt-create", case.FINAL))
    assert not failed and settled["changed"] is False, settled
