# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Requests that rest on a "(guess)" of docs/api-reference.md, against a server without them.

The emulator's `guesses` switch (POST /_admin/config {"guesses": {name: false | status}}) turns each
guessed behaviour off. The modules must then fail clearly naming the missing endpoint, or skip that
part with a warning where the rest is still safe, and never create duplicates.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import urllib.error
import urllib.request

import pytest

from ansible.module_utils import basic

from cases import PlutoraSystemCase

GROUP = "Guess Group"
ENVS = ["Core Banking Env 001", "Core Banking Env 002"]
CONNECTIONS = [{"source": ENVS[0], "target": ENVS[1], "type": "HTTPS"}]


@pytest.fixture
def warnings(monkeypatch):
    seen = []
    monkeypatch.setattr(basic.AnsibleModule, "warn", lambda self, message: seen.append(message))
    return seen


def plutora(emu, **extra):
    return dict(PlutoraSystemCase().connection(emu), **extra)


def flexdeploy(emu, **extra):
    v = emu.connection_vars()
    return dict({"api_url": v["flexdeploy_api_url"], "username": v["flexdeploy_username"],
                 "password": v["flexdeploy_password"]}, **extra)


def group_module():
    from ansible_collections.envops.environments.plugins.modules import plutora_environment_group
    return plutora_environment_group


def group_info_module():
    from ansible_collections.envops.environments.plugins.modules import plutora_environment_group_info
    return plutora_environment_group_info


def target_module():
    from ansible_collections.envops.environments.plugins.modules import flexdeploy_target
    return flexdeploy_target


def plutora_get(emu, path):
    token = PlutoraSystemCase()._token(emu)
    request = urllib.request.Request(emu.connection_vars()["plutora_api_url"] + "/" + path,
                                     headers={"Authorization": "bearer " + token})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def connectivities(emu):
    with_guess = emu.admin("GET", "/_admin/config").get("guesses")
    emu.configure(guesses={})  # read the truth with every guess on
    try:
        return plutora_get(emu, "connectivities")
    finally:
        emu.configure(guesses=with_guess or {})


def writes(emu):
    return [(r["method"], r["path"], r["status"]) for r in emu.requests()
            if r["method"] != "GET" and not r["path"].endswith("/oauth/token")]


def test_the_switch_refuses_a_guess_it_does_not_know(emu):
    with pytest.raises(urllib.error.HTTPError) as caught:
        emu.configure(guesses={"plutora_connectivity_listing": False})
    assert caught.value.code == 400
    assert emu.admin("GET", "/_admin/config").get("guesses") is None


@pytest.mark.parametrize("status", [False, 404], ids=["405", "404"])
def test_existing_group_with_connections_fails_naming_the_endpoint_and_writes_nothing(emu, run_module, status):
    created, failed = run_module(group_module(), plutora(emu, name=GROUP, environments=ENVS, connections=CONNECTIONS))
    assert not failed, created
    assert len(connectivities(emu)) == 1
    emu.configure(guesses={"plutora_connectivities_list": status})
    emu.clear_log()
    result, failed = run_module(group_module(), plutora(emu, name=GROUP, environments=ENVS, connections=CONNECTIONS,
                                                        description="changed too"))
    assert failed, result
    expected = 405 if status is False else 404
    for word in ("GET connectivities", "HTTP %d" % expected, "duplicate", "nothing was written"):
        assert word in result["msg"], (word, result["msg"])
    assert writes(emu) == []
    assert len(connectivities(emu)) == 1


def test_new_group_without_the_list_call_creates_each_connection_once_and_warns(emu, run_module, warnings):
    emu.configure(guesses={"plutora_connectivities_list": False})
    created, failed = run_module(group_module(), plutora(emu, name=GROUP, environments=ENVS, connections=CONNECTIONS))
    assert not failed, created
    assert created["changed"]
    assert created["environment_group"]["connections"] == [
        {"source": ENVS[0], "target": ENVS[1], "type": "HTTPS", "direction": "InAndOut"}]
    assert any("GET connectivities" in w and "could not be read back" in w for w in warnings), warnings
    assert len(connectivities(emu)) == 1
    # A later run cannot tell what exists: it fails instead of creating the connection again.
    again, failed = run_module(group_module(), plutora(emu, name=GROUP, environments=ENVS, connections=CONNECTIONS))
    assert failed and "GET connectivities" in again["msg"]
    assert len(connectivities(emu)) == 1
    # Without connections the group is still managed normally.
    plain, failed = run_module(group_module(), plutora(emu, name=GROUP, environments=ENVS))
    assert not failed and plain["changed"] is False, plain


