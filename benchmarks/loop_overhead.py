# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Per-item time of a converged 50-item loop, for each kind of module, four ways in one playbook,
against two yardsticks:

* the collection's module through the controller fast path (its action plugin runs it in the
  controller's worker process);
* the same module with the fast path turned off for the task (`envops_controller_fast_path: false`),
  so every item ships and runs the module;
* ansible.builtin.ping (the floor any module pays per item);
* the same idempotent logic written with ansible.builtin.uri tasks (search/read each item, then
  write only where different; the write tasks are skipped when everything is converged);
* ansible.builtin.debug over the same items (an action that does nothing: the floor of an item of
  that loop, which Ansible's own work per item sets: templating, the loop's items, the callbacks).

The same playbook runs on each ansible-core given with --cores (virtual environments, one after the
other, each against a freshly reset emulator), so the ratios of every core come from one run. The
goal of the fast path: a converged item at most 0.1 x a ping item and at most 2 x a debug item.

Module kinds: rpm_environment (50 environments), flexdeploy_target (10 environments x 5 instances)
and plutora_environment (50 of the emulator's seeded environments). Every contender runs in each
round, one after the other; each figure is the best round, so a burst of load on a shared machine
does not land on one contender only. The emulator's request log is read around the two module
loops of each round (requests, writes and token requests per loop).

Usage: python benchmarks/loop_overhead.py --collections BUILD_DIR [--items 50] [--rounds 2]
       [--cores VENV[,VENV...]]   (default: BENCH_CORES, else the ansible of this Python)
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import json
import os
import sys
import tempfile

from common import Emulator, core_version, markdown_table, run_timed_playbook

PING = "ping loop"
DEBUG = "debug loop"
GOAL_PING = 0.1
GOAL_DEBUG = 2.0
SWITCH = "envops_controller_fast_path"
CONTENDERS = ("fast", "module")
FD_INSTANCES = (("SOA", "FDSOA_SERVER_PORT", "9%03d"), ("WLS", "WLS_ADMIN_URL", "t3://wls-%03d:7001"),
                ("OSB", "OSB_SERVER_PORT", "8%03d"), ("EBS", "EBS_APPS_USER", "apps%03d"),
                ("DB", "DB_USER", "db%03d"))


def rpm_kind(v, count):
    items = [{"name": "loop-env-%02d" % i, "deployment_policy": "closed" if i % 2 else "opened",
              "environment_type": "Testing"} for i in range(count)]
    module = {"envops.environments.rpm_environment": {
        "api_url": v["rpm_api_url"], "token": v["rpm_token"], "name": "{{ item.name }}",
        "deployment_policy": "{{ item.deployment_policy }}", "environment_type": "{{ item.environment_type }}"}}
    api = v["rpm_api_url"] + "/v1/environments"
    differs = ("item.json[0].deployment_policy != item.item.deployment_policy or "
               "item.json[0].environment_type.name != item.item.environment_type")
    uri = [
        {"name": "search each environment", "no_log": True, "register": "found", "ansible.builtin.uri": {
            "url": api + "?filters[name]={{ item.name | urlencode }}&filters[active]=true"
                         "&filters[inactive]=true&token=" + v["rpm_token"],
            "status_code": [200, 404], "return_content": True}},
        {"name": "create the missing ones", "no_log": True, "loop": "{{ found.results }}",
         "when": "item.status == 404", "ansible.builtin.uri": {
             "url": api + "?token=" + v["rpm_token"], "method": "POST", "status_code": [201], "body_format": "json",
             "body": {"environment": {"name": "{{ item.item.name }}",
                                      "deployment_policy": "{{ item.item.deployment_policy }}"}}}},
        {"name": "update the different ones", "no_log": True, "loop": "{{ found.results }}",
         "when": "item.status == 200 and (%s)" % differs, "ansible.builtin.uri": {
             "url": api + "/{{ item.json[0].id }}?token=" + v["rpm_token"], "method": "PUT", "status_code": [202],
             "body_format": "json", "body": {"environment": {"deployment_policy": "{{ item.item.deployment_policy }}"}}}},
    ]
    return items, module, [], uri


def flexdeploy_kind(v, count):
    connection = {"api_url": v["flexdeploy_api_url"], "username": v["flexdeploy_username"],
                  "password": v["flexdeploy_password"]}
    environments = ["BENCH%02d" % e for e in range((count + len(FD_INSTANCES) - 1) // len(FD_INSTANCES))]
    items = []
    for index in range(count):
        code, prop, value = FD_INSTANCES[index % len(FD_INSTANCES)]
        items.append({"environment": environments[index // len(FD_INSTANCES)], "instance": code,
                      "property": prop, "value": value % index})
    setup = [{"name": "setup: flexdeploy environments with every instance", "loop": environments,
              "envops.environments.flexdeploy_environment": dict(
                  connection, code="{{ item }}", name="Benchmark {{ item }}",
                  instances=[code for code, _prop, _value in FD_INSTANCES])}]
    module = {"envops.environments.flexdeploy_target": dict(
        connection, environment="{{ item.environment }}", instance="{{ item.instance }}",
        properties="{{ {item.property: item.value} }}")}
    rest = v["flexdeploy_api_url"] + "/rest/v1/topology"
    auth = {"url_username": v["flexdeploy_username"], "url_password": v["flexdeploy_password"],
            "force_basic_auth": True, "return_content": True}
    uri = [
        {"name": "look up each environment", "no_log": True, "register": "fd_env", "ansible.builtin.uri": dict(
            auth, url=rest + "/environment?environmentCode={{ item.environment }}")},
        {"name": "look up each instance", "no_log": True, "register": "fd_inst", "ansible.builtin.uri": dict(
            auth, url=rest + "/instance?instanceCode={{ item.instance }}")},
        {"name": "read each target", "no_log": True, "register": "fd_target", "loop_control": {"index_var": "i"},
         "ansible.builtin.uri": dict(auth, url=rest + "/environmentinstance/{{ fd_env.results[i].json[0].environmentId }}"
                                                      "/{{ fd_inst.results[i].json[0].instanceId }}")},
        {"name": "update the different ones", "no_log": True, "loop": "{{ fd_target.results }}",
         "when": "(item.json.properties | selectattr('propertyName', 'equalto', item.item.property) | first)"
                 ".propertyValue | string != item.item.value | string",
         "ansible.builtin.uri": dict(auth, url="{{ item.url }}", method="PATCH", body_format="json",
                                     body={"properties": [{"propertyName": "{{ item.item.property }}",
                                                           "propertyValue": "{{ item.item.value }}"}]})},
    ]
    return items, module, setup, uri


def plutora_kind(v, count):
    connection = {"api_url": v["plutora_api_url"], "client_id": v["plutora_client_id"],
                  "client_secret": v["plutora_client_secret"], "username": v["plutora_username"],
                  "password": v["plutora_password"]}
    # The emulator's seeded "Core Banking Env NNN": usage UAT when NNN is odd, Dev when even.
    items = [{"name": "Core Banking Env %03d" % n, "usage": "UAT" if n % 2 else "Dev"} for n in range(1, count + 1)]
    module = {"envops.environments.plutora_environment": dict(
        connection, name="{{ item.name }}", vendor="Plutora", system="Core Banking", usage="{{ item.usage }}",
        status="Active", color="#ffffff")}
    api = v["plutora_api_url"]
    bearer = {"Authorization": "bearer {{ plutora_uri_token.json.access_token }}"}
    uri = [
        {"name": "fetch a token", "no_log": True, "register": "plutora_uri_token", "once": True,
         "ansible.builtin.uri": {
             "url": api + "/oauth/token", "method": "POST", "body_format": "form-urlencoded", "return_content": True,
             "body": {"grant_type": "password", "client_id": v["plutora_client_id"],
                      "client_secret": v["plutora_client_secret"], "username": v["plutora_username"],
                      "password": v["plutora_password"]}}},
        {"name": "look up the system", "no_log": True, "register": "plutora_uri_system", "once": True,
         "ansible.builtin.uri": {"url": api + "/systems?pageNum=0&recordsPerPage=100&filter={{ '`name` Equals `Core Banking`' | urlencode }}",
                                 "headers": bearer, "return_content": True}},
        {"name": "search each environment", "no_log": True, "register": "plutora_found",
         "ansible.builtin.uri": {
             "url": api + "/environments?pageNum=0&recordsPerPage=100&filter="
                          "{{ ('`name` Equals `' ~ item.name ~ '`') | urlencode }}",
             "headers": bearer, "return_content": True}},
        {"name": "read each environment", "no_log": True, "register": "plutora_full", "loop_control": {"index_var": "i"},
         "ansible.builtin.uri": {"url": api + "/environments/{{ plutora_found.results[i].json.resultSet[0].id }}",
                                 "headers": bearer, "return_content": True}},
        {"name": "update the different ones", "no_log": True, "loop": "{{ plutora_full.results }}",
         "vars": {"system_id": "{{ plutora_uri_system.json.resultSet[0].id }}"},
         "when": "item.json.vendor != 'Plutora' or item.json.color != '#ffffff' or "
                 "item.json.linkedSystemId != system_id or item.json.usageWorkItem != item.item.usage",
         "ansible.builtin.uri": {"url": api + "/environments/{{ item.json.id }}", "method": "PUT",
                                 "headers": bearer, "body_format": "json",
                                 "body": "{{ item.json | combine({'vendor': 'Plutora', 'color': '#ffffff'}) }}",
                                 "status_code": [200, 204]}},
    ]
    return items, module, [], uri


KINDS = (("rpm_environment", rpm_kind), ("flexdeploy_target", flexdeploy_kind),
         ("plutora_environment", plutora_kind))


def log_tasks(emu, register):
    """Tasks that clear the emulator's log before a loop and read it after (not timed as contenders)."""
    clear = {"name": "log: clear before " + register,
             "ansible.builtin.uri": {"url": emu.url + "/_admin/requests", "method": "DELETE"}}
    read = {"name": "log: read after " + register, "register": register,
            "ansible.builtin.uri": {"url": emu.url + "/_admin/requests", "return_content": True}}
    return clear, read


def plays(emu, count, rounds, summary_path):
    v = emu.connection_vars()
    tasks, registers, kinds = [], [], {}
    for name, build in KINDS:
        items, module, setup, uri = build(v, count)
        kinds[name] = (items, module, uri)
        tasks.extend(setup)
        tasks.append(dict(module, name="setup: %s" % name, loop=items))
    for r in range(rounds):
        tasks.append({"name": "%s #%d" % (PING, r), "ansible.builtin.ping": {}, "loop": "{{ range(%d) | list }}" % count})
        for name, (items, module, uri) in sorted(kinds.items()):
            # The floor of an item of this very loop: the same items, an action that does nothing.
            tasks.append({"name": "%s %s #%d" % (name, DEBUG, r), "ansible.builtin.debug": {"msg": "{{ item }}"},
                          "loop": items})
            for contender in CONTENDERS:
                register = "log_%s_%s_%d" % (name, contender, r)
                clear, read = log_tasks(emu, register)
                tasks.extend([clear, dict(module, name="%s %s #%d" % (name, contender, r), loop=items,
                                          vars={SWITCH: contender == "fast"}), read])
                registers.append(register)
            for task in uri:
                task = dict(task, name="%s uri: %s #%d" % (name, task["name"], r))
                if not task.pop("once", False):
                    task.setdefault("loop", items)
                tasks.append(task)
    summary = ", ".join(
        "'%s': {'requests': %s.json | length, 'writes': %s.json | rejectattr('method', 'equalto', 'GET') | "
        "rejectattr('path', 'search', 'oauth') | list | length, 'tokens': %s.json | selectattr('path', 'search', "
        "'oauth') | list | length}" % (reg, reg, reg, reg) for reg in registers)
    tasks.append({"name": "write the request counts", "ansible.builtin.copy": {
        "dest": summary_path, "content": "{{ {%s} | to_json }}" % summary}})
    return [{"hosts": "localhost", "gather_facts": False, "tasks": tasks}]


def measure(collections, n, rounds, venv):
    """One core: (ansible-core version, {contender: seconds per item}, request counts, writes)."""
    summary_path = os.path.join(tempfile.mkdtemp(), "requests.json")
    with Emulator() as emu:
        emu.reset()
        times = run_timed_playbook(collections, plays(emu, n, rounds, summary_path), venv)[0]
    with open(summary_path) as handle:
        counts = json.load(handle)

    def best(prefix):
        per_round = []
        for r in range(rounds):
            suffix = " #%d" % r
            per_round.append(sum(t for task, t in times.items() if task.startswith(prefix) and task.endswith(suffix)))
        return min(per_round) / n

    figures = {"ping": best(PING)}
    for name, _build in KINDS:
        figures[(name, "debug")] = best("%s %s" % (name, DEBUG))
        for contender in ("fast", "module"):
            figures[(name, contender)] = best("%s %s" % (name, contender))
        figures[(name, "uri")] = best(name + " uri: ")
    writes = sum(counts["log_%s_%s_%d" % (name, c, r)]["writes"]
                 for name, _build in KINDS for c in CONTENDERS for r in range(rounds))
    return core_version(venv), figures, counts, writes


def core_table(version, figures, counts, n, rounds):
    ping = figures["ping"]
    rows = []
    for name, _build in KINDS:
        fast, module, uri = figures[(name, "fast")], figures[(name, "module")], figures[(name, "uri")]
        debug = figures[(name, "debug")]
        first = dict((c, counts["log_%s_%s_0" % (name, c)]) for c in CONTENDERS)
        rows.append([name, "%.3f s" % fast, "%.3f s" % module, "%.3f s" % uri, "%.4f s" % debug,
                     "**%.3f**" % (fast / ping), "**%.2f**" % (fast / debug), "%.2f" % (module / ping),
                     "%.2f" % (uri / ping), "%.3f" % (fast / module),
                     "%d / %d" % (first["fast"]["requests"], first["module"]["requests"]),
                     "%d / %d" % (first["fast"]["tokens"], first["module"]["tokens"])])
    lines = ["### ansible-core %s\n" % version,
             "Per item (best of %d rounds); ansible.builtin.ping: **%.3f s**.\n" % (rounds, ping),
             markdown_table(["module", "fast path", "forced module", "uri tasks", "debug", "fast / ping", "fast / debug",
                             "module / ping", "uri / ping", "fast / module", "requests of the loop (fast / module)",
                             "token requests (fast / module)"], rows)]
    plutora = dict((c, counts["log_plutora_environment_%s_0" % c]) for c in CONTENDERS)
    lines.append("\nThe Plutora loop of %d items sends **%d** token request(s) through the fast path and %d with the "
                 "module." % (n, plutora["fast"]["tokens"], plutora["module"]["tokens"]))
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--collections", required=True)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--cores", default=os.environ.get("BENCH_CORES", ""),
                        help="comma-separated virtual environments, one per ansible-core (default: this Python's)")
    args = parser.parse_args()
    n, rounds = args.items, args.rounds
    venvs = [v for v in args.cores.split(",") if v] or [None]
    measured = [measure(args.collections, n, rounds, venv) for venv in venvs]

    print("## Converged loop of %d items: time per item, fast path against ping and debug\n" % n)
    summary, worst_ping, worst_debug, writes = [], 0, 0, 0
    for version, figures, _counts, core_writes in measured:
        for name, _build in KINDS:
            worst_ping = max(worst_ping, figures[(name, "fast")] / figures["ping"])
            worst_debug = max(worst_debug, figures[(name, "fast")] / figures[(name, "debug")])
        writes += core_writes
        ratios = ["%.3f / %.2f" % (figures[(name, "fast")] / figures["ping"], figures[(name, "fast")] / figures[(name, "debug")])
                  for name, _build in KINDS]
        summary.append([version] + ratios + ["%.0f ms" % (1000 * figures["ping"])])
    print(markdown_table(["ansible-core"] + ["%s: fast / ping, fast / debug" % name for name, _build in KINDS]
                         + ["ping item"], summary))
    print("\nWorst fast path item on any core: **%.3f** x a ping item (goal: at most %.1f) and **%.2f** x a debug item "
          "(goal: at most %.1f): goals %s. Writes in the timed module loops: %d (every one is converged and must "
          "write nothing).\n" % (worst_ping, GOAL_PING, worst_debug, GOAL_DEBUG,
                                 "met" if worst_ping <= GOAL_PING and worst_debug <= GOAL_DEBUG else "**missed**",
                                 writes))
    for version, figures, counts, _writes in measured:
        print(core_table(version, figures, counts, n, rounds))
        print()
    return 0 if writes == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
