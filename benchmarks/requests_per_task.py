# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""HTTP requests per task of every resource module: create, converged re-run, update.

Each step is one real `ansible` task against a fresh emulator; the count comes from the
emulator's request log (/_admin/requests). Plutora steps are also run with a token obtained once
by plutora_token and passed as access_token, the way a play reuses it.

Usage: python benchmarks/requests_per_task.py --collections BUILD_DIR  (prints a markdown table)
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import sys

from common import Emulator, markdown_table, registered_result, run_module_task

LAYER = {"component_name": "bench-app", "version": "1.0", "stack_layer": "Application"}

# (module, create arguments, update arguments); the converged re-run repeats the create.
STEPS = [
    ("rpm_environment",
     {"name": "bench-env", "environment_type": "Testing", "deployment_policy": "opened",
      "servers": ["qa-app-01", "qa-db-01"], "server_groups": ["QA Web"], "default_server_group": "QA Web"},
     {"name": "bench-env", "deployment_policy": "closed", "servers": ["qa-app-01"]}),
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


def connection(emu, product, token=None):
    v = emu.connection_vars()
    if product == "rpm":
        return {"api_url": v["rpm_api_url"], "token": v["rpm_token"]}
    if product == "flexdeploy":
        return {"api_url": v["flexdeploy_api_url"], "username": v["flexdeploy_username"],
                "password": v["flexdeploy_password"]}
    if token:
        return {"api_url": v["plutora_api_url"], "access_token": token}
    return {"api_url": v["plutora_api_url"], "client_id": v["plutora_client_id"],
            "client_secret": v["plutora_client_secret"], "username": v["plutora_username"],
            "password": v["plutora_password"]}


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
    for problem in problems:
        print("\n**PROBLEM:** " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
