# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/plutora.py against the emulator: tokens, paging, filters and name resolution."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.envops.environments.plugins.module_utils import plutora
from ansible_collections.envops.environments.plugins.module_utils.errors import AuthenticationError, InputError
from ansible_collections.envops.environments.plugins.module_utils.redaction import Redactor


def params(emu, **extra):
    v = emu.connection_vars()
    base = {"api_url": v["plutora_api_url"], "auth_url": None, "client_id": v["plutora_client_id"],
            "client_secret": v["plutora_client_secret"], "username": v["plutora_username"],
            "password": v["plutora_password"], "access_token": None, "validate_certs": True, "ca_path": None,
            "timeout": 10}
    base.update(extra)
    return base


def api_for(emu, **extra):
    redactor = Redactor()
    return plutora.build_api(params(emu, **extra), redactor), redactor


def log(emu):
    return [(r["method"], r["path"].lower(), r["status"]) for r in emu.requests()]


def test_is_guid_and_filter_text():
    assert plutora.is_guid("a99b8e84-bec3-4085-8df1-969ae176d119")
    assert plutora.is_guid(" A99B8E84-BEC3-4085-8DF1-969AE176D119 ")
    assert not plutora.is_guid("My Environment")
    assert plutora.equals_filter("name", ["A", "B c"]) == "`name` Equals `A` or `name` Equals `B c`"
    assert plutora.equals_filter("name", ["has`tick"]) is None
    filters = (("name", "name", "Equals"), ("system", "linkedSystem", "Equals"), ("part", "name", "Contains"))
    assert plutora.filter_text({"name": "A b", "system": None, "part": "x"}, filters) == (
        "`name` Equals `A b` and `name` Contains `x`")
    assert plutora.filter_text({"name": None}, filters) is None
    with pytest.raises(InputError) as refused:
        plutora.filter_text({"system": "has`tick"}, filters)
    assert refused.value.message == "system: Plutora's filter cannot hold a backtick (`): has`tick"


def test_one_token_for_many_calls_and_the_info_header(emu):
    api, redactor = api_for(emu)
    api.call("GET", "me")
    api.call("GET", "organizations")
    expected = [("POST", "/plutora/oauth/token"), ("GET", "/plutora/me"), ("GET", "/plutora/organizations")]
    assert [entry[:2] for entry in log(emu)] == expected
    assert api.auth.token in redactor.secrets
    assert emu.admin("GET", "/_admin/plutora_info")[-1] == plutora.PLUTORA_INFO


def test_auth_url_option_is_used(emu):
    api, _redactor = api_for(emu, auth_url=emu.url + "/plutora/OAuth/Token")
    api.call("GET", "me")
    assert log(emu)[0][:2] == ("POST", "/plutora/oauth/token")


def test_a_401_fetches_a_new_token_once(emu):
    api, redactor = api_for(emu)
    api.call("GET", "me")
    first = api.auth.token
    emu.admin("POST", "/_admin/expire_tokens")
    emu.clear_log()
    assert api.call("GET", "me").json == emu.connection_vars()["plutora_username"]
    assert log(emu) == [("GET", "/plutora/me", 401), ("POST", "/plutora/oauth/token", 200), ("GET", "/plutora/me", 200)]
    assert api.auth.token != first
    assert {first, api.auth.token} <= redactor.secrets


def test_given_token_is_used_without_fetching(emu):
    api, _r = api_for(emu)
    api.call("GET", "me")
    token = api.auth.token
    emu.clear_log()
    reuse, _r = api_for(emu, access_token=token)
    reuse.call("GET", "me")
    assert log(emu) == [("GET", "/plutora/me", 200)]


def test_expired_token_alone_fails_with_advice(emu):
    api, _r = api_for(emu)
    api.call("GET", "me")
    token = api.auth.token
    emu.admin("POST", "/_admin/expire_tokens")
    emu.clear_log()
    only_token, _r = api_for(emu, access_token=token, client_id=None, client_secret=None, username=None,
                             password=None)
    with pytest.raises(AuthenticationError) as caught:
        only_token.call("GET", "me")
    assert "expired" in caught.value.message and "plutora_token" in caught.value.message
    assert log(emu) == [("GET", "/plutora/me", 401)]


def test_no_token_and_no_credentials_is_an_input_error(emu):
    api, _r = api_for(emu, client_secret=None, password=None)
    with pytest.raises(InputError) as caught:
        api.call("GET", "me")
    assert "missing: client_secret, password" in caught.value.message
    assert emu.requests() == []


def test_wrong_client_secret_is_reported_as_the_api_key(emu):
    api, _r = api_for(emu, client_secret="wrong-secret-value")
    with pytest.raises(AuthenticationError) as caught:
        api.call("GET", "me")
    assert "client_id/client_secret" in caught.value.message and "Client authentication failed" in caught.value.message


@pytest.mark.parametrize("refused,status", [(dict(client_secret="wrong-secret-value"), 401),
                                            (dict(password="wrong-password-value"), 400)],
                         ids=["client-secret-401", "password-400"])
