# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Many hosts at once through real ansible-playbook: forks=20 over 100 resources, and 10 hosts
racing to create the same resource (the loser's "name taken" is re-read and converged).

The race needs hosts that do not share the controller lock (plugins/module_utils/fleet.py), as
hosts of different controllers: each host gets a lock directory of its own.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from cases import CASES, RpmEnvironmentCase
from playbooks import run_playbook as run_fleet

CASE = RpmEnvironmentCase()


def run_playbook(emu, hosts, forks, tasks, tmp_path, case=CASE):
    defaults = {"group/envops.environments.%s" % case.product: case.connection(emu)}
    return run_fleet(emu, hosts, forks, tasks, tmp_path, defaults)


def own_lock_directories(task, tmp_path):
    """The task as each host of its own controller runs it: no lock shared with the other hosts."""
    return dict(task, environment={"ENVOPS_LOCK_DIR": str(tmp_path / "locks" / "{{ inventory_hostname }}")})


def test_forks_20_converge_100_resources(emu, tmp_path):
    hosts = ["conc-%03d" % i for i in range(100)]
    task = {"name": "Converge one environment per host",
            "envops.environments.rpm_environment": dict(name="{{ inventory_hostname }}", **CASE.FINAL)}
    proc, recap = run_playbook(emu, hosts, 20, [task], tmp_path)
    assert proc.returncode == 0, proc.stdout[-4000:]
    assert sorted(recap) == hosts
    assert all(r == dict(ok=1, changed=1, failed=0) for r in recap.values()), recap
    records = [r for r in CASE.records(emu) if r["name"].startswith("conc-")]
    assert sorted(r["name"] for r in records) == hosts
    assert all(CASE.matches(r, CASE.FINAL) for r in records)
    posts = [r for r in emu.requests() if r["method"] == "POST"]
    assert len(posts) == 100 and all(r["status"] == 201 for r in posts)


@pytest.mark.parametrize("case", [pytest.param(c, id=c.module_name) for c in CASES])
def test_ten_hosts_racing_to_create_one_resource_all_converge(emu, tmp_path, case):
    hosts = ["racer-%02d" % i for i in range(10)]
    # Hold every create for 3 s before processing it, so all hosts search (and find nothing)
    # before the first create lands: each loser's create is then refused as a duplicate.
    emu.inject(delay=3, method="POST", path="^%s$" % case.create_path, count=10)
    task = {"name": "Every host converges the same resource",
            "envops.environments.%s" % case.module_name: dict({case.identity: "shared-res"}, **case.FINAL)}
    proc, recap = run_playbook(emu, hosts, 10, [own_lock_directories(task, tmp_path)], tmp_path, case)
    posts = [r["status"] for r in emu.requests() if r["method"] == "POST" and r["path"] == case.create_path]
    assert len([s for s in posts if s in (200, 201)]) == 1, posts
    assert len(posts) >= 2, "no host lost the race; the test proved nothing: %s" % posts
    records = case.named(emu, "shared-res")
    assert len(records) == 1 and case.matches(records[0], case.FINAL), records
    assert proc.returncode == 0, proc.stdout[-4000:]
    assert all(r["failed"] == 0 and r["ok"] == 1 for r in recap.values()) and len(recap) == 10, recap
    # The winner reports the change; hosts that found it already as wanted report none.
    assert sum(r["changed"] for r in recap.values()) == 1, recap
