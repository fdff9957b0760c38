# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The RPM emulator's servers: the reads of BMC's REST servers page, and the guessed writes
(docs/api-reference.md: POST/PUT {"server": {...}}, a DELETE that deactivates) with their `rpm_server_writes` switch."""

from __future__ import absolute_import, division, print_function

import json

import pytest

from emulator import create_app
from emulator.credentials import CREDENTIALS

BASE = "/brpm/v1"
TOKEN = {"token": CREDENTIALS["rpm_token"]}


@pytest.fixture
def client():
    return create_app().test_client()


def call(client, method, path, body=None, **query):
    return client.open(BASE + path, method=method, query_string=dict(TOKEN, **query),
                       data=json.dumps(body) if body is not None else None, content_type="application/json")


def switch_writes(client, value):
    answer = client.post("/_admin/config", json={"guesses": {"rpm_server_writes": value}})
    assert answer.status_code == 200


def test_server_search_reads_like_the_servers_page(client):
    found = call(client, "GET", "/servers", **{"filters[name]": "QA-%"})
    assert found.status_code == 200
    assert [s["name"] for s in found.get_json()] == ["qa-app-01", "qa-db-01"]
    assert set(found.get_json()[0]) == {"id", "name", "dns", "ip_address", "os_platform", "active"}
    nothing = call(client, "GET", "/servers", **{"filters[name]": "nope"})
    assert (nothing.status_code, nothing.get_data(as_text=True)) == (404, " ")
    bad = client.get(BASE + "/servers", query_string={"token": "wrong"})
    assert bad.status_code == 403 and b"Invalid API Key" in bad.get_data()


def test_server_create_update_and_deactivate(client):
    created = call(client, "POST", "/servers", {"server": {"name": "  qa2-app-01 ", "dns": "qa2.example.com"}})
    assert created.status_code == 201
    server = created.get_json()
    assert server["name"] == "qa2-app-01" and server["active"] is True and server["ip_address"] is None
    updated = call(client, "PUT", "/servers/%d" % server["id"], {"server": {"ip_address": "10.0.0.21"}})
    assert updated.status_code == 202 and updated.get_json()["ip_address"] == "10.0.0.21"
    gone = call(client, "DELETE", "/servers/%d" % server["id"])
    assert (gone.status_code, gone.get_data(as_text=True)) == (202, "")
    # Deactivated, not deleted: only the inactive flag finds it.
    assert call(client, "GET", "/servers", **{"filters[name]": "qa2-app-01"}).status_code == 404
    inactive = call(client, "GET", "/servers", **{"filters[name]": "qa2-app-01", "filters[inactive]": "true"})
    assert [s["active"] for s in inactive.get_json()] == [False]


def test_server_writes_are_validated_as_environments_are(client):
    taken = call(client, "POST", "/servers", {"server": {"name": "QA-APP-01"}})
    assert taken.status_code == 422 and taken.get_json() == {"name": ["has already been taken"]}
    blank = call(client, "POST", "/servers", {"server": {"dns": "x"}})
    assert blank.status_code == 422 and blank.get_json() == {"name": ["can't be blank"]}
    unknown = call(client, "POST", "/servers", {"server": {"name": "x", "hostname": "x"}})
    assert unknown.status_code == 500 and "hostname" in unknown.get_data(as_text=True)
    missing = call(client, "PUT", "/servers/999", {"server": {"dns": "x"}})
    assert (missing.status_code, missing.get_data(as_text=True)) == (404, " ")


def test_server_environment_ids_set_the_environments_that_hold_it(client):
    server = call(client, "POST", "/servers", {"server": {"name": "qa2-db-01", "environment_ids": [2]}}).get_json()
    production = call(client, "GET", "/environments/2").get_json()
    assert server["id"] in [s["id"] for s in production["servers"]]
    call(client, "PUT", "/servers/%d" % server["id"], {"server": {"environment_ids": [1]}})
    assert server["id"] not in [s["id"] for s in call(client, "GET", "/environments/2").get_json()["servers"]]
    assert server["id"] in [s["id"] for s in call(client, "GET", "/environments/1").get_json()["servers"]]


@pytest.mark.parametrize("value,status", [(False, 405), (404, 404)])
def test_without_the_guessed_writes_every_server_write_is_refused_and_reads_still_work(client, value, status):
    switch_writes(client, value)
    for method, path, body in (("POST", "/servers", {"server": {"name": "x"}}),
                               ("PUT", "/servers/4", {"server": {"dns": "x"}}), ("DELETE", "/servers/4", None)):
        answer = call(client, method, path, body)
        assert answer.status_code == status, (method, path)
        assert "No route matches [%s]" % method in answer.get_json()["message"]
    assert call(client, "GET", "/servers/4").get_json()["dns"] == "qa-app-01.example.local"
    assert call(client, "GET", "/servers/4").get_json()["active"] is True
