# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""FlexDeploy figures: HTTP requests per converged task, and the FlexDeploy playbooks' time.

Starts its own emulator, then
1. runs playbooks/flexdeploy_soa_target.yml and playbooks/flexdeploy_groups.yml twice each: the
   first run must converge, the second must report changed=0; prints time and requests per run;
2. runs representative converged tasks one at a time (ad-hoc, JSON arguments) and counts the
   HTTP requests each one sends (from the emulator's request log);
3. fails when any credential or the MDS secret shows in any output.

Usage: python benchmarks/flexdeploy.py --collections BUILD_DIR   (BUILD_DIR from scripts/stage.sh)
"""

from __future__ import absolute_import, division, print_function

import argparse
import json
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))

from harness import Emulator, secret_values  # noqa: E402  (needs tests/ on sys.path)

MDS_SECRET = "benchmark-mds-secret-63c0e7"
PLAYBOOKS = ("flexdeploy_soa_target.yml", "flexdeploy_groups.yml")

# Converged tasks, measured after the playbooks ran: (what, module, arguments).
TASKS = [
    ("target by codes, merge, endpoints + 4 properties + 1 secret", "flexdeploy_target",
     {"environment": "SIT", "instance": "SOA",
      "endpoints": [{"id": 10101, "resource_ids": [11223, 11224]}, {"id": 10111, "resource_ids": [11223]}],
      "properties": {"FDSOA_REVISIONS_TO_KEEP": 15, "FDSOA_SERVER_HOST": "sit-soa.company.local",
                     "FDSOA_SERVER_PORT": 8001, "FD_ORACLE_SOA_HOME": "/u01/oracle/products/fmw/soa"},
      "secret_properties": {"MDS_PASS": MDS_SECRET}}),
    ("target by numeric ids, active only", "flexdeploy_target",
     {"environment": "12347", "instance": "12342", "active": True}),
    ("environment, 2 instances by code", "flexdeploy_environment",
     {"code": "SIT", "name": "System Integration", "instances": ["SOA", "OSB"]}),
    ("environment, 1 instance by code", "flexdeploy_environment",
     {"code": "ENV1", "instances": ["WLS"]}),
    ("environment, instances by id", "flexdeploy_environment",
     {"code": "DEV", "sort_number": 2, "instances": ["12342", "15101"]}),
    ("group, permissions only (replace)", "flexdeploy_group",
     {"name": "Auditors", "mode": "replace",
      "global_permissions": dict((object_type, ["READ"]) for object_type in (
          "APPROVAL", "WINDOW", "NOTIFICATION", "WORKFLOW", "REPORT", "ENVINSTANCE", "ENVIRONMENT", "INSTANCE",
          "ENDPOINT", "RELEASE", "PIPELINE", "USER", "GROUP"))}),
    ("group, 2 environments by code + permissions (merge)", "flexdeploy_group",
     {"name": "Release Managers", "deployment_environments": ["QA", "PROD"],
      "global_permissions": {"APPROVAL": ["READ"], "PROJECTPAGE": ["VIEW"]}}),
]


def base_env(emu, collections):
    env = dict(os.environ)
    env.update(emu.connection_env())
    env.update({
        "FLEXDEPLOY_MDS_PASS": MDS_SECRET,
        "ANSIBLE_COLLECTIONS_PATH": collections,
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_LOCALHOST_WARNING": "0",
        "ANSIBLE_INVENTORY_UNPARSED_WARNING": "0",
        "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
    })
    return env


def count(requests):
    writes = [r for r in requests if r["method"] != "GET"]
    return len(requests), len(writes)


def run_playbook(emu, env, name):
    emu.clear_log()
    started = time.time()
    proc = subprocess.run(["ansible-playbook", "-i", "localhost,", "-c", "local",
                           os.path.join(ROOT, "playbooks", name)],
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    elapsed = time.time() - started
    recap = re.search(r"localhost\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", proc.stdout)
    changed = int(recap.group(2)) if recap else None
    failed = proc.returncode != 0 or recap is None or int(recap.group(4)) != 0
    total, writes = count(emu.requests())
    return {"elapsed": elapsed, "changed": changed, "failed": failed, "requests": total, "writes": writes,
            "output": proc.stdout}


def run_task(emu, env, module, args):
    emu.clear_log()
    proc = subprocess.run(["ansible", "localhost", "-i", "localhost,", "-c", "local",
                           "-m", "envops.environments." + module, "-a", json.dumps(args)],
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    changed = re.search(r'"changed": (true|false)', proc.stdout)
    total, writes = count(emu.requests())
    return {"ok": proc.returncode == 0 and changed is not None, "changed": changed and changed.group(1) == "true",
            "requests": total, "writes": writes, "output": proc.stdout}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--collections", required=True, help="directory holding ansible_collections/")
    args = parser.parse_args()
    problems = []
    outputs = []
    with Emulator() as emu:
        emu.reset()
        env = base_env(emu, args.collections)
        print("| playbook | run | changed | requests (writes) | time |")
        print("| --- | --- | --- | --- | --- |")
        for name in PLAYBOOKS:
            for run in (1, 2):
                result = run_playbook(emu, env, name)
                outputs.append(result["output"])
                print("| %s | %d | %s | %d (%d) | %.1f s |"
                      % (name, run, result["changed"], result["requests"], result["writes"], result["elapsed"]))
                if result["failed"]:
                    problems.append("%s run %d failed:\n%s" % (name, run, result["output"][-3000:]))
                elif run == 2 and (result["changed"] != 0 or result["writes"]):
                    problems.append("%s run 2 is not converged (changed=%s, %d writes)"
                                    % (name, result["changed"], result["writes"]))
        print()
        print("| converged task | requests | writes |")
        print("| --- | --- | --- |")
        for what, module, task_args in TASKS:
            result = run_task(emu, env, module, task_args)
            outputs.append(result["output"])
            print("| %s: %s | %d | %d |" % (module, what, result["requests"], result["writes"]))
            if not result["ok"] or result["changed"] or result["writes"]:
                problems.append("%s (%s) is not a converged no-op:\n%s" % (module, what, result["output"][-3000:]))
    secrets = [s for s in secret_values() + [MDS_SECRET] if s]
    leaked = sorted(set(s for s in secrets for out in outputs if s in out))
    if leaked:
        problems.append("%d secret value(s) appeared in the output" % len(leaked))
    for problem in problems:
        print("PROBLEM: " + problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
