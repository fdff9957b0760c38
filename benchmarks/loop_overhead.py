# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Per-item time of a converged 50-item loop, against two yardsticks in the same playbook run:
a loop of ansible.builtin.ping (the floor any module pays) and the same idempotent logic written
with ansible.builtin.uri tasks (read, then create or update only where different).

The three loops run in rounds, one after the other, and each figure is the best round, so a
burst of load on a shared machine does not land on one contender only.

Usage: python benchmarks/loop_overhead.py --collections BUILD_DIR [--items 50] [--rounds 2]
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import sys

from common import Emulator, markdown_table, run_timed_playbook

SETUP = "setup: create the items"
PING = "ping loop"
MODULE = "rpm_environment loop (converged)"
URI_READ = "uri: search each environment"
URI_CREATE = "uri: create the missing ones"
URI_UPDATE = "uri: update the different ones"
URI = (URI_READ, URI_CREATE, URI_UPDATE)


def module_task(name):
    return {"name": name, "loop": "{{ items }}", "envops.environments.rpm_environment": {
        "name": "{{ item.name }}", "deployment_policy": "{{ item.deployment_policy }}",
        "environment_type": "{{ item.environment_type }}"}}


def uri_tasks(api, suffix):
    """What a playbook without this collection does: search each item, then write where needed."""
    differs = ("item.json[0].deployment_policy != item.item.deployment_policy or "
               "item.json[0].environment_type.name != item.item.environment_type")
    return [
        {"name": URI_READ + suffix, "no_log": True, "register": "found", "loop": "{{ items }}",
         "ansible.builtin.uri": {
             "url": api + "?filters[name]={{ item.name | urlencode }}&filters[active]=true"
                          "&filters[inactive]=true&token={{ rpm_token }}",
             "status_code": [200, 404], "return_content": True}},
        {"name": URI_CREATE + suffix, "no_log": True, "loop": "{{ found.results }}", "when": "item.status == 404",
         "ansible.builtin.uri": {
             "url": api + "?token={{ rpm_token }}", "method": "POST", "status_code": [201], "body_format": "json",
             "body": {"environment": {"name": "{{ item.item.name }}",
                                      "deployment_policy": "{{ item.item.deployment_policy }}"}}}},
        {"name": URI_UPDATE + suffix, "no_log": True, "loop": "{{ found.results }}",
         "when": "item.status == 200 and (%s)" % differs,
         "ansible.builtin.uri": {
             "url": api + "/{{ item.json[0].id }}?token={{ rpm_token }}", "method": "PUT", "status_code": [202],
             "body_format": "json",
             "body": {"environment": {"deployment_policy": "{{ item.item.deployment_policy }}"}}}},
    ]


def plays(emu, count, rounds):
    v = emu.connection_vars()
    items = [{"name": "loop-env-%02d" % i, "deployment_policy": "closed" if i % 2 else "opened",
              "environment_type": "Testing"} for i in range(count)]
    tasks = [module_task(SETUP)]
    for r in range(rounds):
        suffix = " #%d" % r
        tasks.append({"name": PING + suffix, "ansible.builtin.ping": {}, "loop": "{{ items }}"})
        tasks.append(module_task(MODULE + suffix))
        tasks.extend(uri_tasks(v["rpm_api_url"] + "/v1/environments", suffix))
    return [{"hosts": "localhost", "gather_facts": False,
             "vars": {"items": items, "rpm_token": v["rpm_token"]},
             "module_defaults": {"group/envops.environments.rpm": {"api_url": v["rpm_api_url"],
                                                                   "token": v["rpm_token"]}},
             "tasks": tasks}]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--collections", required=True)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    n, rounds = args.items, args.rounds
    with Emulator() as emu:
        emu.reset()
        times = run_timed_playbook(args.collections, plays(emu, n, rounds))[0]
        writes = [r for r in emu.requests() if r["method"] != "GET"]

    def best(*names):
        return min(sum(times["%s #%d" % (name, r)] for name in names) for r in range(rounds)) / n

    ping, module, uri = best(PING), best(MODULE), best(*URI)
    rows = [
        ["ansible.builtin.ping", "%.3f s" % ping, "1.00"],
        ["envops.environments.rpm_environment", "%.3f s" % module, "%.2f" % (module / ping)],
        ["ansible.builtin.uri (search, then create/update tasks)", "%.3f s" % uri, "%.2f" % (uri / ping)],
    ]
    print("## Converged loop of %d items: time per item (best of %d rounds)\n" % (n, rounds))
    print(markdown_table(["task", "per item", "ratio to ping"], rows))
    print("\nrpm_environment per item / uri logic per item: **%.2f**. Writes after the setup loop: %d "
          "(the setup creates %d; every later loop is converged and must write nothing)."
          % (module / uri, len(writes) - n, n))
    return 0 if len(writes) == n else 1


if __name__ == "__main__":
    sys.exit(main())
