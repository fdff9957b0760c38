# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Plutora part of the emulator against docs/api-reference.md (the primer and the notes beyond it), request by request."""

from __future__ import absolute_import, division, print_function

import pytest
import requests

from emulator.plutora import parse_filter

ABC_GROUP = "9d3879c9-bb43-4243-afd8-0f1ee6273663"
DEV = "fa69ee6d-7218-4002-9fbd-200eadc10e33"
ACTIVE = "b060ed8b-6e3b-454d-af0f-e90938eb7b47"
APPLICATION = "891f375c-58a8-4425-a8ec-5459ab04510b"
HTTPS = "3090441f-e2eb-43ba-aa4e-eaf22e0bac36"


class Client:
    def __init__(self, emu):
        v = emu.connection_vars()
        self.base = v["plutora_api_url"]
        token = requests.post(self.base + "/oauth/token", data={
            "grant_type": "password", "client_id": v["plutora_client_id"],
            "client_secret": v["plutora_client_secret"], "username": v["plutora_username"],
            "password": v["plutora_password"]}).json()["access_token"]
        self.headers = {"Authorization": "bearer " + token}

    def __call__(self, method, path, **kwargs):
        return requests.request(method, self.base + "/" + path, headers=self.headers, **kwargs)


@pytest.fixture
def api(emu):
    return Client(emu)


def primer_environment(api):
    """The primer's objects: My System, My Environment, My Host, the My Application layer."""
    system = api("POST", "systems", json={"Name": "My System", "Vendor": "Plutora", "Status": "Active",
                                          "OrganizationId": ABC_GROUP}).json()
    env = api("POST", "environments", json={
        "Name": "My Environment", "Vendor": "Plutora", "LinkedSystemId": system["id"] + " ",
        "UsageWorkItemId": DEV, "EnvironmentStatusId": ACTIVE, "Color": "#ffffff",
        "IsSharedEnvironment": "true"}).json()
    host = api("POST", "hosts", json={"Name": "My Host", "EnvironmentID": env["id"]}).json()
    layer = api("POST", "layers", json={"ComponentName": "My Application", "HostID": host["id"],
                                        "EnvironmentID": env["id"], "StackLayerID": APPLICATION,
                                        "Version": "1.0"}).json()
    return system, env, host, layer


def test_primer_responses(api):
    system, env, host, layer = primer_environment(api)
    assert system["organization"] == "ABC Group" and system["description"] is None
    # POST environments: names null, hosts null, "true" became a boolean.
    assert env["linkedSystem"] is None and env["usageWorkItem"] is None and env["environmentStatus"] is None
    assert env["hosts"] is None and env["isSharedEnvironment"] is True
    assert host["layers"] is None
    assert layer["stackLayer"] is None and layer["stackLayerType"] is None and layer["version"] == "1.0"


def test_short_list_form_and_full_record(api):
    _system, env, host, layer = primer_environment(api)
    listed = api("GET", "environments", params={"filter": "`name` Equals `My Environment`"}).json()
    assert listed == [{"id": env["id"], "name": "My Environment", "url": None, "linkedSystem": "My System",
                       "usageWorkItem": "Dev", "status": "Active", "color": "#ffffff"}]
    full = api("GET", "Environments/" + env["id"].upper()).json()
    assert full["linkedSystem"] == "My System" and full["environmentStatus"] == "Active"
    assert full["hosts"][0]["id"] == host["id"]
    assert full["hosts"][0]["layers"][0]["stackLayer"] == "Application"
    assert full["hosts"][0]["layers"][0]["id"] == layer["id"]


def test_put_environment_answers_no_body_and_leaves_hosts(api):
    _system, env, _host, _layer = primer_environment(api)
    full = api("GET", "environments/" + env["id"]).json()
    full["description"] = "Here is the description of My Environment"
    full["color"] = "#ffff00"
    full["hosts"] = []
    answer = api("PUT", "environments/" + env["id"], json=full)
    assert answer.status_code in (200, 204) and answer.text == ""
    after = api("GET", "environments/" + env["id"]).json()
    assert after["color"] == "#ffff00" and after["description"] == "Here is the description of My Environment"
    assert len(after["hosts"]) == 1 and after["hosts"][0]["layers"][0]["componentName"] == "My Application"


def test_put_layer_changes_the_version(api):
    _system, _env, _host, layer = primer_environment(api)
    current = api("GET", "layers/" + layer["id"]).json()
    current["version"] = "2.0"
    assert api("PUT", "layers/" + layer["id"], json=current).text == ""
    assert api("GET", "layers/" + layer["id"]).json()["version"] == "2.0"


def test_body_keys_in_any_case(api):
    _system, env, _host, _layer = primer_environment(api)
    answer = api("POST", "hosts", json={"nAmE": "Odd Host", "environmentid": env["id"]})
    assert answer.status_code == 201 and answer.json()["name"] == "Odd Host"


