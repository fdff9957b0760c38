# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Memory per 10,000 records: peak RSS of one rpm_environment_info module process reading every
environment of a server holding 0, 10,000 and 30,000 more (RPM lists are not paged, so this is the
biggest answer the modules read), the size of that answer, and what max_response_mb's default holds.

Usage: python benchmarks/answer_memory.py --collections BUILD_DIR
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import json
import sys
import urllib.request
from urllib.parse import urlencode

from common import Emulator, markdown_table
from network_cases import run_module

STEPS = (0, 10000, 30000)
DEFAULT_LIMIT_MB = 32


def answer_bytes(emu):
    """Bytes of the answer the module reads (every environment, active or not)."""
    query = urlencode({"token": emu.connection_vars()["rpm_token"], "filters[active]": "true",
                       "filters[inactive]": "true"})
    with urllib.request.urlopen("%s/brpm/v1/environments?%s" % (emu.url, query), timeout=300) as response:
        body = response.read()
    return len(body), len(json.loads(body))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--collections", required=True)
    args = parser.parse_args()
    rows, points = [], []
    with Emulator() as emu:
        emu.reset()
        seeded = 0
        for step in STEPS:
            if step > seeded:
                emu.seed_rpm_environments(step - seeded, prefix="mem-")
                seeded = step
            size, records = answer_bytes(emu)
            result, seconds, peak = run_module(args.collections, "rpm_environment_info",
                                               dict(emu.module_options("rpm"), module_args=False), 600)
            if result is None or result.get("failed"):
                raise SystemExit("rpm_environment_info failed: %s" % (result or {}).get("msg"))
            points.append((records, size, peak))
            rows.append([records, "%.1f MiB" % (size / 1048576.0), "%.1f MiB" % peak, "%.1f s" % seconds])
    (r0, s0, p0), (r1, s1, p1) = points[0], points[-1]
    per_record_mib = (p1 - p0) / float(r1 - r0)
    bytes_per_record = (s1 - s0) / float(r1 - r0)
    print("## Memory per 10,000 records (one module process)\n")
    print("`rpm_environment_info` reading every environment (`module_args: false`; RPM lists are not paged, "
          "so this is the biggest answer the modules read); max RSS from `/usr/bin/time -v`.\n")
    print(markdown_table(["records in the answer", "answer size", "max RSS", "time"], rows))
    print("\n**%.1f MiB of memory per 10,000 records** (%.0f bytes of answer each, so %.1f MiB of answer per "
          "10,000): about %.1f times the answer's size. The default `max_response_mb` (%d) holds about %d "
          "records of this kind, and a module reading that much peaks near %.0f MiB."
          % (per_record_mib * 10000, bytes_per_record, bytes_per_record * 10000 / 1048576.0,
             per_record_mib * 1048576.0 / bytes_per_record, DEFAULT_LIMIT_MB,
             DEFAULT_LIMIT_MB * 1048576.0 / bytes_per_record,
             p0 + per_record_mib * DEFAULT_LIMIT_MB * 1048576.0 / bytes_per_record))
    return 0


if __name__ == "__main__":
    sys.exit(main())