def test_a_refused_login_is_not_asked_again(emu, refused, status):
    """Lockout policies count failed logins: the rest of the task gets the same error, sent nowhere."""
    api, _r = api_for(emu, **refused)
    emu.clear_log()
    messages = []
    for path in ("me", "organizations", "systems"):
        with pytest.raises(AuthenticationError) as caught:
            api.call("GET", path)
        messages.append((caught.value.message, caught.value.details))
    with pytest.raises(AuthenticationError):
        api.auth.fetch(hide=False)  # plutora_token's way in
    assert log(emu) == [("POST", "/plutora/oauth/token", status)]
    assert "refused" in messages[0][0] and messages[0][1]["status"] == status
    assert messages == [messages[0]] * 3
    assert api.auth.token is None


def test_a_token_endpoint_that_fails_otherwise_is_asked_again(emu):
    """Only a refusal is remembered: a server error at the token endpoint is no verdict on the credentials."""
    api, _r = api_for(emu)
    emu.inject(status=500, method="POST", path="oauth/token", count=1)
    emu.clear_log()
    with pytest.raises(Exception):
        api.call("GET", "me")
    assert api.call("GET", "me").status == 200
    assert [entry for entry in log(emu) if "oauth" in entry[1]] == [("POST", "/plutora/oauth/token", 500),
                                                                    ("POST", "/plutora/oauth/token", 200)]


def test_list_pages_through_the_result_set(emu):
    api, _r = api_for(emu)
    records = api.list("environments")
    assert len(records) == 120
    pages = [r["query"] for r in emu.requests() if r["path"] == "/plutora/environments"]
    assert len(pages) == 2 and "pageNum=1" in pages[1]


def test_find_uses_the_filter_and_picks_the_exact_name(emu):
    api, _r = api_for(emu)
    record = api.find("environments", "core banking env 007", "environment")
    assert record["name"] == "Core Banking Env 007"
    environment_calls = [r for r in emu.requests() if r["path"] == "/plutora/environments"]
    assert len(environment_calls) == 1
    # Contains, not Equals: a name stored with surrounding blanks must be found too.
    assert "filter=`name` Contains `core banking env 007`" in environment_calls[0]["query"]


def test_resolve_many_uses_one_call_for_names_and_ids(emu):
    api, _r = api_for(emu)
    api.call("GET", "me")
    emu.clear_log()
    guid = "00000000-0000-0000-0000-000000000003"
    found, names = api.resolve_many("environments", "environments", "environment",
                                    ["Core Banking Env 001", guid], also_ids=["00000000-0000-0000-0000-000000000002"])
    assert found["Core Banking Env 001"]["id"] == "00000000-0000-0000-0000-000000000001"
    assert found[guid]["name"] == "Core Banking Env 003"
    assert names["00000000-0000-0000-0000-000000000002"] == "Core Banking Env 002"
    assert len(emu.requests()) == 1


def test_unknown_environment_name_lists_close_matches(emu):
    api, _r = api_for(emu)
    with pytest.raises(InputError) as caught:
        api.resolve_many("environments", "environments", "environment", ["Core Banking Env 1000"])
    assert caught.value.message.startswith("environments: no environment named 'Core Banking Env 1000'")
    assert "close matches: Core Banking Env 100" in caught.value.message


def test_lookup_is_fetched_once_per_type_and_lists_valid_values(emu):
    api, _r = api_for(emu)
    assert api.lookup("usage", "UsedForWorkItem", "Dev")["id"] == "fa69ee6d-7218-4002-9fbd-200eadc10e33"
    assert api.lookup("usage", "UsedForWorkItem", "uat")["value"] == "UAT"
    assert api.lookup("usage", "UsedForWorkItem", "FA69EE6D-7218-4002-9FBD-200EADC10E33")["value"] == "Dev"
    with pytest.raises(InputError) as caught:
        api.lookup("usage", "UsedForWorkItem", "Prod")
    assert "valid values: Dev" in caught.value.message or "valid values: UAT" in caught.value.message
    assert "Production" in caught.value.message
    lookups = [r for r in emu.requests() if "lookupfields" in r["path"]]
    assert len(lookups) == 1


def test_organization_by_name_or_guid(emu):
    api, _r = api_for(emu)
    assert api.organization("organization", "abc group")["id"] == "9d3879c9-bb43-4243-afd8-0f1ee6273663"
    assert api.organization("organization", "4cc6b70b-c075-4e50-b0b2-b9578144122c")["name"] == "Advice Systems"
    with pytest.raises(InputError) as caught:
        api.organization("organization", "ABC Grup")
    assert "close matches: ABC Group" in caught.value.message


def test_ci_set_keeps_the_record_spelling():
    record = {"Color": "#ffffff"}
    plutora.ci_set(record, "color", "#000000")
    plutora.ci_set(record, "name", "x")
    assert record == {"Color": "#000000", "name": "x"}
