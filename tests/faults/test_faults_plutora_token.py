# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A Plutora token that expires between two calls of one task.

Tokens live 1 s here and one call is held 1.5 s by the emulator before it is authenticated, so
the token the task fetched has expired by the time that call is checked: the task must fetch a
new token and carry on, and a create refused for its expired token is not a create processed."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from cases import PlutoraSystemCase

CASE = PlutoraSystemCase()
TOKEN_PATH = "/plutora/oauth/token"


@pytest.fixture
def short_tokens(emu, monkeypatch):
    monkeypatch.delenv("PLUTORA_ACCESS_TOKEN", raising=False)
    emu.configure(plutora_token_lifetime=1)
    return emu


def log(emu):
    return [(r["method"], r["path"], r["status"]) for r in emu.requests()]


def test_token_expiring_before_a_read_is_renewed(short_tokens, run_module):
    emu = short_tokens
    emu.inject(delay=1.5, method="GET", path="^/plutora/systems$", count=1)
    result, failed = run_module(CASE.module(), CASE.args(emu, "tok-read", CASE.FINAL))
    assert not failed, result
    calls = log(emu)
    assert ("GET", "/plutora/systems", 401) in calls
    assert [c for c in calls if c[1] == TOKEN_PATH] == [("POST", TOKEN_PATH, 200)] * 2
    assert len(CASE.named(emu, "tok-read")) == 1


def test_token_expiring_before_the_create_is_renewed_and_creates_once(short_tokens, run_module):
    emu = short_tokens
    emu.inject(delay=1.5, method="POST", path="^/plutora/systems$", count=1)
    result, failed = run_module(CASE.module(), CASE.args(emu, "tok-create", CASE.FINAL))
    assert not failed, result
    creates = [c for c in log(emu) if c[:2] == ("POST", "/plutora/systems")]
    assert creates == [("POST", "/plutora/systems", 401), ("POST", "/plutora/systems", 201)]
    records = CASE.named(emu, "tok-create")
    assert len(records) == 1 and CASE.matches(records[0], CASE.FINAL)


def test_expired_given_token_without_credentials_fails_clearly(short_tokens, run_module):
    emu = short_tokens
    token = CASE._token(emu)
    emu.admin("POST", "/_admin/expire_tokens")
    args = {"api_url": emu.connection_vars()["plutora_api_url"], "access_token": token, "name": "tok-none"}
    args.update(CASE.FINAL)
    result, failed = run_module(CASE.module(), args)
    assert failed
    assert "expired or is not valid" in result["msg"]
    assert token not in repr(result)
    assert [c for c in log(emu) if c[0] != "GET"] == [("POST", TOKEN_PATH, 200)]  # only our own token


def test_expired_given_token_with_credentials_is_replaced(short_tokens, run_module):
    emu = short_tokens
    token = CASE._token(emu)
    emu.admin("POST", "/_admin/expire_tokens")
    result, failed = run_module(CASE.module(), CASE.args(emu, "tok-both", CASE.FINAL, access_token=token))
    assert not failed, result
    assert token not in repr(result)
    assert len(CASE.named(emu, "tok-both")) == 1


@pytest.mark.parametrize("refused,status", [(dict(client_secret="wrong-secret-0000"), 401),
                                            (dict(password="wrong-password-0000"), 400)],
                         ids=["client-secret-401", "password-400"])
def test_a_refused_login_is_exactly_one_token_request(emu, run_module, monkeypatch, refused, status):
    """Lockout policies count failed logins: a refused one must not be retried as an expired token."""
    monkeypatch.delenv("PLUTORA_ACCESS_TOKEN", raising=False)
    emu.clear_log()
    result, failed = run_module(CASE.module(), CASE.args(emu, "tok-refused", CASE.FINAL, **refused))
    assert failed and "refused" in result["msg"], result
    assert log(emu) == [("POST", TOKEN_PATH, status)]
