# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A fleet writing the same records at once, and words that read like secrets, as figures (issue 19):
each case a real ansible-playbook run (local hosts, forks, every host's task run on the controller as
`delegate_to: localhost` would) against the emulator holding every write 0.1 s (its standing write
delay), the fast path way and the module way.

Per case: what the API holds afterwards (records kept, twins, fields kept, masked text), writes the
hosts reported (`changed`) against writes the emulator's log shows made, failed hosts, and seconds.
The plays are those of tests/faults/test_faults_fleet.py (imported, not copied); the same script
measures any collection tree, so it gives the before and after figures of a change (run it with
--collections of each tree, with an ansible-core both trees support).

Usage: python benchmarks/fleet_cases.py --collections BUILD_DIR [--ways fast,module] [--only REGEX]
(--only full_host_list adds 30 hosts passing the same 30 Plutora host names, left out by default for time.)
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, Emulator, markdown_table

sys.path.insert(0, os.path.join(ROOT, "tests", "faults"))
import playbooks  # noqa: E402
import test_faults_fleet as fleet  # noqa: E402
from seed_api import ApiSeeder, writes  # noqa: E402  (tests/ is on sys.path through common)

MASK = "********"
WORDS = ("Basic Users", "Bearer Bonds QA", "password: rotated by the vault team")
GROUPS = ["merge", "creates", "whole_record", "words"]
EXTRA = ["full_host_list"]
FAILURE = re.compile(r'"msg": "((?:[^"\\]|\\.)*)"')


def first_failure(proc):
    """What the first failed host said, short (a missing option says so in its own words)."""
    if "Unsupported parameters" in proc.stdout:
        return "option missing in this tree: " + re.search(r"Unsupported parameters[^\"]*", proc.stdout).group(0)[:90]
    found = FAILURE.search(proc.stdout) if proc.returncode else None
    if not found:
        return ""
    text = re.sub(r"\s+", " ", re.sub(r"https?://\S+", "URL", found.group(1)))
    return text[:110] + "..." if len(text) > 110 else text


