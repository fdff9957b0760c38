# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""200 invocations of each product's resource module under random faults, then one clean converge.

Seeded, so a failure can be replayed (FAULT_SEED=<n>). Every invocation must either succeed or
fail with a clear message (no exception escapes the module), and must never have a create
processed twice. After the clean converge every resource exists exactly once, exactly as wanted,
and nothing else the run touched exists.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import random
import time

import pytest

from cases import CASES

INVOCATIONS = 200
RESOURCES = 6
SEED = int(os.environ.get("FAULT_SEED", "20261123"))

# (weight, fault template); a template gets a method and is queued for one request.
FAULTS = [
    (30, None),
    (10, dict(status=429, retry_after=0)),
    (4, dict(status=429, retry_after=1)),
    (10, dict(status=503, retry_after=0)),
    (8, dict(status=500)),
    (8, dict(status=502)),
    (10, dict(drop=True)),
    (10, dict(drop=True, when="after")),
    (3, dict(delay=1.3)),
]
METHODS = ["GET", "GET", "POST", "PUT", "DELETE"]
TIMEOUT = 1
# Log statuses that show an injected fault was served.
BITES = (429, 500, 502, 503, "dropped")


def pick(rng, weighted):
    total = sum(weight for weight, item in weighted)
    point = rng.uniform(0, total)
    for weight, item in weighted:
        point -= weight
        if point <= 0:
            return item
    return weighted[-1][1]


def processed_creates(log, case):
    """POSTs of creates the server acted on or may have acted on (anything but a 429)."""
    return [r for r in log if r["method"] == "POST" and r["path"] == case.create_path and r["status"] != 429]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.module_name) for c in CASES])
def test_random_faults_then_clean_converge(emu, run_module, case):
    rng = random.Random("%s-%s" % (SEED, case.module_name))
    outcomes = {"ok": 0, "failed": 0, "bitten": 0}
    failures = []
    module = case.module()
    names = ["rand-%s-%d" % (case.product, i) for i in range(RESOURCES)]
    for i in range(INVOCATIONS):
        name = rng.choice(names)
        variant = rng.choice(case.VARIANTS)
        template = pick(rng, FAULTS)
        faults = []
        if template is not None:
            for dummy in range(rng.choice([1, 1, 2])):
                fault = dict(template, method=rng.choice(METHODS), count=1)
                faults.append(fault)
                emu.inject(**fault)
        emu.clear_log()
        result, failed = run_module(module, case.args(emu, name, variant, timeout=TIMEOUT))
        emu.clear_faults()
        log = emu.requests()
        outcomes["failed" if failed else "ok"] += 1
        outcomes["bitten"] += any(r["status"] in BITES for r in log)
        context = "invocation %d (seed %d) %s %s faults=%s" % (i, SEED, name, variant, faults)
        if failed:
            failures.append(result["msg"])
            assert result["msg"] and "Traceback" not in result["msg"], context
        # A create is processed at most once per invocation.
        assert len(processed_creates(log, case)) <= 1, (context, log)

    # Slow requests may still be running in the emulator; let them land before checking.
    time.sleep(1.5)
    for name in names:
        result, failed = run_module(module, case.args(emu, name, case.FINAL))
        assert not failed, (name, result)
    for name in names:
        result, failed = run_module(module, case.args(emu, name, case.FINAL))
        assert not failed and result["changed"] is False, (name, result)

    touched = [r for r in case.records(emu) if r["name"].startswith("rand-%s-" % case.product)]
    assert sorted(r["name"] for r in touched) == sorted(names), "duplicates or strays: %s" % touched
    for record in touched:
        assert case.matches(record, case.FINAL), record

    # The faults really bit: a run where nothing went wrong would prove nothing.
    assert outcomes["bitten"] >= INVOCATIONS // 5 and outcomes["failed"] >= 5, outcomes
    assert outcomes["ok"] >= INVOCATIONS // 3, outcomes
    assert all(len(m) < 2000 for m in failures)
