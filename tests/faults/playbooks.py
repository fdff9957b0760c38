# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A fleet as ansible-playbook runs it: many local hosts, forks, one play against the emulator.

    proc, recap = run_playbook(emu, hosts, forks, tasks, tmp_path, module_defaults, way="fast")

hosts: inventory names, or {name: {host vars}}; every host has `ansible_connection: local`, as a
fleet whose tasks are delegated to the controller has. way: "fast" (the controller fast path) or
"module" (ENVOPS_CONTROLLER_FAST_PATH=false: every task ships and runs its module process).
recap: {host: {ok, changed, failed}} from the PLAY RECAP.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re
import subprocess
import sys

import yaml

# tests/faults -> tests -> environments -> envops -> ansible_collections -> BUILD: the staged tree these
# tests run from. benchmarks/fleet_cases.py points it at the tree it measures (any commit's).
COLLECTIONS = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", ".."))
WAYS = {"fast": "true", "module": "false"}
RECAP = re.compile(r"^(\S+)\s+:\s+ok=(\d+)\s+changed=(\d+)\s+unreachable=\d+\s+failed=(\d+)", re.M)


def run_playbook(emu, hosts, forks, tasks, tmp_path, module_defaults, way="fast", env=None, name="play",
                 options=()):
    if not isinstance(hosts, dict):
        hosts = dict((host, {}) for host in hosts)
    inventory = tmp_path / ("%s-inventory.yml" % name)
    inventory.write_text(yaml.safe_dump({"all": {
        "hosts": hosts,
        "vars": {"ansible_connection": "local", "ansible_python_interpreter": sys.executable},
    }}))
    playbook = tmp_path / ("%s.yml" % name)
    playbook.write_text(yaml.safe_dump([{
        "hosts": "all", "gather_facts": False, "module_defaults": module_defaults, "tasks": tasks,
    }]))
    run_env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS, ANSIBLE_NOCOLOR="1", ANSIBLE_FORCE_COLOR="0",
                   ANSIBLE_HOST_KEY_CHECKING="0", ANSIBLE_LOCALHOST_WARNING="0", ANSIBLE_LOCAL_TEMP=str(tmp_path),
                   ENVOPS_CONTROLLER_FAST_PATH=WAYS[way])
    run_env.update(env or {})
    proc = subprocess.run(["ansible-playbook", "-i", str(inventory), "--forks", str(forks)] + list(options)
                          + [str(playbook)],
                          env=run_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=900,
                          check=False)
    recap = dict((m.group(1), dict(ok=int(m.group(2)), changed=int(m.group(3)), failed=int(m.group(4))))
                 for m in RECAP.finditer(proc.stdout))
    return proc, recap


def total(recap, key):
    return sum(r[key] for r in recap.values())
