# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Credentials never leave the configured scheme, host and port (issue 19): a redirect to another
server, https to http included, fails with a message naming where the server points, and nothing at
all reaches that server (a recording stranger on 127.0.0.1 proves it). Userinfo in api_url is
refused with its password masked."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import tempfile

import pytest
import requests.certs

from certs import CertificateAuthority
from harness import Emulator
from harness import collection_module as module
from redirect_front import Front


def credentials(emu):
    v = emu.connection_vars()
    return [v["rpm_token"], v["flexdeploy_password"], v["plutora_client_secret"], v["plutora_password"]]


def assert_nothing_reached(stranger, emu):
    received = stranger.received()
    assert received == [], "requests reached the other server: %s" % received
    text = stranger.received_text()
    assert not [c for c in credentials(emu) if c in text]


@pytest.fixture
def stranger():
    """A server on another port that records whatever reaches it (and answers 200 {})."""
    with Front() as server:
        yield server


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_the_rpm_token_never_follows_a_redirect_to_another_server(emu, run_module, stranger, status, host):
    """The token travels in the query string; requests re-sent it to wherever a redirect pointed."""
    target = stranger.url.replace("127.0.0.1", host)
    with Front(backend=emu.url) as front:
        front.redirect(status, to=target, method="GET")
        result, failed = run_module(module("rpm_environment_info"),
                                    emu.module_options("rpm", base=front.url, name="production"))
    assert failed, result
    message = result["msg"]
    assert "was redirected (HTTP %d) to %s/brpm/v1/environments" % (status, target) in message, message
    assert "Nothing was sent there" in message
    assert "set api_url / RPM_API_URL to %s/brpm." % target in message
    assert emu.connection_vars()["rpm_token"] not in repr(result)
    assert_nothing_reached(stranger, emu)


def test_the_rpm_token_never_goes_from_https_to_plain_http(emu, run_module, stranger, tmp_path):
    ca = CertificateAuthority()
    cert, key = ca.issue_server(str(tmp_path))
    with Front(backend=emu.url, cert=cert, key=key) as front:
        front.redirect(302, to=stranger.url)
        result, failed = run_module(module("rpm_environment_info"),
                                    emu.module_options("rpm", base=front.url, name="production",
                                                       ca_path=ca.write_ca(str(tmp_path))))
        reached_front = len(front.received())
    assert failed, result
    assert front.url.startswith("https://") and reached_front == 1
    assert "to %s/brpm/v1/environments" % stranger.url in result["msg"], result["msg"]
    assert "the credentials go only to %s" % front.url in result["msg"]
    assert_nothing_reached(stranger, emu)


@pytest.mark.parametrize("status", [307, 308])
def test_the_plutora_login_is_never_posted_to_another_server(emu, run_module, stranger, status):
    """A 307 from the token endpoint re-POSTed client_secret and password to the other host, and the
    task went on with that host's token."""
    with Front(backend=emu.url) as front:
        front.redirect(status, to=stranger.url, method="POST", path=r"/oauth/token$")
        result, failed = run_module(module("plutora_system_info"), emu.module_options("plutora", base=front.url))
    assert failed, result
    assert "POST %s/plutora/oauth/token was redirected (HTTP %d)" % (front.url, status) in result["msg"]
    assert_nothing_reached(stranger, emu)
    assert emu.requests() == []  # not even the login reached Plutora


def test_the_plutora_login_at_an_auth_url_of_its_own_names_auth_url(emu, run_module, stranger):
    with Front(backend=emu.url) as front:
        front.redirect(307, to=stranger.url, method="POST")
        result, failed = run_module(module("plutora_system_info"),
                                    emu.module_options("plutora", auth_url=front.url + "/plutora/oauth/token"))
    assert failed, result
    assert "than auth_url names" in result["msg"] and "set auth_url / PLUTORA_AUTH_URL to %s" % stranger.url in \
        result["msg"], result["msg"]
    assert_nothing_reached(stranger, emu)