def test_required_fields_in_the_aspnet_shape(api):
    answer = api("POST", "environments", json={"name": "Half"})
    assert answer.status_code == 400
    body = answer.json()
    assert body["Message"] == "The request is invalid."
    assert body["ModelState"]["environment.LinkedSystemId"] == ["The LinkedSystemId field is required."]
    assert "environment.Name" not in body["ModelState"]


def test_paging_envelope_and_limit(api):
    page = api("GET", "environments", params={"pageNum": 1, "recordsPerPage": 50}).json()
    assert page["pageNum"] == 1 and page["recordsPerPage"] == 50 and page["returnCount"] == 50
    assert page["totalCount"] == 120 and page["resultSet"][0]["name"] == "Core Banking Env 051"
    assert api("GET", "environments", params={"pageNum": 0, "recordsPerPage": 101}).status_code == 400
    assert isinstance(api("GET", "environments").json(), list)


def test_filter_operators(api):
    def names(text):
        return [e["name"] for e in api("GET", "environments", params={"filter": text}).json()]
    assert names("`name` Contains `env 11`") == ["Core Banking Env %03d" % n for n in range(110, 120)]
    either = names("`name` ~ `Env 001` or `name` = `core banking env 120`")
    assert either == ["Core Banking Env 001", "Core Banking Env 120"]
    # The seed gives the odd-numbered environments the UAT usage.
    assert names("`name` ~ `Env 00` and `name` !~ `Env 005` and `usageWorkItem` Equals `UAT`") == [
        "Core Banking Env 001", "Core Banking Env 003", "Core Banking Env 007", "Core Banking Env 009"]
    assert names("`url` HasValue") == []
    assert len(names("`url` HasNoValue")) == 120
    assert api("GET", "environments", params={"filter": "`name` Resembles `x`"}).status_code == 400


def test_and_binds_tighter_than_or():
    assert parse_filter("`a` = `1` or `b` = `2` and `c` = `3`") == [
        [("a", "eq", "1")], [("b", "eq", "2"), ("c", "eq", "3")]]


def test_lookups_and_organizations(api):
    fields = [f["name"] for f in api("GET", "lookupfields").json()]
    assert {"UsedForWorkItem", "EnvironmentStatus", "StackLayer", "EnvironmentMapConnectivityType"} <= set(fields)
    stack = api("GET", "lookupfields/StackLayer").json()
    assert [v["value"] for v in stack] == ["Application", "Database", "Middleware", "Network", "Operating System"]
    assert api("GET", "organizations").json()[0] == {"id": ABC_GROUP, "name": "ABC Group", "type": "Company"}


def test_group_and_connectivity(api):
    _system, env, _host, _layer = primer_environment(api)
    second = api("POST", "environments", json={
        "Name": "My second Environment", "Vendor": "Plutora", "LinkedSystemId": env["linkedSystemId"],
        "UsageWorkItemId": DEV, "EnvironmentStatusId": ACTIVE, "Color": "#ffffff",
        "IsSharedEnvironment": "true"}).json()
    assert api("POST", "environmentgroups", json={"Name": "No envs"}).status_code == 400
    group = api("POST", "environmentgroups", json={
        "Name": "My Environment Group", "Description": "My Environment Group description", "Color": "#ffffff",
        "EnvironmentIDs": [env["id"], second["id"]]}).json()
    assert group["environmentIDs"] == [env["id"], second["id"]]
    answer = api("POST", "connectivities", json={"environmentGroup": group["id"], "source": env["id"],
                                                 "target": second["id"], "connectivityType": HTTPS,
                                                 "direction": "InAndOut"})
    assert answer.status_code in (200, 201, 204) and answer.text == ""
    # The later spelling of the keys is accepted too.
    api("POST", "connectivities", json={"environmentGroupId": group["id"], "sourceId": second["id"],
                                        "targetId": env["id"], "connectivityTypeId": HTTPS, "direction": "Out"})
    read = api("GET", "connectivities", params={"filter": "`environmentGroupId` Equals `%s`" % group["id"]}).json()
    assert sorted((c["source"], c["target"], c["connectivityType"], c["direction"]) for c in read) == [
        ("My Environment", "My second Environment", "HTTPS", "InAndOut"),
        ("My second Environment", "My Environment", "HTTPS", "Out")]


def test_expired_token_and_plutora_info(emu, api):
    assert api("GET", "me").json() == emu.connection_vars()["plutora_username"]
    bad = requests.get(api.base + "/me", headers=dict(api.headers, **{"Plutora-Info": "script.name=<x>"}))
    assert bad.status_code == 400
    emu.admin("POST", "/_admin/expire_tokens")
    denied = api("GET", "me")
    assert denied.status_code == 401 and denied.json() == {"Message": "Authorization has been denied for this request."}