@pytest.mark.parametrize("status", [False, 404], ids=["405", "404"])
def test_group_update_without_put_fails_naming_the_endpoint(emu, run_module, status):
    created, failed = run_module(group_module(), plutora(emu, name=GROUP, environments=ENVS[:1]))
    assert not failed, created
    emu.configure(guesses={"plutora_environmentgroup_put": status})
    emu.clear_log()
    result, failed = run_module(group_module(), plutora(emu, name=GROUP, environments=ENVS, connections=CONNECTIONS))
    assert failed, result
    assert "PUT environmentgroups/{id}" in result["msg"] and "was not changed" in result["msg"]
    # The refused PUT is the only write attempted: no connectivity was created after it.
    assert [(m, p.split("/")[2]) for m, p, _s in writes(emu)] == [("PUT", "environmentgroups")]
    assert connectivities(emu) == []


def test_the_guesses_on_the_modules_still_work_by_default(emu, run_module, warnings):
    created, failed = run_module(group_module(), plutora(emu, name=GROUP, environments=ENVS[:1]))
    assert not failed
    updated, failed = run_module(group_module(), plutora(emu, name=GROUP, environments=ENVS, connections=CONNECTIONS))
    assert not failed and updated["changed"], updated
    again, failed = run_module(group_module(), plutora(emu, name=GROUP, environments=ENVS, connections=CONNECTIONS))
    assert not failed and again["changed"] is False
    assert warnings == []


@pytest.mark.parametrize("status", [False, 404], ids=["405", "404"])
def test_group_info_without_the_list_call_leaves_connections_out_and_warns(emu, run_module, warnings, status):
    created, failed = run_module(group_module(), plutora(emu, name=GROUP, environments=ENVS, connections=CONNECTIONS))
    assert not failed, created
    emu.configure(guesses={"plutora_connectivities_list": status})
    result, failed = run_module(group_info_module(), plutora(emu, name=GROUP))
    assert not failed, result
    assert "connections" not in result["environment_groups"][0]["module_args"]
    expected = 405 if status is False else 404
    assert [w for w in warnings if "GET connectivities" in w and "HTTP %d" % expected in w], warnings


@pytest.mark.parametrize("status", [400, 500])
def test_group_info_fails_on_other_errors_of_the_list_call(emu, run_module, warnings, status):
    """One rule for guessed endpoints: only 404/405 mean the server lacks it (MissingEndpointError)."""
    run_module(group_module(), plutora(emu, name=GROUP, environments=ENVS, connections=CONNECTIONS))
    emu.configure(guesses={"plutora_connectivities_list": status})
    result, failed = run_module(group_info_module(), plutora(emu, name=GROUP))
    assert failed, result
    assert result["status"] == status and "connectivities" in result["url"], result
    assert warnings == []


# A PUT of the whole target that changes only its endpoints: every property, MDS_PASS (encrypted,
# credential 74952) included, is sent as it is so that the PUT keeps it.
REPLACE = dict(environment="DEV", instance="SOA", mode="replace", endpoints=[{"id": 10101, "resource_ids": [11223]}])


def mds_pass(target):
    return next(p for p in target["properties"] if p["propertyName"] == "MDS_PASS")


def test_replace_on_a_server_that_clears_kept_credentials_puts_them_back_and_warns(emu, run_module, warnings):
    emu.configure(guesses={"flexdeploy_target_put_keeps_credential": False})
    emu.clear_log()
    result, failed = run_module(target_module(), flexdeploy(emu, **REPLACE))
    assert not failed, result
    assert [m for m, _p, _s in writes(emu)] == ["PUT", "PATCH"]
    assert mds_pass(result["target"])["credentialId"] == 74952
    assert any("MDS_PASS" in w and "PATCH" in w for w in warnings), warnings
    emu.clear_log()
    again, failed = run_module(target_module(), flexdeploy(emu, **REPLACE))
    assert not failed and again["changed"] is False and writes(emu) == []


