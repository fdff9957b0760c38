# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Many hosts at once through real ansible-playbook: forks=20 over 100 resources, and 10 hosts
racing to create the same resource (the loser's "name taken" is re-read and converged)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re
import subprocess
import sys

import pytest
import yaml

from cases import CASES, RpmEnvironmentCase

CASE = RpmEnvironmentCase()
COLLECTIONS = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", ".."))


def run_playbook(emu, hosts, forks, tasks, tmp_path, case=CASE):
    inventory = tmp_path / "inventory.ini"
    inventory.write_text("[all]\n" + "\n".join(hosts) + "\n\n[all:vars]\nansible_connection=local\n"
                         "ansible_python_interpreter=%s\n" % sys.executable)
    playbook = tmp_path / "play.yml"
    playbook.write_text(yaml.safe_dump([{
        "hosts": "all", "gather_facts": False,
        "module_defaults": {"group/envops.environments.%s" % case.product: case.connection(emu)},
        "tasks": tasks,
    }]))
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS, ANSIBLE_NOCOLOR="1", ANSIBLE_FORCE_COLOR="0",
               ANSIBLE_HOST_KEY_CHECKING="0", ANSIBLE_LOCALHOST_WARNING="0", ANSIBLE_LOCAL_TEMP=str(tmp_path))
    proc = subprocess.run(["ansible-playbook", "-i", str(inventory), "--forks", str(forks), str(playbook)],
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600,
                          check=False)
    recap = dict((m.group(1), dict(ok=int(m.group(2)), changed=int(m.group(3)), failed=int(m.group(4))))
                 for m in re.finditer(r"^(\S+)\s+:\s+ok=(\d+)\s+changed=(\d+)\s+unreachable=\d+\s+failed=(\d+)",
                                      proc.stdout, re.M))
    return proc, recap


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
    proc, recap = run_playbook(emu, hosts, 10, [task], tmp_path, case)
    posts = [r["status"] for r in emu.requests() if r["method"] == "POST" and r["path"] == case.create_path]
    assert len([s for s in posts if s in (200, 201)]) == 1, posts
    assert len(posts) >= 2, "no host lost the race; the test proved nothing: %s" % posts
    records = case.named(emu, "shared-res")
    assert len(records) == 1 and case.matches(records[0], case.FINAL), records
    assert proc.returncode == 0, proc.stdout[-4000:]
    assert all(r["failed"] == 0 and r["ok"] == 1 for r in recap.values()) and len(recap) == 10, recap
    # The winner reports the change; hosts that found it already as wanted report none.
    assert sum(r["changed"] for r in recap.values()) == 1, recap
