# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The module_args option of every *_info module: false gives the same records without module_args,
and sends none of the requests that naming related records takes."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.envops.environments.plugins.modules import (
    flexdeploy_environment_info,
    flexdeploy_group_info,
    flexdeploy_target_info,
    plutora_environment_group_info,
    plutora_environment_info,
    plutora_system_info,
    rpm_environment_info,
    rpm_server_info,
)
from seed_api import ApiSeeder

FD = "/flexdeploy/rest/v1/"
# (product, module, result key, filters, requests that only module_args needs: (path, query or None for any)).
CASES = [
    ("rpm", rpm_environment_info, "environments", {},
     [("/brpm/v1/servers", None), ("/brpm/v1/server_groups", None), ("/brpm/v1/environment_types", None)]),
    # A server's module_args names no related record: nothing to skip.
    ("rpm", rpm_server_info, "servers", {"name": "qa-%"}, []),
    ("plutora", plutora_system_info, "systems", {"name": "Core Banking"}, [("/plutora/organizations", None)]),
    ("plutora", plutora_environment_info, "environments", {"name": "Core Banking Env 001"},
     [("/plutora/systems", None), ("/plutora/lookupfields/UsedForWorkItem", None),
      ("/plutora/lookupfields/EnvironmentStatus", None)]),
    ("plutora", plutora_environment_group_info, "environment_groups", {"name": "Option Train"},
     [("/plutora/connectivities", None), ("/plutora/lookupfields/EnvironmentMapConnectivityType", None)]),
    ("flexdeploy", flexdeploy_environment_info, "environments", {"code": "QA"}, [(FD + "topology/instance", None)]),
    # The environment is looked up by a filtered search; module_args needs the full list as well.
    # The environment's code is picked from the full list (the exact code filter misses a code stored
    # with surrounding blanks), the list module_args names environments from: nothing left to skip.
    ("flexdeploy", flexdeploy_target_info, "targets", {"environment": "DEV"}, []),
    # By id, module_args also searches for groups sharing its name.
    ("flexdeploy", flexdeploy_group_info, "groups", {"id": 10000},
     [(FD + "topology/environment", None), (FD + "administration/security/group", None)]),
]


def seed_group(emu):
    """A Plutora environment group of two seeded environments with a connectivity between them."""
    api = ApiSeeder(emu)
    members = [e["id"] for e in api.plutora("GET", "environments")
               if e["name"] in ("Core Banking Env 001", "Core Banking Env 002")]
    group = api.plutora("POST", "environmentgroups", {"Name": "Option Train", "EnvironmentIDs": members})
    api.plutora("POST", "connectivities", {
        "environmentGroup": group["id"], "source": members[0], "target": members[1], "direction": "InAndOut",
        "connectivityType": api.plutora_lookup("EnvironmentMapConnectivityType", "HTTPS")})


def requested(emu):
    return [(r["method"], r["path"], r["query"]) for r in emu.requests()]


def sent(log, path, query):
    return any(p.lower() == path.lower() and (query is None or q == query) for _m, p, q in log)


@pytest.mark.parametrize("product, module, key, filters, lookups", CASES,
                         ids=[case[1].__name__.split(".")[-1] for case in CASES])
def test_false_gives_the_records_without_module_args_and_skips_their_lookups(
        emu, run_module, product, module, key, filters, lookups):
    seed_group(emu)
    emu.clear_log()
    full, failed = run_module(module, emu.module_options(product, **filters))
    assert not failed, full.get("msg")
    full_log = requested(emu)
    emu.clear_log()
    lean, failed = run_module(module, emu.module_options(product, module_args=False, **filters))
    assert not failed, lean.get("msg")
    lean_log = requested(emu)

    assert full[key] and all(record.get("module_args") for record in full[key])
    assert lean[key] == [dict((k, v) for k, v in record.items() if k != "module_args") for record in full[key]]
    for path, query in lookups:
        assert sent(full_log, path, query), (path, full_log)
        assert not sent(lean_log, path, query), (path, lean_log)
    # Nothing else changes: the lean task sends a part of the full task's requests, all reads.
    assert all(request in full_log for request in lean_log)
    assert len(lean_log) < len(full_log) if lookups else len(lean_log) == len(full_log)
    assert all(method == "GET" or path.endswith("/oauth/token") for method, path, _q in lean_log)


@pytest.mark.parametrize("value", ["no", "sometimes"])
def test_the_option_is_a_boolean(emu, run_module, value):
    result, failed = run_module(rpm_environment_info, emu.module_options("rpm", module_args=value))
    if value == "no":
        assert not failed and all("module_args" not in record for record in result["environments"])
    else:
        assert failed and "module_args" in result["msg"]
