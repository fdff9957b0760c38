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

import base64
import json
import urllib.error
import urllib.request
from urllib.parse import urlencode


def api_get(url, headers=None):
    """GET a JSON document from the emulator; None for RPM's blank 404."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=30) as response:
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
    identity = "name"
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
        args[self.identity] = name
        args.update(variant)
        return args

    def records(self, emu):
        """Every record of the create path's collection, active or not, straight from the API."""
        query = urlencode({"token": emu.connection_vars()["rpm_token"], "filters[active]": "true",
                           "filters[inactive]": "true"})
        return api_get("%s%s?%s" % (emu.url, self.create_path, query)) or []

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


class PlutoraSystemCase(RpmEnvironmentCase):
    """plutora_system: a system with a vendor, a status and an organization (by name)."""

    module_name = "plutora_system"
    product = "plutora"
    create_path = "/plutora/systems"

    VARIANTS = [
        dict(vendor="Vendor One", status="Active", organization="ABC Group", description="one"),
        dict(vendor="Vendor Two", status="Inactive", organization="Advice Systems"),
        dict(description="only a description (cannot create)"),
        dict(state="absent"),
    ]
    FINAL = dict(vendor="Final Vendor", status="Active", organization="Advice Systems", description="final")

    def module(self):
        from ansible_collections.envops.environments.plugins.modules import plutora_system
        return plutora_system

    def connection(self, emu, **extra):
        v = emu.connection_vars()
        args = {"api_url": v["plutora_api_url"], "client_id": v["plutora_client_id"],
                "client_secret": v["plutora_client_secret"], "username": v["plutora_username"],
                "password": v["plutora_password"]}
        args.update(extra)
        return args

    def _token(self, emu):
        v = emu.connection_vars()
        form = urlencode({"grant_type": "password", "client_id": v["plutora_client_id"],
                          "client_secret": v["plutora_client_secret"], "username": v["plutora_username"],
                          "password": v["plutora_password"]}).encode()
        with urllib.request.urlopen(v["plutora_api_url"] + "/oauth/token", data=form, timeout=30) as response:
            return json.loads(response.read())["access_token"]

    def records(self, emu):
        headers = {"Authorization": "bearer " + self._token(emu)}
        base = emu.connection_vars()["plutora_api_url"]
        return [api_get("%s/systems/%s" % (base, s["id"]), headers) for s in api_get(base + "/systems", headers)]

    def matches(self, record, wanted):
        return (record["vendor"] == wanted["vendor"] and record["status"] == wanted["status"]
                and record["organization"] == wanted["organization"]
                and record["description"] == wanted["description"])


class FlexDeployEnvironmentCase(RpmEnvironmentCase):
    """flexdeploy_environment: an environment (identity: its code) with its instances."""

    module_name = "flexdeploy_environment"
    product = "flexdeploy"
    identity = "code"
    create_path = "/flexdeploy/rest/v1/topology/environment"

    VARIANTS = [
        dict(name="Random One", description="one", sort_number=5, instances=["OSB"]),
        dict(name="Random Two", description="two", active=True, instances=["WLS", "DB"], mode="replace"),
        dict(description="only a description (cannot create)"),
        dict(state="absent"),
    ]
    FINAL = dict(name="Final Name", description="final", sort_number=7, build_environment=False,
                 instances=["SOA", "DB"], active=True, mode="replace")
    INSTANCE_IDS = {"SOA": 12342, "WLS": 15100, "OSB": 15101, "EBS": 15102, "DB": 15103}

    def module(self):
        from ansible_collections.envops.environments.plugins.modules import flexdeploy_environment
        return flexdeploy_environment

    def connection(self, emu, **extra):
        v = emu.connection_vars()
        args = {"api_url": v["flexdeploy_api_url"], "username": v["flexdeploy_username"],
                "password": v["flexdeploy_password"]}
        args.update(extra)
        return args

    def records(self, emu):
        v = emu.connection_vars()
        pair = "%s:%s" % (v["flexdeploy_username"], v["flexdeploy_password"])
        headers = {"Authorization": "Basic " + base64.b64encode(pair.encode()).decode()}
        return [dict(r, name=r["environmentCode"])
                for r in api_get(v["flexdeploy_api_url"] + "/rest/v1/topology/environment", headers)]

    def matches(self, record, wanted):
        return (record["environmentName"] == wanted["name"] and record["description"] == wanted["description"]
                and record["sortNumber"] == wanted["sort_number"] and record["isActive"] is wanted["active"]
                and record["isBuildEnvironment"] is wanted["build_environment"]
                and sorted(record["instances"]) == sorted(self.INSTANCE_IDS[i] for i in wanted["instances"]))


class RpmServerCase(RpmEnvironmentCase):
    """rpm_server: a server with its DNS name, IP address and platform (its writes rest on a guess)."""

    module_name = "rpm_server"
    create_path = "/brpm/v1/servers"

    VARIANTS = [
        dict(dns="one.example.com", ip_address="10.1.0.1", os_platform="Linux"),
        dict(dns="two.example.com", os_platform="Windows", active=True),
        dict(ip_address="10.1.0.3", active=False),
        dict(state="absent"),
    ]
    FINAL = dict(dns="final.example.com", ip_address="10.9.9.9", os_platform="Linux", active=True)

    def module(self):
        from ansible_collections.envops.environments.plugins.modules import rpm_server
        return rpm_server

    def matches(self, record, wanted):
        return all(record[key] == wanted[key] for key in ("dns", "ip_address", "os_platform", "active"))


CASES = [RpmEnvironmentCase(), PlutoraSystemCase(), FlexDeployEnvironmentCase(), RpmServerCase()]