def test_replace_pointing_at_a_credential_survives_a_server_without_the_guess(emu, run_module, warnings):
    emu.configure(guesses={"flexdeploy_target_put_keeps_credential": False})
    args = dict(REPLACE, properties={"MDS_PASS": {"credential_id": 52268}})
    result, failed = run_module(target_module(), flexdeploy(emu, **args))
    assert not failed, result
    assert mds_pass(result["target"])["credentialId"] == 52268
    assert warnings


def test_replace_keeps_credentials_with_one_put_where_the_guess_holds(emu, run_module, warnings):
    emu.clear_log()
    result, failed = run_module(target_module(), flexdeploy(emu, **REPLACE))
    assert not failed, result
    assert [m for m, _p, _s in writes(emu)] == ["PUT"]
    assert mds_pass(result["target"])["credentialId"] == 74952
    assert warnings == []


# RPM server writes: POST /v1/servers, PUT and DELETE /v1/servers/{id} (docs/api-reference.md: a guess) ------

def rpm(emu, **extra):
    return emu.module_options("rpm", **extra)


def server_module():
    from ansible_collections.envops.environments.plugins.modules import rpm_server
    return rpm_server


def rpm_servers(emu):
    """Every server, active or not, read with every guess on (reads are documented anyway)."""
    url = "%s/brpm/v1/servers?token=%s&filters[active]=true&filters[inactive]=true" % (
        emu.url, emu.connection_vars()["rpm_token"])
    with urllib.request.urlopen(url, timeout=30) as response:
        return dict((s["name"], s) for s in json.loads(response.read()))


@pytest.mark.parametrize("status", [False, 404], ids=["405", "404"])
@pytest.mark.parametrize("args,method,request_named", [
    (dict(name="qa2-app-01", dns="qa2-app-01.example.com"), "POST", 'POST /v1/servers with {"server": {...}}'),
    (dict(name="qa-app-01", dns="changed.example.com"), "PUT", 'PUT /v1/servers/{id} with {"server": {...}}'),
    (dict(name="qa-app-01", state="absent"), "DELETE", "DELETE /v1/servers/{id}"),
], ids=["create", "update", "deactivate"])
def test_server_writes_on_a_server_without_them_fail_naming_the_request(
        emu, run_module, status, args, method, request_named):
    before = rpm_servers(emu)
    emu.configure(guesses={"rpm_server_writes": status})
    emu.clear_log()
    result, failed = run_module(server_module(), rpm(emu, **args))
    assert failed, result
    expected = 405 if status is False else 404
    for word in (request_named, "HTTP %d" % expected, "this RPM server does not have", "token=********"):
        assert word in result["msg"], (word, result["msg"])
    # The one refused write and nothing after it; the servers are as they were.
    assert [(m, s) for m, _p, s in writes(emu)] == [(method, expected)]
    assert rpm_servers(emu) == before


def test_server_writes_still_read_and_converge_without_the_guess(emu, run_module):
    """A server already as wanted needs no write, so a server without the guessed writes converges."""
    emu.configure(guesses={"rpm_server_writes": False})
    result, failed = run_module(server_module(), rpm(emu, name="qa-app-01", dns="qa-app-01.example.local",
                                                     os_platform="Linux", active=True))
    assert not failed and result["changed"] is False, result
    assert writes(emu) == []


def test_a_server_that_takes_the_put_but_not_its_fields_fails_naming_them(emu, run_module):
    # The server answers 202 with the record unchanged, as one that ignores the body's keys would.
    unchanged = rpm_servers(emu)["qa-app-01"]
    emu.inject(method="PUT", path="^/brpm/v1/servers/4$", status=202, body=json.dumps(unchanged))
    result, failed = run_module(server_module(), rpm(emu, name="qa-app-01", dns="new.example.com"))
    assert failed, result
    for word in ("without taking dns='new.example.com'", "qa-app-01.example.local", "rests on a guess",
                 "Nothing more was sent"):
        assert word in result["msg"], (word, result["msg"])
    assert [(m, s) for m, _p, s in writes(emu)] == [("PUT", 202)]


def test_a_server_that_answers_the_delete_but_keeps_the_server_active_fails(emu, run_module):
    emu.inject(method="DELETE", path="^/brpm/v1/servers/4$", status=202, body="")
    result, failed = run_module(server_module(), rpm(emu, name="qa-app-01", state="absent"))
    assert failed, result
    assert "DELETE /v1/servers/{id}" in result["msg"] and "active=False" in result["msg"], result["msg"]
    assert rpm_servers(emu)["qa-app-01"]["active"] is True
