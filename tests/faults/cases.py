# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The resource modules under fault injection: how to call each one and how to read back what exists.

A case knows a module's connection arguments, the arguments of a few desired variants of one
resource, and how to list every record of that resource type straight from the API (to count
duplicates and check the final state without going through the module under test).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import urllib.request
from urllib.parse import urlencode


def api_get(url):
    """GET a JSON document from the emulator; None for RPM's blank 404."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            text = response.read().decode()
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return None
        raise
    return json.loads(text) if text.strip() else None


class RpmEnvironmentCase:
    """rpm_environment: an environment with a policy, a type, servers and server groups."""

    module_name = "rpm_environment"
    product = "rpm"
    # Where this module's creates go (a POST here must never be processed twice per run).
    create_path = "/brpm/v1/environments"

    VARIANTS = [
        dict(deployment_policy="opened", environment_type="Testing", servers=["qa-app-01"]),
        dict(deployment_policy="closed", environment_type="Staging", servers=["qa-app-01", "qa-db-01"],
             server_groups=["QA Web"], default_server_group="QA Web"),
        dict(deployment_policy="opened", servers=[], server_groups=["QA Data"]),
        dict(state="absent"),
    ]
    FINAL = dict(deployment_policy="closed", environment_type="Testing", servers=["qa-db-01", "uat-app-01"],
                 server_groups=["QA Web", "QA Data"], default_server_group="QA Data", active=True)

    def module(self):
        from ansible_collections.envops.environments.plugins.modules import rpm_environment
        return rpm_environment

    def connection(self, emu, **extra):
        args = {"api_url": emu.url + "/brpm", "token": emu.connection_vars()["rpm_token"]}
        args.update(extra)
        return args

    def args(self, emu, name, variant, **extra):
        args = self.connection(emu, **extra)
        args["name"] = name
        args.update(variant)
        return args

    def records(self, emu):
        """Every environment, active or not, straight from the API."""
        query = urlencode({"token": emu.connection_vars()["rpm_token"], "filters[active]": "true",
                           "filters[inactive]": "true"})
        return api_get("%s/brpm/v1/environments?%s" % (emu.url, query)) or []

    def named(self, emu, name):
        return [r for r in self.records(emu) if r["name"].lower() == name.lower()]

    def matches(self, record, wanted):
        """Whether a record is exactly the desired state `wanted` (a FINAL-like dict)."""
        groups = dict((g["id"], g["name"]) for g in record["server_groups"])
        return (record["active"] is wanted.get("active", True)
                and record["deployment_policy"] == wanted["deployment_policy"]
                and (record["environment_type"] or {}).get("name") == wanted["environment_type"]
                and sorted(s["name"] for s in record["servers"]) == sorted(wanted["servers"])
                and sorted(groups.values()) == sorted(wanted["server_groups"])
                and groups.get(record["default_server_group_id"]) == wanted["default_server_group"])


CASES = [RpmEnvironmentCase()]
