# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""HTTP requests per task of every resource module (create, converged re-run, update), of every
*_info module (with and without module_args), and per product of each run of the environment role's
example playbook (playbooks/environment.yml: check mode, provision, converged re-run, a host dropped,
decommission).

Each step is one real `ansible` task against a fresh emulator; the count comes from the
emulator's request log (/_admin/requests). Plutora steps are also run with a token obtained once
by plutora_token and passed as access_token, the way a play reuses it. The info tasks run against
the seed data plus records made through the APIs (more Plutora systems than one list page, an
environment group with a connectivity).

Usage: python benchmarks/requests_per_task.py --collections BUILD_DIR  (prints a markdown table)
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import json
import os
import re
import subprocess
import sys

import yaml

from common import ROOT, Emulator, ansible_env, markdown_table, registered_result, run_module_task

from seed_api import ApiSeeder  # noqa: E402  (tests/ is on sys.path through common)

LAYER = {"component_name": "bench-app", "version": "1.0", "stack_layer": "Application"}

# (module, create arguments, update arguments); the converged re-run repeats the create.
STEPS = [
    ("rpm_environment",
     {"name": "bench-env", "environment_type": "Testing", "deployment_policy": "opened",
      "servers": ["qa-app-01", "qa-db-01"], "server_groups": ["QA Web"], "default_server_group": "QA Web"},
     {"name": "bench-env", "deployment_policy": "closed", "servers": ["qa-app-01"]}),
    ("rpm_server",
     {"name": "bench-app-01", "dns": "bench-app-01.example.com", "ip_address": "10.0.9.1", "os_platform": "Linux"},
     {"name": "bench-app-01", "ip_address": "10.0.9.2"}),
    ("plutora_system",
     {"name": "Bench System", "vendor": "Plutora", "status": "Active", "organization": "ABC Group"},
     {"name": "Bench System", "description": "updated by the benchmark"}),
    ("plutora_environment",
     {"name": "Bench Env", "vendor": "Plutora", "system": "Bench System", "usage": "Dev", "status": "Active",
      "color": "#336699", "hosts": [{"name": "bench-host", "layers": [LAYER]}]},
     {"name": "Bench Env", "description": "updated",
      "hosts": [{"name": "bench-host", "layers": [dict(LAYER, version="1.1")]}]}),
    ("plutora_environment_group",
     {"name": "Bench Group", "environments": ["Core Banking Env 001", "Core Banking Env 002"],
      "connections": [{"source": "Core Banking Env 001", "target": "Core Banking Env 002", "type": "HTTPS"}]},
     {"name": "Bench Group", "description": "updated by the benchmark"}),
    ("flexdeploy_environment",
     {"code": "BENCH", "name": "Benchmark", "instances": ["SOA", "OSB"]},
     {"code": "BENCH", "description": "updated by the benchmark"}),
    ("flexdeploy_target",
     {"environment": "DEV", "instance": "SOA", "properties": {"FDSOA_SERVER_PORT": 9001},
      "endpoints": [{"id": 10101, "resource_ids": [11223, 11224]}]},
     {"environment": "DEV", "instance": "SOA", "properties": {"FDSOA_SERVER_PORT": 9002}}),
    ("flexdeploy_group",
     {"name": "Bench Auditors", "global_permissions": {"APPROVAL": ["READ"], "NOTIFICATION": ["READ"]},
      "deployment_environments": ["QA"]},
     {"name": "Bench Auditors", "description": "updated by the benchmark"}),
]

