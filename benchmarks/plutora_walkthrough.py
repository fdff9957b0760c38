# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark of the Plutora modules: HTTP requests per task and the walkthrough's wall time.

Figures, not a pass/fail test. Requests are counted from the emulator's request log
(/_admin/requests), so they are what a real Plutora server would receive.

1. Every task of playbooks/plutora_walkthrough.yml run on its own (after the token task, as in
   the play), first on an empty server and then again: requests per task, converging and converged.
2. The whole walkthrough timed, first and second run, with the token task (one token per play)
   and without it (each task fetches its own token, as the public Plutora scripts do), on the
   local emulator and again with a simulated round trip of LATENCY seconds on every request.
3. What finding one environment costs by name filter against listing every environment.

Usage: python benchmarks/plutora_walkthrough.py [--collections BUILD] [--output docs/benchmarks-plutora.md]
"""

from __future__ import absolute_import, division, print_function

import argparse
import copy
import os
import re
import subprocess
import sys
import tempfile
import time

import requests
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))

from harness import Emulator  # noqa: E402

PLAYBOOK = os.path.join(ROOT, "playbooks", "plutora_walkthrough.yml")
RECAP = re.compile(r"^localhost\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)
TOKEN_PATH = "/plutora/oauth/token"
# A round trip to a Plutora SaaS region (TLS included) is of this order; the emulator answers locally.
LATENCY = 0.2


def stage(build):
    subprocess.run(["bash", os.path.join(ROOT, "scripts", "stage.sh"), build], check=True, stdout=subprocess.DEVNULL)
    return build


def playbook_env(emu, collections):
    env = dict(os.environ)
    env.update(emu.connection_env())
    env.update({"ANSIBLE_COLLECTIONS_PATH": collections, "ANSIBLE_NOCOLOR": "1", "ANSIBLE_LOCALHOST_WARNING": "0",
                "ANSIBLE_INVENTORY_UNPARSED_WARNING": "0", "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
                "ANSIBLE_ROLES_PATH": os.path.join(ROOT, "roles")})
    return env


def run_play(play, env):
    """Run one play (a dict); return (changed count, seconds)."""
    with tempfile.NamedTemporaryFile("w", suffix=".yml", delete=False) as handle:
        yaml.safe_dump([play], handle, sort_keys=False)
    try:
        started = time.time()
        proc = subprocess.run(["ansible-playbook", "-i", "localhost,", "-c", "local", handle.name], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
        elapsed = time.time() - started
    finally:
        os.unlink(handle.name)
    match = RECAP.search(proc.stdout)
    if proc.returncode != 0 or not match:
        raise RuntimeError("playbook failed:\n" + proc.stdout[-3000:])
    return int(match.group(2)), elapsed


def split(log):
    tokens = [r for r in log if r["path"].lower() == TOKEN_PATH]
    api = [r for r in log if r["path"].lower() != TOKEN_PATH]
    return tokens, api


def describe(api):
    """'GET 2, PUT 1' for a list of logged requests."""
    counts = {}
    for r in api:
        counts[r["method"]] = counts.get(r["method"], 0) + 1
    return ", ".join("%s %d" % (m, counts[m]) for m in ("GET", "POST", "PUT", "DELETE") if m in counts) or "-"


def per_task(emu, env, play):
    """Each task after the token task, on its own play with the token task first."""
    rows = []
    token_task, tasks = play["tasks"][0], play["tasks"][1:]
    for task in tasks:
        single = copy.deepcopy(play)
        single["tasks"] = [token_task, task]
        emu.clear_log()
        changed, _elapsed = run_play(single, env)
        tokens, api = split(emu.requests())
        rows.append({"task": task["name"], "changed": changed, "requests": len(api), "kinds": describe(api),
                     "tokens": len(tokens)})
    return rows


def whole(emu, env, play):
    emu.clear_log()
    changed, elapsed = run_play(play, env)
    tokens, api = split(emu.requests())
    return {"changed": changed, "seconds": elapsed, "requests": len(api), "tokens": len(tokens)}


def with_latency(emu):
    """Delay every Plutora request by LATENCY seconds (a delay-only fault of the emulator)."""
    emu.inject(path="^/plutora/", delay=LATENCY, count=1000000)


def lookup_costs(emu):
    """One environment by name filter against the whole list, as a client sees it."""
    creds = emu.connection_vars()
    base = creds["plutora_api_url"]
    token = requests.post(base + "/oauth/token", data={
        "grant_type": "password", "client_id": creds["plutora_client_id"],
        "client_secret": creds["plutora_client_secret"], "username": creds["plutora_username"],
        "password": creds["plutora_password"]}).json()["access_token"]
    headers = {"Authorization": "bearer " + token}
    filtered = requests.get(base + "/environments", headers=headers, params={
        "filter": "`name` Equals `My Environment`", "pageNum": 0, "recordsPerPage": 100})
    pages, size, records, page = 0, 0, 0, 0
    while True:
        answer = requests.get(base + "/environments", headers=headers, params={"pageNum": page, "recordsPerPage": 100})
        pages += 1
        size += len(answer.content)
        body = answer.json()
        records += body["returnCount"]
        if records >= body["totalCount"]:
            break
        page += 1
    return {"filtered_bytes": len(filtered.content), "filtered_records": filtered.json()["returnCount"],
            "list_pages": pages, "list_bytes": size, "list_records": records}


def report(first, second, variants, lookup):
    lines = [
        "# Plutora benchmark",
        "",
        "Written by `benchmarks/plutora_walkthrough.py` (figures, not a test). Requests are counted in the",
        "emulator's request log; the token request is counted apart from API requests.",
        "",
        "## Requests per task of `playbooks/plutora_walkthrough.yml`",
        "",
        "Each task runs on its own after the play's token task (so it reuses the token, as in the play).",
        "",
        "| task | first run: changed | API requests | kinds | second run: changed | API requests | kinds |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for a, b in zip(first, second):
        cells = (a["task"], a["changed"], a["requests"], a["kinds"], b["changed"], b["requests"], b["kinds"])
        lines.append("| %s | %s | %d | %s | %s | %d | %s |" % cells)
    lines += [
        "",
        "## The whole walkthrough",
        "",
        "| variant | run | changed | API requests | token requests | wall time |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    saved = variants[1][1][0]["tokens"] - variants[0][1][0]["tokens"]
    for label, runs in variants:
        for number, run in enumerate(runs, start=1):
            lines.append("| %s | %d | %d | %d | %d | %.1f s |" % (label, number, run["changed"], run["requests"],
                                                                  run["tokens"], run["seconds"]))
    lines += [
        "",
        "## Finding one environment by name",
        "",
        "| way | requests | records returned | bytes |",
        "| --- | --- | --- | --- |",
        "| filter `` `name` Equals `My Environment` `` | 1 | %(filtered_records)d | %(filtered_bytes)d |" % lookup,
        "| list every environment (100 a page) | %(list_pages)d | %(list_records)d | %(list_bytes)d |" % lookup,
        "",
        "Request counts are exact and repeatable. Wall times are single runs and vary with the load of the",
        "machine: on the local emulator they are dominated by ansible-playbook start-up and module execution;",
        "the simulated round trip (%d ms a request) shows what the request counts cost against a remote" % (LATENCY * 1000),
        "server. One token per play saves %d token requests per run, %.1f s at that round trip, while the token"
        % (saved, saved * LATENCY),
        "task itself costs one task's start-up; differences smaller than the run-to-run noise of this machine",
        "do not show in single runs. The counts are what carries over to a real Plutora server.",
        "",
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--collections", help="a staged tree holding ansible_collections/ (default: stage one)")
    parser.add_argument("--output", default=os.path.join(ROOT, "docs", "benchmarks-plutora.md"))
    args = parser.parse_args()
    collections = args.collections or stage(os.path.join(ROOT, "build-plutora-bench"))
    with open(PLAYBOOK) as handle:
        play = yaml.safe_load(handle)[0]
    without_token = copy.deepcopy(play)
    without_token["tasks"] = play["tasks"][1:]
    del without_token["module_defaults"]
    with Emulator() as emu:
        env = playbook_env(emu, collections)
        emu.reset()
        first = per_task(emu, env, play)
        second = per_task(emu, env, play)
        lookup = lookup_costs(emu)
        variants = []
        for latency in (False, True):
            for label, variant in (("one token per play (plutora_token)", play),
                                   ("a token per task (no plutora_token task)", without_token)):
                emu.reset()
                if latency:
                    with_latency(emu)
                    label += ", %d ms a request" % (LATENCY * 1000)
                variants.append((label, [whole(emu, env, variant), whole(emu, env, variant)]))
    text = report(first, second, variants, lookup)
    with open(args.output, "w") as handle:
        handle.write(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
