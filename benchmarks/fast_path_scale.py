# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Time per item of converged rpm_environment loops of 50, 200 and 1,000 items, fast path.

The emulator holds 1,000 bulk environments plus the seed; every loop runs against that same server,
so what changes between the loops is only their length. A loop of 50 runs before and after the
long ones (the spread of the two is the noise). Flat means the per-item time of the 1,000-item
loop stays within that noise of the 50-item loop: nothing in the task grows with the items (the
shared HTTP session, caches and results of one task). The request log is read around the
1,000-item loop: one search per item, no write.

Usage: python benchmarks/fast_path_scale.py --collections BUILD_DIR
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import json
import os
import sys
import tempfile

from common import Emulator, markdown_table, run_timed_playbook

SIZES = (50, 200, 1000, 50)
PREFIX = "scale-"


def plays(emu, summary_path):
    v = emu.connection_vars()
    tasks = []
    for index, size in enumerate(SIZES):
        task = {"name": "loop of %d #%d" % (size, index),
                "envops.environments.rpm_environment": {
                    "api_url": v["rpm_api_url"], "token": v["rpm_token"], "name": "%s{{ '%%05d' | format(item) }}" % PREFIX,
                    "deployment_policy": "opened", "active": True},
                "loop": "{{ range(%d) | list }}" % size}
        # The request log is read after each loop (the loops register nothing: a registered result of
        # 1,000 items would weigh on every later task of the play, a cost of the play, not of the loop).
        clear = {"name": "log: clear #%d" % index,
                 "ansible.builtin.uri": {"url": emu.url + "/_admin/requests", "method": "DELETE"}}
        read = {"name": "log: read #%d" % index, "register": "log_%d" % index,
                "ansible.builtin.uri": {"url": emu.url + "/_admin/requests", "return_content": True}}
        tasks.extend([clear, task, read])
    counts = ", ".join("{'requests': log_%d.json | length, 'writes': log_%d.json | rejectattr('method', 'equalto', "
                       "'GET') | list | length}" % (i, i) for i in range(len(SIZES)))
    tasks.append({"name": "write the counts", "ansible.builtin.copy": {
        "dest": summary_path, "content": "{{ [%s] | to_json }}" % counts}})
    return [{"hosts": "localhost", "gather_facts": False, "vars": {"envops_controller_fast_path": True},
             "tasks": tasks}]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--collections", required=True)
    args = parser.parse_args()
    summary_path = os.path.join(tempfile.mkdtemp(), "scale.json")
    with Emulator() as emu:
        emu.reset()
        emu.seed_rpm_environments(max(SIZES), prefix=PREFIX)
        times = run_timed_playbook(args.collections, plays(emu, summary_path))[0]
    with open(summary_path) as handle:
        summary = json.load(handle)
    per_item = [times["loop of %d #%d" % (size, i)] / size for i, size in enumerate(SIZES)]
    rows = [[size, "%.1f s" % times["loop of %d #%d" % (size, i)], "%.1f ms" % (per_item[i] * 1000),
             summary[i]["requests"], summary[i]["writes"]] for i, size in enumerate(SIZES)]
    short = [per_item[i] for i, size in enumerate(SIZES) if size == min(SIZES)]
    longest = per_item[SIZES.index(max(SIZES))]
    print("## Fast path: converged loops of 50 to %d items (one task each)\n" % max(SIZES))
    print(markdown_table(["items", "loop time", "per item", "requests", "writes"], rows))
    print("\nPer item, %d items / %d items: **%.2f** (the two %d-item loops differ by a factor of %.2f)."
          % (max(SIZES), min(SIZES), longest / min(short), min(SIZES), max(short) / min(short)))
    converged = all(c["writes"] == 0 and c["requests"] == size for c, size in zip(summary, SIZES))
    return 0 if converged else 1


if __name__ == "__main__":
    sys.exit(main())