# Plutora systems made for the info tasks: with the seed's one, more than a list page (100).
INFO_SYSTEMS = 150
# (module, what the task reads, its arguments); each runs with module_args true and false.
INFO_STEPS = [
    ("rpm_environment_info", "one by name", {"name": "production"}),
    ("rpm_environment_info", "all", {}),
    ("rpm_server_info", "one by name", {"name": "qa-app-01"}),
    ("rpm_server_info", "all", {}),
    ("plutora_system_info", "one by name", {"name": "Core Banking"}),
    ("plutora_system_info", "all (%d)" % (INFO_SYSTEMS + 1), {}),
    ("plutora_environment_info", "one by name", {"name": "Core Banking Env 001"}),
    ("plutora_environment_info", "one system's (120)", {"system": "Core Banking"}),
    ("plutora_environment_group_info", "one by name", {"name": "Bench Train"}),
    ("flexdeploy_environment_info", "one by code", {"code": "QA"}),
    ("flexdeploy_environment_info", "all", {}),
    ("flexdeploy_target_info", "one environment's", {"environment": "DEV"}),
    ("flexdeploy_target_info", "all", {}),
    ("flexdeploy_group_info", "one by name", {"name": "Readers"}),
    ("flexdeploy_group_info", "all", {}),
]


def seed_info_records(emu):
    """Plutora systems beyond one list page and an environment group with a connectivity."""
    api = ApiSeeder(emu)
    org = api.plutora_organization("ABC Group")
    for n in range(INFO_SYSTEMS):
        api.plutora("POST", "systems", {"Name": "Bench System %03d" % n, "Vendor": "Acme", "Status": "Active",
                                        "OrganizationId": org})
    members = [e["id"] for e in api.plutora("GET", "environments")
               if e["name"] in ("Core Banking Env 001", "Core Banking Env 002")]
    group = api.plutora("POST", "environmentgroups", {"Name": "Bench Train", "EnvironmentIDs": members[:2]})
    api.plutora("POST", "connectivities", {"environmentGroup": group["id"], "source": members[0],
                                           "target": members[1],
                                           "connectivityType": api.plutora_lookup("EnvironmentMapConnectivityType",
                                                                                  "HTTPS"),
                                           "direction": "InAndOut"})


def info_rows(emu, collections, variants=(True, False)):
    """[module, what, requests per variant]; variants: module_args values (None: leave it unset)."""
    rows = []
    for module, what, args in INFO_STEPS:
        cells = []
        for module_args in variants:
            task = dict(args) if module_args is None else dict(args, module_args=module_args)
            _changed, total, _writes, tokens = measure(emu, collections, module, task)
            cells.append("%d%s" % (total, " (%d token)" % tokens if tokens else ""))
        rows.append([module, what] + cells)
    return rows


def connection(emu, product, token=None):
    if token and product == "plutora":
        return {"api_url": emu.connection_vars()["plutora_api_url"], "access_token": token}
    return emu.module_options(product)


def measure(emu, collections, module, args, token=None):
    """(changed, requests, writes, token requests) of one task."""
    emu.clear_log()
    full = dict(connection(emu, module.split("_")[0], token), **args)
    result = run_module_task(collections, module, full)
    if result.get("failed"):
        raise RuntimeError("%s failed: %s" % (module, result.get("msg")))
    log = emu.requests()
    tokens = [r for r in log if r["path"].endswith("/oauth/token")]
    writes = [r for r in log if r["method"] != "GET" and r not in tokens]
    return result.get("changed"), len(log), len(writes), len(tokens)


def cell(measured):
    changed, total, writes, tokens = measured
    text = "%d (%d write%s" % (total, writes, "" if writes == 1 else "s")
    if tokens:
        text += ", %d token" % tokens
    return text + ")" + ("" if changed else " unchanged")


ENVIRONMENT_PLAYBOOK = os.path.join(ROOT, "playbooks", "environment.yml")
PRODUCTS = ("plutora", "flexdeploy", "rpm")


def example_hosts():
    """The hosts of the example playbook's definition."""
    with open(ENVIRONMENT_PLAYBOOK) as handle:
        return yaml.safe_load(handle)[0]["vars"]["environment_hosts"]