@pytest.mark.parametrize("method,status", [("GET", 302), ("PATCH", 307), ("PATCH", 308)])
def test_flexdeploy_basic_auth_and_writes_never_go_to_another_server(emu, run_module, stranger, method, status):
    with Front(backend=emu.url) as front:
        front.redirect(status, to=stranger.url, method=method)
        result, failed = run_module(module("flexdeploy_environment"),
                                    emu.module_options("flexdeploy", base=front.url, code="QA", description="moved"))
    assert failed, result
    assert "was redirected (HTTP %d)" % status in result["msg"]
    assert not result.get("changed")
    assert_nothing_reached(stranger, emu)


def test_a_bearer_token_never_follows_a_read_to_another_server(emu, run_module, stranger):
    with Front(backend=emu.url) as front:
        front.redirect(302, to=stranger.url, method="GET", path=r"^/plutora/systems$")
        result, failed = run_module(module("plutora_system_info"), emu.module_options("plutora", base=front.url))
        logins = [r for r in front.received() if r["path"].endswith("/oauth/token")]
    assert failed, result
    assert len(logins) == 1
    assert_nothing_reached(stranger, emu)


# Userinfo in the URL --------------------------------------------------------------------------------
@pytest.mark.parametrize("product,name,option", [
    ("rpm", "rpm_environment_info", "api_url"),
    ("flexdeploy", "flexdeploy_environment_info", "api_url"),
    ("plutora", "plutora_system_info", "api_url"),
    ("plutora", "plutora_system_info", "auth_url"),
])
def test_a_password_in_the_url_is_refused_masked_before_any_request(emu, run_module, product, name, option):
    password = "userinfo-Secret-7731"
    args = emu.module_options(product)
    url = args["api_url"] + ("/oauth/token" if option == "auth_url" else "")
    args[option] = url.replace("http://", "http://admin:%s@" % password)
    result, failed = run_module(module(name), args)
    assert failed, result
    assert "%s: 'http://admin:********@127.0.0.1:" % option in result["msg"], result["msg"]
    assert "user:password@" in result["msg"] and "credentials never go in the URL" in result["msg"]
    assert password not in repr(result)
    assert emu.requests() == []


def test_the_password_of_the_url_joins_the_secrets_of_the_task():
    """So Ansible masks it in `invocation` as well (module process and fast path alike)."""
    from ansible_collections.envops.environments.plugins.module_utils.runner import connection_problems
    problem, secrets = connection_problems({"api_url": "https://svc:p%40ss-9@rpm.example.com/brpm", "token": "t"},
                                           "rpm")
    assert "p%40ss-9" not in problem and secrets == frozenset(["p%40ss-9"])


def test_tls_rules_still_hold_behind_a_same_origin_redirect(tmp_path, run_module):
    """A redirect followed on the same https server is verified like the first request."""
    ca = CertificateAuthority()
    cert, key = ca.issue_server(str(tmp_path))
    with tempfile.TemporaryDirectory() as other:
        wrong_ca = CertificateAuthority().write_ca(other)
        with Emulator() as emu, Front(backend=emu.url, cert=cert, key=key) as front:
            front.redirect(301, to=front.url, method="GET", path=r"^/old(/.*)$", replace=r"\1")
            good, failed = run_module(module("rpm_environment_info"),
                                      emu.module_options("rpm", base=front.url + "/old", name="production",
                                                         ca_path=ca.write_ca(str(tmp_path))))
            assert not failed, good
            assert [e["name"] for e in good["environments"]] == ["production"]
            bad, failed = run_module(module("rpm_environment_info"),
                                     emu.module_options("rpm", base=front.url + "/old", name="production",
                                                        ca_path=wrong_ca))
            assert failed and "TLS error" in bad["msg"], bad
    assert requests.certs.where()
