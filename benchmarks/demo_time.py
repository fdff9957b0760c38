# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Wall time of the whole demo (`make demo`: scripts/demo.py), fast path and forced module.

The demo builds and installs the collection, starts the emulator and runs every playbook in
playbooks/ twice. It runs here with ENVOPS_CONTROLLER_FAST_PATH=true and =false in turn, for a
number of rounds; each figure is the best round. Besides the wall time of the whole demo, the
table gives the time of its playbook runs alone (the demo prints them), which excludes the build,
the install and the emulator's start.

Usage: python benchmarks/demo_time.py [--rounds 1]
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import os
import re
import subprocess
import sys
import time

from common import ROOT, markdown_table

PLAYBOOK_LINE = re.compile(r"^\S+\.yml\s+changed=\S+\s+([\d.]+)s\s+changed=\S+\s+([\d.]+)s\s+ok$", re.M)
MODES = (("fast path", "true"), ("forced module", "false"))


def run_demo(switch):
    env = dict(os.environ, ENVOPS_CONTROLLER_FAST_PATH=switch)
    started = time.time()
    proc = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "demo.py")], env=env, cwd=ROOT,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=3600, check=False)
    wall = time.time() - started
    if proc.returncode != 0:
        raise RuntimeError("the demo failed with %s:\n%s" % (switch, proc.stdout[-4000:]))
    runs = PLAYBOOK_LINE.findall(proc.stdout)
    return wall, sum(float(first) + float(second) for first, second in runs), len(runs)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    best = {}
    for _round in range(args.rounds):
        for label, switch in MODES:
            wall, playbooks, count = run_demo(switch)
            previous = best.get(label)
            if previous is None or wall < previous[0]:
                best[label] = (wall, playbooks, count)
    fast, module = best["fast path"], best["forced module"]
    rows = [[label, "%.1f s" % best[label][0], "%.1f s" % best[label][1]] for label, _switch in MODES]
    print("## The whole demo (`make demo`), fast path and forced module (best of %d)\n" % args.rounds)
    print(markdown_table(["mode", "demo wall time", "its %d playbook runs" % (2 * fast[2])], rows))
    print("\nFast path / forced module: **%.2f** for the whole demo, **%.2f** for its playbook runs."
          % (fast[0] / module[0], fast[1] / module[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
