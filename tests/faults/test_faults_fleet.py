# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A fleet writing the same records at once, as real playbooks: 10 to 30 local hosts, forks 10, a
server that holds every write 0.1 s (emulator standing write delay), both ways (fast path and
module processes).

Each case counts, straight from the API and the emulator's request log: records kept, twins,
and writes reported (`changed`) against writes made. "One controller" runs share the lock
directory, as the hosts of one ansible-playbook do; "controllers" runs give every host a lock
directory of its own (the task's `environment:`), so each host is as alone as a host of another
controller would be, and only the verification of each write stands between them and a lost update.

`python tests/faults/test_faults_fleet.py` (from a staged tree, with an ansible-playbook on PATH)
prints the figures of every case both ways.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from playbooks import run_playbook, total  # noqa: E402
from seed_api import ApiSeeder, writes  # noqa: E402

WRITE_DELAY = 0.1
FORKS = 10
GROUP = "administration/security/group"
ENVIRONMENT = "Core Banking Env 001"
# 30 distinct (object type, action) pairs of the FlexDeploy table, one per host.
PAIRS = [(o, a) for o, actions in (
    ("APPROVAL", ("READ", "UPDATE")), ("WINDOW", ("READ", "UPDATE")), ("NOTIFICATION", ("READ", "UPDATE", "DELETE")),
    ("WORKFLOW", ("READ", "UPDATE")), ("ENVINSTANCE", ("READ", "UPDATE")), ("ENVIRONMENT", ("READ", "UPDATE")),
    ("INSTANCE", ("READ", "UPDATE")), ("ENDPOINT", ("READ", "UPDATE")), ("SCHEDULEDTASK", ("READ", "UPDATE")),
    ("PLUGIN", ("READ", "UPLOAD")), ("DEFAULTS", ("READ", "UPDATE")), ("FLEXFIELDS", ("READ", "UPDATE")),
    ("TEMPLATE", ("READ", "UPDATE")), ("TESTTOOL", ("READ", "UPDATE")), ("TESTTYPE", ("READ", "UPDATE")),
) for a in actions]


def connection(emu, product):
    return {"group/envops.environments.%s" % product: emu.module_options(product)}


def fleet(count, **per_host):
    """{host: vars}: fleet-00 ... with `n` and any per-host values (callables of n)."""
    return dict(("fleet-%02d" % n, dict(n=n, **dict((k, f(n)) for k, f in per_host.items())))
                for n in range(count))


def controllers_env(tmp_path):
    """The task keyword that gives every host a lock directory of its own (a controller each)."""
    return {"ENVOPS_LOCK_DIR": str(tmp_path / "locks" / "{{ inventory_hostname }}")}


def slow_writes(emu):
    emu.inject(delay=WRITE_DELAY, method="WRITES", standing=True)


def slow_server(emu, creates=None, count=0):
    """The API of a server whose writes are slow; creates: a path whose first `count` creates are
    held 2 s more, so that every host has read (and found nothing) before the first create lands and
    the race happens whatever the machine's speed."""
    slow_writes(emu)
    if creates:
        emu.inject(delay=2, method="POST", path=creates, count=count)
    return ApiSeeder(emu)


def figures(emu, proc, recap, kept, wanted, twins=0, writes_made=None):
    """What a closing note reports of one run."""
    made = writes(emu.requests()) if writes_made is None else writes_made
    return {"kept": kept, "wanted": wanted, "twins": twins, "reported": total(recap, "changed"),
            "writes": len(made), "failed": total(recap, "failed"), "rc": proc.returncode}


# FlexDeploy ---------------------------------------------------------------------------------------

def fd_group(api, name):
    return [g for g in api.flexdeploy("GET", GROUP) if g["groupName"] == name]


def seed_flexdeploy_merge(api, count):
    for n in range(count):
        api.flexdeploy("POST", "topology/environment", {"environmentCode": "FLEET%02d" % n,
                                                        "environmentName": "Fleet %02d" % n})
    api.flexdeploy("POST", GROUP, {"groupName": "Fleet Group", "description": "merged by a fleet"})


def flexdeploy_merge(emu, tmp_path, way, count=30, env=None, mixed=False, options=()):
    """30 hosts each add their own environment and their own permission pair to one group (merge).
    mixed: every other host runs its task as a module process, the others in the controller."""
    api = ApiSeeder(emu)
    seed_flexdeploy_merge(api, count)
    slow_writes(emu)
    emu.clear_log()
    task = {"name": "Each host adds its environment and permission", "environment": env or {},
            "envops.environments.flexdeploy_group": {
                "name": "Fleet Group", "deployment_environments": ["{{ code }}"],
                "global_permissions": "{{ permission }}"}}
    hosts = fleet(count, code=lambda n: "FLEET%02d" % n, permission=lambda n: {PAIRS[n][0]: [PAIRS[n][1]]})
    if mixed:
        for n, host in enumerate(sorted(hosts)):
            hosts[host]["envops_controller_fast_path"] = n % 2 == 0
    proc, recap = run_playbook(emu, hosts, FORKS, [task], tmp_path, connection(emu, "flexdeploy"), way,
                               options=options)
    group = fd_group(api, "Fleet Group")[0]
    codes = dict((e["environmentId"], e["environmentCode"]) for e in api.flexdeploy("GET", "topology/environment"))
    held = set(codes[i] for i in group["deploymentPermissions"]["environments"])
    pairs = set((p["objectType"], p["actionType"]) for p in group["globalPermissions"])
    result = figures(emu, proc, recap, len(held), count)
    result["pairs_kept"] = len(pairs & set(PAIRS[:count]))
    return result, proc, recap


def flexdeploy_racing_create(emu, tmp_path, way, count=10, env=None, race=False):
    """10 hosts ensure one group "Deployers" (race: their creates are held until all have read)."""
    api = slow_server(emu, r"/security/group$" if race else None, count)
    emu.clear_log()
    task = {"name": "Every host ensures the group", "environment": env or {},
            "envops.environments.flexdeploy_group": {"name": "Deployers", "description": "may deploy",
                                                     "global_permissions": {"REPORT": ["READ"]}}}
    proc, recap = run_playbook(emu, fleet(count), FORKS, [task], tmp_path, connection(emu, "flexdeploy"), way)
    named = fd_group(api, "Deployers")
    active = [g for g in named if g["isActive"]]
    return figures(emu, proc, recap, len(active), 1, twins=len(named) - 1), proc, recap


# Plutora ------------------------------------------------------------------------------------------

def plutora_environment(api, name=ENVIRONMENT):
    found = [e for e in api.plutora("GET", "environments") if e["name"] == name]
    return api.plutora("GET", "environments/%s" % found[0]["id"])


def plutora_hosts(emu, tmp_path, way, count, names, env=None, race=False):
    """`count` hosts each ensure the environment has the hosts `names(n)`."""
    api = slow_server(emu, r"/plutora/hosts$" if race else None, count)
    emu.clear_log()
    task = {"name": "Every host ensures hosts of one environment", "environment": env or {},
            "envops.environments.plutora_environment": {"name": ENVIRONMENT, "hosts": "{{ wanted_hosts }}"}}
    hosts = fleet(count, wanted_hosts=lambda n: [{"name": h} for h in names(n)])
    proc, recap = run_playbook(emu, hosts, FORKS, [task], tmp_path, connection(emu, "plutora"), way)
    record = plutora_environment(api)
    held = [h["name"] for h in record["hosts"]]
    wanted = sorted(set(h for n in range(count) for h in names(n)))
    kept = len(set(held) & set(wanted))
    return figures(emu, proc, recap, kept, len(wanted), twins=len(held) - len(set(held))), proc, recap


def plutora_shared_host(emu, tmp_path, way, env=None, race=False):
    """10 hosts each ensure the host `shared-lb`."""
    return plutora_hosts(emu, tmp_path, way, 10, lambda n: ["shared-lb"], env, race)


def plutora_full_host_list(emu, tmp_path, way, env=None):
    """30 hosts each pass the full list of 30 host names."""
    return plutora_hosts(emu, tmp_path, way, 30, lambda n: ["web-%02d" % i for i in range(30)], env)


def plutora_connections(emu, tmp_path, way, env=None, race=False):
    """5 hosts ensure one group with one connection between two environments."""
    api = slow_server(emu, r"/plutora/connectivities$" if race else None, 5)
    first, second = ENVIRONMENT, "Core Banking Env 002"
    ids = [e["id"] for e in api.plutora("GET", "environments") if e["name"] in (first, second)]
    api.plutora("POST", "environmentgroups", {"Name": "Fleet Map", "EnvironmentIDs": ids})
    emu.clear_log()
    task = {"name": "Every host ensures the connection", "environment": env or {},
            "envops.environments.plutora_environment_group": {
                "name": "Fleet Map", "environments": [first, second],
                "connections": [{"source": first, "target": second, "type": "HTTPS"}]}}
    proc, recap = run_playbook(emu, fleet(5), 5, [task], tmp_path, connection(emu, "plutora"), way)
    group = [g for g in api.plutora("GET", "environmentgroups") if g["name"] == "Fleet Map"][0]
    conns = [c for c in api.plutora("GET", "connectivities") if c["environmentGroupId"] == group["id"]]
    return figures(emu, proc, recap, min(len(conns), 1), 1, twins=max(len(conns) - 1, 0)), proc, recap


ENVIRONMENT_FIELDS = [("description", "described by fleet-00", "description"), ("url", "http://fleet.example", "url"),
                      ("vendor", "Fleet Vendor", "vendor"), ("color", "#00ff00", "color"),
                      ("shared", True, "isSharedEnvironment")]
SYSTEM_FIELDS = [("description", "described by fleet-00", "description"), ("vendor", "Fleet Vendor", "vendor"),
                 ("status", "Inactive", "status"), ("organization", "Advice Systems", "organization")]


def plutora_whole_record(emu, tmp_path, way, module, name, fields, read, env=None):
    """One host per field: each changes its own field of one record (Plutora's whole-record PUT)."""
    slow_writes(emu)
    emu.clear_log()
    # Option names cannot be templated: every host gives every option, all but its own omitted.
    args = dict((option, "{{ %s if option == '%s' else omit }}" % (json.dumps(value), option))
                for option, value, _key in fields)
    tasks = [{"name": "Every host changes its own field", "environment": env or {},
              "envops.environments.%s" % module: dict(args, name=name)}]
    hosts = dict(("fleet-%02d" % n, {"option": option}) for n, (option, _value, _key) in enumerate(fields))
    proc, recap = run_playbook(emu, hosts, FORKS, tasks, tmp_path, connection(emu, "plutora"), way)
    record = read()
    kept = sum(1 for _option, value, key in fields if record.get(key) == value)
    return figures(emu, proc, recap, kept, len(fields)), proc, recap


def plutora_environment_fields(emu, tmp_path, way, env=None):
    api = ApiSeeder(emu)
    return plutora_whole_record(emu, tmp_path, way, "plutora_environment", ENVIRONMENT, ENVIRONMENT_FIELDS,
                                lambda: plutora_environment(api), env)


def plutora_system_fields(emu, tmp_path, way, env=None):
    api = ApiSeeder(emu)

    def read():
        system = [s for s in api.plutora("GET", "systems") if s["name"] == "Core Banking"][0]
        return api.plutora("GET", "systems/%s" % system["id"])
    return plutora_whole_record(emu, tmp_path, way, "plutora_system", "Core Banking", SYSTEM_FIELDS, read, env)


CASES = {
    "flexdeploy_group merge (30 hosts)": flexdeploy_merge,
    "flexdeploy_group racing create (10 hosts)": flexdeploy_racing_create,
    "plutora_environment shared host (10 hosts)": plutora_shared_host,
    "plutora_environment full host list (30 hosts)": plutora_full_host_list,
    "plutora_environment_group connection (5 hosts)": plutora_connections,
    "plutora_environment whole-record PUT (5 hosts)": plutora_environment_fields,
    "plutora_system whole-record PUT (4 hosts)": plutora_system_fields,
}


def converged(result):
    return (result["rc"] == 0 and result["failed"] == 0 and result["kept"] == result["wanted"]
            and result["twins"] == 0)


# One controller: every case converges exactly, and every reported change is a write made --------

@pytest.mark.parametrize("way", ["fast", "module"])
def test_thirty_hosts_merging_into_one_group_keep_every_addition(emu, tmp_path, way):
    result, proc, recap = flexdeploy_merge(emu, tmp_path, way)
    assert converged(result) and result["pairs_kept"] == 30, (result, proc.stdout[-3000:])
    patches = [r for r in emu.requests() if r["method"] == "PATCH"]
    # Each host wrote once (its own addition), and reported exactly that.
    assert result["reported"] == 30 == len(patches), result
    if way == "fast":  # converged is converged either way; once is enough for the suite's time
        again, _proc, recap = flexdeploy_merge_again(emu, tmp_path, way)
        assert again["reported"] == 0 and again["writes"] == 0, again


def flexdeploy_merge_again(emu, tmp_path, way):
    """The same play once more on the converged group: nothing to write."""
    emu.clear_log()
    task = {"name": "Each host adds its environment and permission",
            "envops.environments.flexdeploy_group": {
                "name": "Fleet Group", "deployment_environments": ["{{ code }}"],
                "global_permissions": "{{ permission }}"}}
    hosts = fleet(30, code=lambda n: "FLEET%02d" % n, permission=lambda n: {PAIRS[n][0]: [PAIRS[n][1]]})
    proc, recap = run_playbook(emu, hosts, FORKS, [task], tmp_path, connection(emu, "flexdeploy"), way,
                               name="again")
    return figures(emu, proc, recap, 0, 0), proc, recap


def test_fast_path_and_module_processes_share_the_lock(emu, tmp_path):
    result, proc, recap = flexdeploy_merge(emu, tmp_path, "fast", count=10, mixed=True, options=["-vvv"])
    ways = [line for line in proc.stdout.splitlines() if "envops fast path: running" in line]
    assert len(ways) == 10 and len([w for w in ways if w.endswith(" in the controller")]) == 5, ways
    assert converged(result) and result["pairs_kept"] == 10 and result["reported"] == 10 == result["writes"], \
        (result, proc.stdout[-3000:])


@pytest.mark.parametrize("way", ["fast", "module"])
def test_ten_hosts_creating_one_group_make_one(emu, tmp_path, way):
    result, proc, recap = flexdeploy_racing_create(emu, tmp_path, way)
    assert converged(result), (result, proc.stdout[-3000:])
    posts = [r for r in emu.requests() if r["method"] == "POST"]
    assert len(posts) == 1 and result["reported"] == 1, result


@pytest.mark.parametrize("way", ["fast", "module"])
def test_ten_hosts_ensuring_one_plutora_host_make_one(emu, tmp_path, way):
    result, proc, recap = plutora_shared_host(emu, tmp_path, way)
    assert converged(result) and result["reported"] == 1 == result["writes"], (result, proc.stdout[-3000:])


@pytest.mark.parametrize("way", ["fast", "module"])
def test_thirty_hosts_passing_thirty_plutora_hosts_make_thirty(emu, tmp_path, way):
    result, proc, recap = plutora_full_host_list(emu, tmp_path, way)
    assert converged(result) and result["reported"] == 1 and result["writes"] == 30, (result, proc.stdout[-3000:])


@pytest.mark.parametrize("way", ["fast", "module"])
def test_five_hosts_ensuring_one_connection_make_one(emu, tmp_path, way):
    result, proc, recap = plutora_connections(emu, tmp_path, way)
    assert converged(result) and result["reported"] == 1 == result["writes"], (result, proc.stdout[-3000:])


@pytest.mark.parametrize("way", ["fast", "module"])
@pytest.mark.parametrize("case", [plutora_environment_fields, plutora_system_fields], ids=["environment", "system"])
def test_hosts_changing_other_fields_of_one_plutora_record_keep_them_all(emu, tmp_path, way, case):
    result, proc, recap = case(emu, tmp_path, way)
    assert converged(result) and result["reported"] == result["wanted"] == result["writes"], \
        (result, proc.stdout[-3000:])


# A controller per host: no lock in common, creates settled by the twin rules --------------------------

@pytest.mark.parametrize("way", ["fast", "module"])
@pytest.mark.parametrize("case", [flexdeploy_racing_create, plutora_shared_host, plutora_connections],
                         ids=["flexdeploy group", "plutora host", "plutora connectivity"])
def test_creates_racing_from_separate_controllers_leave_one_record(emu, tmp_path, way, case):
    result, proc, recap = case(emu, tmp_path, way, env=controllers_env(tmp_path), race=True)
    assert converged(result), (result, proc.stdout[-3000:])
    # The race happened (several creates), and was settled: the one record left is the one reported.
    assert result["writes"] > 1, result


def main():
    """Print the figures of every case, both ways, as one controller and as one controller per host."""
    import tempfile
    from pathlib import Path

    from harness import Emulator

    rows = []
    with Emulator() as emu:
        for title, case in CASES.items():
            for way in ("fast", "module"):
                for setting in ("one controller", "a controller per host"):
                    emu.reset()
                    tmp = Path(tempfile.mkdtemp(prefix="fleet-"))
                    env = controllers_env(tmp) if setting != "one controller" else None
                    result = case(emu, tmp, way, env=env)[0]
                    rows.append(dict(result, case=title, way=way, setting=setting))
                    print(json.dumps(rows[-1]), flush=True)
    return rows


if __name__ == "__main__":
    main()
