# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Scale and memory at 100 and at 10,000 RPM environments on the server.

Scale: the same converged rpm_environment loop (20 items) with 100 and with 10,000 environments
in the emulator; time per item and requests per item. Equal request counts and a time ratio
near 1 mean name look-ups do not grow with the size of the server.

Memory: peak resident memory (max RSS, from /usr/bin/time -v when present, else the child's
resource usage) of one module process run directly with its arguments file: a converged
rpm_environment, and rpm_environment_info matching every bulk environment (the largest answer).

Usage: python benchmarks/scale_and_memory.py --collections BUILD_DIR
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile

from common import Emulator, markdown_table, run_timed_playbook

ITEMS = 20
SIZES = (100, 10000)
LOOP = "converged loop"
MODULES = "ansible_collections.envops.environments.plugins.modules."


def loop_plays(emu, items):
    v = emu.connection_vars()
    task = {"envops.environments.rpm_environment": {"name": "{{ item }}", "deployment_policy": "closed",
                                                    "environment_type": "Staging"},
            "loop": items}
    return [{"hosts": "localhost", "gather_facts": False,
             "module_defaults": {"group/envops.environments.rpm": {"api_url": v["rpm_api_url"],
                                                                   "token": v["rpm_token"]}},
             "tasks": [dict(task, name="setup"), dict(task, name=LOOP)]}]


def grow_to(emu, size):
    """Add bulk environments until the server holds `size` in all."""
    have = len(emu_environments(emu))
    if size > have:
        emu.seed_rpm_environments(size - have, prefix="bulk-%d-" % size)
    return len(emu_environments(emu))


def emu_environments(emu):
    import urllib.request
    from urllib.parse import urlencode
    query = urlencode({"token": emu.connection_vars()["rpm_token"], "filters[active]": "true",
                       "filters[inactive]": "true"})
    with urllib.request.urlopen("%s/brpm/v1/environments?%s" % (emu.url, query), timeout=120) as response:
        return json.loads(response.read())


def peak_memory_kib(collections, module, args):
    """Max RSS (KiB) of one module process, and the module's result."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump({"ANSIBLE_MODULE_ARGS": args}, handle)
    env = dict(os.environ, PYTHONPATH=collections)
    command = [sys.executable, "-m", MODULES + module, handle.name]
    try:
        if shutil.which("time") and os.path.exists("/usr/bin/time"):
            proc = subprocess.run(["/usr/bin/time", "-v"] + command, env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True, timeout=600, check=False)
            peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr).group(1))
        else:
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            proc = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  timeout=600, check=False)
            peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    finally:
        os.unlink(handle.name)
    return peak, json.loads(proc.stdout)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--collections", required=True)
    args = parser.parse_args()
    items = ["scale-env-%02d" % i for i in range(ITEMS)]
    scale_rows, memory_rows, figures = [], [], {}
    with Emulator() as emu:
        emu.reset()
        v = emu.connection_vars()
        connection = {"api_url": v["rpm_api_url"], "token": v["rpm_token"]}
        items_on_server = 0
        for size in SIZES:
            grow_to(emu, size - (ITEMS - items_on_server))
            times = run_timed_playbook(args.collections, loop_plays(emu, items))[0]
            items_on_server = ITEMS
            total = len(emu_environments(emu))
            per_item = times[LOOP] / ITEMS
            emu.clear_log()
            peak, result = peak_memory_kib(args.collections, "rpm_environment",
                                           dict(connection, name=items[0], deployment_policy="closed",
                                                environment_type="Staging"))
            requests = len(emu.requests())
            figures[size] = per_item
            scale_rows.append([total, "%.3f s" % per_item, requests,
                               "changed" if result.get("changed") else "unchanged"])
            memory_rows.append(["rpm_environment, converged", total, "%.1f MiB" % (peak / 1024.0)])
            peak, result = peak_memory_kib(args.collections, "rpm_environment_info",
                                           dict(connection, name="bulk-%"))
            memory_rows.append(["rpm_environment_info, name bulk-%% (%d records)" % len(result.get("environments", [])),
                                total, "%.1f MiB" % (peak / 1024.0)])
    print("## Scale: the same converged task with %d and %d environments\n" % SIZES)
    print(markdown_table(["environments on the server", "time per item (converged loop of %d)" % ITEMS,
                          "requests of one converged task", "result"], scale_rows))
    print("\nTime ratio %d / %d environments: **%.2f**." % (SIZES[1], SIZES[0], figures[SIZES[1]] / figures[SIZES[0]]))
    print("\n## Peak memory of one module process\n")
    print(markdown_table(["module run", "environments on the server", "max RSS"], memory_rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
