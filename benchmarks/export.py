# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Export of 1,000 records per product with the export playbook (envops.environments.export).

The emulator is seeded through the products' APIs (tests/seed_api.py), as a team's records would
have been made by hand: Plutora 1,000 environments of one system (in 10 groups), FlexDeploy 1,000
targets (200 environments of 5 instances), RPM 1,000 environments. Each product is then exported
alone with `ansible-playbook envops.environments.export`; the figures are the wall time of that
run and its requests from the emulator's log: list pages, reads of single records, writes.

A list that already carries the records must not be followed by a read per record: RPM's list
holds full environments and FlexDeploy's lists hold full environments and groups, so any such
read fails the benchmark, as does any write or a Plutora list read without paging.

Usage: python benchmarks/export.py --collections BUILD_DIR  (prints a markdown section)
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

from common import Emulator, ansible_env, markdown_table

from seed_api import ApiSeeder, writes  # noqa: E402  (tests/ is on sys.path through common)

COUNT = 1000
PAGE = 100


def seed_plutora(api):
    org = api.plutora_organization("ABC Group")
    system = api.plutora("POST", "systems", {"Name": "Bench Payments", "Vendor": "Acme", "Status": "Active",
                                             "OrganizationId": org})
    usage = api.plutora_lookup("UsedForWorkItem", "UAT")
    status = api.plutora_lookup("EnvironmentStatus", "Active")
    https = api.plutora_lookup("EnvironmentMapConnectivityType", "HTTPS")
    ids = []
    for n in range(COUNT):
        env = api.plutora("POST", "environments", {
            "Name": "Bench Env %04d" % n, "Vendor": "Acme", "LinkedSystemId": system["id"], "UsageWorkItemId": usage,
            "EnvironmentStatusId": status, "Color": "#ffffff", "IsSharedEnvironment": False})
        ids.append(env["id"])
    for g in range(COUNT // PAGE):
        members = ids[g * PAGE:(g + 1) * PAGE]
        group = api.plutora("POST", "environmentgroups", {"Name": "Bench Train %02d" % g, "EnvironmentIDs": members})
        api.plutora("POST", "connectivities", {"environmentGroup": group["id"], "source": members[0],
                                               "target": members[1], "connectivityType": https,
                                               "direction": "InAndOut"})
    return {"export_plutora_system": "Bench Payments"}, "1 system, %d environments, %d groups" % (COUNT, COUNT // PAGE)


def seed_flexdeploy(api):
    instances = [12342, 15100, 15101, 15102, 15103]
    environments = COUNT // len(instances)
    for n in range(environments):
        env = api.flexdeploy("POST", "topology/environment", {
            "environmentCode": "B%04d" % n, "environmentName": "Bench %04d" % n, "instances": instances})
        for instance in instances:
            # A value per target, so that every target has something to export.
            api.flexdeploy("PATCH", "topology/environmentinstance/%d/%d" % (env["environmentId"], instance),
                           {"isActive": True})
    return {}, "%d environments x %d instances = %d targets" % (environments, len(instances), COUNT)


def seed_rpm(api):
    for n in range(COUNT):
        api.rpm("POST", "environments", {"environment": {"name": "bench-%04d" % n, "environment_type_id": 1 + n % 4,
                                                         "server_ids": [1 + n % 6], "server_group_ids": [1 + n % 3]}})
    return {}, "%d environments" % COUNT


PRODUCTS = (("plutora", seed_plutora), ("flexdeploy", seed_flexdeploy), ("rpm", seed_rpm))


def classify(log):
    """(list requests, pages among them, reads of one record, other reads) of a request log."""
    lists = pages = singles = other = 0
    for entry in log:
        if entry["method"] != "GET":
            continue
        path = entry["path"]
        if "pageNum=" in entry["query"]:
            pages += 1
            lists += 1
        elif re.search(r"/(environments|systems|environmentgroups|group|environment)/[^/]+$", path) \
                or "/environmentinstance/" in path:
            singles += 1
        elif re.search(r"/(environments|systems|environmentgroups|connectivities|group|environment|instance|"
                       r"servers|server_groups|environment_types|organizations)$", path) or "/lookupfields/" in path:
            lists += 1
        else:
            other += 1
    return lists, pages, singles, other


def export(collections, emu, product, extra_vars, out_dir):
    env = ansible_env(collections, **emu.connection_env())
    extra_vars = dict(extra_vars, export_dir=out_dir, export_products=[product])
    args = ["ansible-playbook", "envops.environments.export", "-e", json.dumps(extra_vars)]
    emu.clear_log()
    started = time.time()
    proc = subprocess.run(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=3600,
                          check=False)
    elapsed = time.time() - started
    if proc.returncode != 0:
        raise RuntimeError("export of %s failed:\n%s" % (product, proc.stdout[-4000:]))
    with open(os.path.join(out_dir, "%s.yml" % product)) as handle:
        tasks = len(re.findall(r"^- name: ", handle.read(), re.M))
    return elapsed, emu.requests(), tasks


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--collections", required=True)
    args = parser.parse_args()
    rows, problems = [], []
    with Emulator() as emu, tempfile.TemporaryDirectory() as tmp:
        emu.reset()
        api = ApiSeeder(emu)
        for product, seed in PRODUCTS:
            extra_vars, seeded = seed(api)
            # Baseline: the same run selecting no record (ansible-playbook, the role, the info modules).
            empty = dict(extra_vars, export_name_contains="no record has this in its name")
            # Best of 2 rounds each: the machine is shared, the minimum is the least disturbed run.
            baseline = min(export(args.collections, emu, product, empty, os.path.join(tmp, product + "-empty"))[0]
                           for _round in range(2))
            runs = [export(args.collections, emu, product, extra_vars, os.path.join(tmp, product)) for _round in range(2)]
            elapsed = min(run[0] for run in runs)
            log, tasks = runs[-1][1], runs[-1][2]
            lists, pages, singles, other = classify(log)
            written = writes(log)
            rows.append([product, seeded, tasks, "%.1f s" % elapsed, "%.1f s" % baseline,
                         "%.1f ms" % (1000.0 * (elapsed - baseline) / tasks), len(log),
                         "%d (%d paged)" % (lists, pages), singles, len(written)])
            if written:
                problems.append("%s: the export wrote %s" % (product, written[:3]))
            if product == "rpm" and singles:
                problems.append("rpm: %d reads of single environments, although the list holds them" % singles)
            targets_read = sum(1 for e in log if "/environmentinstance/" in e["path"])
            if product == "flexdeploy" and singles != targets_read:
                # Every read of one record must be a target: the API lists no targets.
                problems.append("flexdeploy: %d reads of single environments or groups" % (singles - targets_read))
            if product == "plutora" and pages < 2 * (COUNT // PAGE):
                problems.append("plutora: only %d list pages for %d environments" % (pages, COUNT))
    print("## Export of 1,000 records per product\n")
    print("`ansible-playbook envops.environments.export` against the emulator, one product per run, records made "
          "through the APIs (`benchmarks/export.py`); times are the best of 2 runs, requests those of one run.\n")
    print(markdown_table(["product", "records made", "tasks written", "wall time", "baseline (no record selected)",
                          "per task written, above baseline", "requests", "list requests", "reads of one record",
                          "writes"], rows))
    print("\nPlutora lists give a short form (no vendor, hosts or members), so each environment and group is "
          "read once after its page; FlexDeploy has no list of targets, so each target is one read; RPM's "
          "list holds whole environments: one request for all of them.")
    for problem in problems:
        print("\n**Problem:** %s" % problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