def environment_runs():
    """(label, ansible-playbook arguments, whether the run may write) of each environment role run."""
    hosts = example_hosts()
    fewer = json.dumps({"environment_hosts": hosts[:-1]})
    return [
        ("check mode, new environment", ["--check"], False),
        ("provision", [], True),
        ("converged re-run", [], False),
        ("check mode, converged", ["--check"], False),
        ("a host dropped (%s)" % hosts[-1]["name"], ["-e", fewer], True),
        ("converged re-run", ["-e", fewer], False),
        ("decommission", ["-e", "environment_state=absent"], True),
        ("decommission again", ["-e", "environment_state=absent"], False),
    ]


def product_cell(log, product):
    entries = [r for r in log if r["product"] == product]
    tokens = [r for r in entries if r["path"].endswith("/oauth/token")]
    writes = [r for r in entries if r["method"] != "GET" and r not in tokens]
    text = "%d (%d write%s" % (len(entries), len(writes), "" if len(writes) == 1 else "s")
    return text + (", %d token)" % len(tokens) if tokens else ")")


def environment_rows(emu, collections, problems):
    """One row per run of playbooks/environment.yml: requests per product and the play's changed count."""
    rows = []
    env = ansible_env(collections, **emu.connection_env())
    for label, extra, may_write in environment_runs():
        emu.clear_log()
        proc = subprocess.run(["ansible-playbook", "-i", "localhost,", "-c", "local", ENVIRONMENT_PLAYBOOK] + extra,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600,
                              check=False)
        if proc.returncode != 0:
            raise RuntimeError("playbooks/environment.yml %s failed:\n%s" % (" ".join(extra), proc.stdout[-3000:]))
        log = emu.requests()
        changed = int(re.search(r"changed=(\d+)", proc.stdout).group(1))
        writes = [r for r in log if r["method"] != "GET" and not r["path"].endswith("/oauth/token")]
        if writes and not may_write:
            problems.append("environment role, %s: %d writes" % (label, len(writes)))
        if label.startswith(("converged", "decommission again")) and changed:
            problems.append("environment role, %s: %d tasks changed" % (label, changed))
        rows.append([label] + [product_cell(log, product) for product in PRODUCTS] + [changed])
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--collections", required=True)
    args = parser.parse_args()
    rows = []
    problems = []
    with Emulator() as emu:
        for reuse_token in (False, True):
            emu.reset()
            token = None
            if reuse_token:
                token = registered_result(args.collections, "plutora_token", connection(emu, "plutora"))["access_token"]
            for module, create, update in STEPS:
                if reuse_token and not module.startswith("plutora"):
                    continue
                first = measure(emu, args.collections, module, create, token)
                again = measure(emu, args.collections, module, create, token)
                changed = measure(emu, args.collections, module, update, token)
                if again[0] or again[2]:
                    problems.append("%s: the converged re-run changed or wrote" % module)
                label = module + (" (token reused)" if reuse_token else "")
                rows.append([label, cell(first), cell(again), cell(changed)])
    print("## HTTP requests per task\n")
    print(markdown_table(["module", "create", "converged re-run", "update"], rows))
    print("\nEach cell: requests sent (writes; Plutora token requests), from the emulator's log.")
    with Emulator() as emu:
        seed_info_records(emu)
        rows = info_rows(emu, args.collections)
    print("\n## HTTP requests per info task\n")
    print(markdown_table(["module", "records read", "module_args: true (default)", "module_args: false"], rows))
    print("\nEach cell: requests sent (Plutora token requests), from the emulator's log; no info task writes.")
    with Emulator() as emu:
        rows = environment_rows(emu, args.collections, problems)
    print("\n## HTTP requests per environment role run\n")
    print("`ansible-playbook playbooks/environment.yml` (the role `envops.environments.environment`: one environment, "
          "%d hosts, one FlexDeploy target) against a fresh emulator, one run after the other.\n"
          % len(example_hosts()))
    print(markdown_table(["run", "Plutora", "FlexDeploy", "RPM", "tasks changed"], rows))
    print("\nEach cell: requests sent to the product (writes; Plutora token requests), from the emulator's log.")
    for problem in problems:
        print("\n**PROBLEM:** " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