class Cases:
    def __init__(self, collections, emu, ways, tmp):
        # The plays of the fault suite, run with the tree measured here.
        playbooks.COLLECTIONS = os.path.abspath(collections)
        self.emu = emu
        self.ways = ways
        self.tmp = tmp
        self.rows = []

    def scratch(self):
        """A fresh directory for one run's inventory, playbook and files."""
        return Path(tempfile.mkdtemp(dir=self.tmp))

    def record(self, case, way, figure, result, proc, seconds):
        self.rows.append([case, way, figure, result["reported"], result["writes"], result["failed"],
                          first_failure(proc) or "-", "%.1f s" % seconds])

    def run(self, case, *args, **kwargs):
        """(figures, proc, seconds) of one fault-suite case, on a server reset to its seed data."""
        self.emu.reset()
        return self.again(case, *args, **kwargs)

    def again(self, case, *args, **kwargs):
        """The same, on the server as the last run left it (the records it made, no queued faults)."""
        self.emu.clear_faults()
        start = time.time()
        result, proc, _recap = case(self.emu, self.scratch(), *args, **kwargs)
        return result, proc, time.time() - start

    # flexdeploy_group mode=merge: 30 hosts, forks 10, each adds its environment and permission pair ------------
    def merge(self):
        for way in self.ways:
            result, proc, seconds = self.run(fleet.flexdeploy_merge, way)
            self.record("flexdeploy_group merge, 30 hosts (forks 10)", way,
                        "environments kept %d of 30, permission pairs kept %d of 30"
                        % (result["kept"], result["pairs_kept"]), result, proc, seconds)
            result, proc, seconds = self.again(fleet.flexdeploy_merge_again, way)
            self.record("the same play again (run 2)", way,
                        "changed on run 2: %d" % result["reported"], result, proc, seconds)

    # Racing creates: every host's read finds nothing before the first create lands (creates held 2 s) --------
    def creates(self):
        for way in self.ways:
            result, proc, seconds = self.run(fleet.flexdeploy_racing_create, way, race=True)
            self.record("flexdeploy_group \"Deployers\", 10 hosts", way,
                        "groups named Deployers: %d" % (result["twins"] + 1), result, proc, seconds)
            result, proc, seconds = self.again(fleet.flexdeploy_racing_create, way)
            self.record("the same play again", way, "failed hosts: %d, groups: %d"
                        % (result["failed"], result["twins"] + 1), result, proc, seconds)
            result, proc, seconds = self.run(fleet.plutora_shared_host, way, race=True)
            self.record("plutora_environment host shared-lb, 10 hosts", way,
                        "host records shared-lb: %d" % (result["kept"] + result["twins"]), result, proc, seconds)
            result, proc, seconds = self.again(fleet.plutora_shared_host, way)
            self.record("the same play again", way, "failed hosts: %d, host records: %d"
                        % (result["failed"], result["kept"] + result["twins"]), result, proc, seconds)
            result, proc, seconds = self.run(fleet.plutora_connections, way, race=True)
            self.record("plutora_environment_group one connection, 5 hosts", way,
                        "connectivities: %d" % (result["kept"] + result["twins"]), result, proc, seconds)

    def full_host_list(self):
        """30 hosts each pass the full list of 30 host names (not run by default: 30 more hosts per way)."""
        for way in self.ways:
            result, proc, seconds = self.run(fleet.plutora_full_host_list, way)
            self.record("plutora_environment, 30 hosts each pass the same 30 host names", way,
                        "host records: %d for %d names" % (result["kept"] + result["twins"], result["wanted"]),
                        result, proc, seconds)

    # Plutora's whole-record PUT: one host per field of one record -------------------------------------------
    def whole_record(self):
        for way in self.ways:
            for label, case in (("plutora_environment, 5 hosts each change another field", fleet.plutora_environment_fields),
                                ("plutora_system, 4 hosts each change another field", fleet.plutora_system_fields)):
                result, proc, seconds = self.run(case, way)
                self.record(label, way, "fields kept %d of %d" % (result["kept"], result["wanted"]), result, proc,
                            seconds)

    # Words that are not secrets: read, export, apply the export --------------------------------------------
    def words(self):
        for way in self.ways:
            self.emu.reset()
            api = ApiSeeder(self.emu)
            api.flexdeploy("POST", fleet.GROUP, {"groupName": WORDS[0], "description": WORDS[2]})
            api.rpm("POST", "environments", {"environment": {"name": WORDS[1]}})
            environment = fleet.plutora_environment(api)
            api.plutora("PUT", "environments/" + environment["id"], dict(environment, description=WORDS[2]))
            fleet.slow_writes(self.emu)
            tmp = self.scratch()
            defaults = {}
            for product in ("flexdeploy", "rpm", "plutora"):
                defaults.update(fleet.connection(self.emu, product))
            sections = "[['flexdeploy_group', fd.groups], ['rpm_environment', rpm.environments], " \
                       "['plutora_environment', pl.environments]]"
            read = [
                {"envops.environments.flexdeploy_group_info": {"name": WORDS[0]}, "register": "fd"},
                {"envops.environments.rpm_environment_info": {"name": WORDS[1]}, "register": "rpm"},
                {"envops.environments.plutora_environment_info": {"name": fleet.ENVIRONMENT}, "register": "pl"},
                {"ansible.builtin.copy": {"dest": str(tmp / "results.json"), "mode": "0600",
                                          "content": "{{ {'fd': fd, 'rpm': rpm, 'pl': pl} | to_json }}"}},
                {"ansible.builtin.copy": {"dest": str(tmp / "export.yml"), "mode": "0600",
                                          "content": "{{ %s | envops.environments.export_tasks }}" % sections}},
            ]
            start = time.time()
            proc, _recap = playbooks.run_playbook(self.emu, ["words"], 1, read, tmp, defaults, way, name="read")
            seconds = time.time() - start
            text = (tmp / "results.json").read_text() if (tmp / "results.json").exists() else ""
            result = {"reported": 0, "writes": 0, "failed": proc.returncode and 1}
            self.record("words: group \"Basic Users\", RPM environment \"Bearer Bonds QA\", description "
                        "\"password: rotated by the vault team\": read", way,
                        "masked text (%s) in results: %d; words intact: %d of 3"
                        % (MASK, text.count(MASK), sum(1 for w in WORDS if w in text)), result, proc, seconds)
            if proc.returncode:
                continue
            self.emu.clear_log()
            apply = [{"ansible.builtin.include_tasks": str(tmp / "export.yml")}]
            start = time.time()
            proc, recap = playbooks.run_playbook(self.emu, ["words"], 1, apply, tmp, defaults, way, name="apply")
            seconds = time.time() - start
            made = writes(self.emu.requests())
            groups = [g["groupName"] for g in api.flexdeploy("GET", fleet.GROUP) if MASK in g["groupName"]]
            environments = [e["name"] for e in api.rpm("GET", "environments") if MASK in e["name"]]
            description = fleet.plutora_environment(api).get("description") or ""
            result = {"reported": playbooks.total(recap, "changed"), "writes": len(made),
                      "failed": playbooks.total(recap, "failed")}
            tasks = (tmp / "export.yml").read_text().count("envops.environments.")
            state = "overwritten masked" if MASK in description else "intact"
            self.record("the export applied", way, "tasks applied: %d; records created with masked names: %d; "
                        "description %s" % (tasks, len(groups) + len(environments), state), result, proc, seconds)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--collections", required=True)
    parser.add_argument("--ways", default="fast,module", help="fast, module or both (comma-separated)")
    parser.add_argument("--only", help="a regular expression of the case groups to run (%s; default: all but %s)"
                        % (", ".join(GROUPS + EXTRA), ", ".join(EXTRA)))
    args = parser.parse_args()
    ways = [w for w in args.ways.split(",") if w]
    with Emulator() as emu, tempfile.TemporaryDirectory(prefix="fleet-bench-") as tmp:
        cases = Cases(args.collections, emu, ways, tmp)
        for group in GROUPS + EXTRA:
            if not re.search(args.only, group) if args.only else group in EXTRA:
                continue
            getattr(cases, group)()
    print("## A fleet writing the same records, and words that read like secrets\n")
    print("Real `ansible-playbook` runs (`benchmarks/fleet_cases.py`), every write held %.1f s by the emulator; "
          "fast: the controller fast path, module: `ENVOPS_CONTROLLER_FAST_PATH=false`.\n" % fleet.WRITE_DELAY)
    print(markdown_table(["case", "way", "what the server holds", "writes reported", "writes made", "failed hosts",
                          "first failure", "time"], cases.rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
