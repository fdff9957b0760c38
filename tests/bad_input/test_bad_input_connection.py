# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Connection mistakes a new user makes first (issue 20), each with the words of its message: what
to fix, where it is set (option and environment variable), and no raw library text."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib

import pytest

from harness import free_port
from test_bad_input_table import CONNECTION_ENV

MODULES = "ansible_collections.envops.environments.plugins.modules."
PRODUCTS = [("rpm", "rpm_environment_info", "/brpm", "RPM_API_URL"),
            ("flexdeploy", "flexdeploy_environment_info", "/flexdeploy", "FLEXDEPLOY_API_URL"),
            ("plutora", "plutora_system_info", "/plutora", "PLUTORA_API_URL")]
# What urllib3 and requests say about a refused connection, which no user should have to read.
RAW_LIBRARY_TEXT = ("HTTPConnectionPool", "Max retries exceeded", "NewConnectionError", "object at 0x",
                    "Failed to establish")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for name in CONNECTION_ENV:
        monkeypatch.delenv(name, raising=False)


def module(name):
    return importlib.import_module(MODULES + name)


def test_plutora_reports_every_missing_connection_option_at_once(emu, run_module):
    """It used to report api_url first and the four credentials only on the next run."""
    result, failed = run_module(module("plutora_system_info"), {})
    assert failed
    assert result["msg"] == (
        "missing required connection options: api_url (or the PLUTORA_API_URL environment variable), "
        "client_id (or the PLUTORA_CLIENT_ID environment variable), client_secret (or the PLUTORA_CLIENT_SECRET "
        "environment variable), username (or the PLUTORA_USERNAME environment variable), password (or the "
        "PLUTORA_PASSWORD environment variable); or give access_token (or the PLUTORA_ACCESS_TOKEN environment "
        "variable) instead of client_id, client_secret, username, password"), result["msg"]
    assert emu.requests() == []


def test_plutora_names_only_what_is_missing(emu, run_module, monkeypatch):
    monkeypatch.setenv("PLUTORA_CLIENT_ID", "id")
    monkeypatch.setenv("PLUTORA_USERNAME", "user")
    result, failed = run_module(module("plutora_system_info"), {"api_url": emu.url + "/plutora"})
    assert failed
    assert result["msg"].startswith("missing required connection options: client_secret (or the "
                                    "PLUTORA_CLIENT_SECRET environment variable), password (or the PLUTORA_PASSWORD "
                                    "environment variable); or give access_token"), result["msg"]
    assert "api_url" not in result["msg"].split(";")[0]


def test_plutora_with_an_access_token_needs_no_credentials(emu, run_module, monkeypatch):
    result, failed = run_module(module("plutora_system_info"), {"api_url": emu.url + "/plutora",
                                                                "access_token": "not-a-real-token-1"})
    assert failed
    assert "missing" not in result["msg"] and "HTTP 401" in result["msg"], result["msg"]


@pytest.mark.parametrize("product,name,base,variable", PRODUCTS)
def test_a_refused_connection_says_nothing_listens_and_where_to_fix_it(emu, run_module, product, name, base,
                                                                       variable):
    port = free_port()
    args = emu.module_options(product)
    args["api_url"] = "http://127.0.0.1:%d%s" % (port, base)
    result, failed = run_module(module(name), args)
    assert failed
    message = result["msg"]
    assert "nothing listens at 127.0.0.1:%d (connection refused); check api_url / %s" % (port, variable) in message
    assert not [t for t in RAW_LIBRARY_TEXT if t in message], message
    # The URL is named once, and the refusal cost no retry (each retry would be listed with its wait).
    assert message.count("127.0.0.1:%d%s" % (port, base)) == 1
    assert "http_retries" not in result


@pytest.mark.parametrize("product,name,base,variable", PRODUCTS)
def test_a_url_without_scheme_is_quoted_as_typed(emu, run_module, product, name, base, variable):
    typed = "127.0.0.1:8765" + base
    args = dict(emu.module_options(product), api_url=typed)
    result, failed = run_module(module(name), args)
    assert failed
    wanted = ("api_url: '%s' is not an http:// or https:// URL with a host name; give the whole URL, for example "
              "https://%s, in api_url (or %s)." % (typed, typed, variable))
    assert result["msg"].startswith(wanted), result["msg"]
    # Not the path the module would append (…/brpm/v1, …/flexdeploy/rest/v1).
    assert "/v1" not in result["msg"]
    assert emu.requests() == []


def test_a_url_option_with_a_bad_port_is_refused(emu, run_module):
    args = dict(emu.module_options("rpm"), api_url="http://127.0.0.1:99999/brpm")
    result, failed = run_module(module("rpm_environment_info"), args)
    assert failed and "api_url: 'http://127.0.0.1:99999/brpm' has a port that is not a number" in result["msg"]


def test_rpm_403_names_the_token_option_and_variable(emu, run_module):
    result, failed = run_module(module("rpm_environment_info"),
                                dict(emu.module_options("rpm"), token="not-the-token-4711"))
    assert failed
    assert "failed with HTTP 403: Invalid API Key; check token / RPM_TOKEN" in result["msg"], result["msg"]
    assert "not-the-token-4711" not in repr(result)


def test_flexdeploy_401_names_the_credentials_and_variables(emu, run_module):
    result, failed = run_module(module("flexdeploy_environment_info"),
                                dict(emu.module_options("flexdeploy"), password="wrong-password-0000"))
    assert failed
    assert "HTTP 401" in result["msg"] and "check username and password (FLEXDEPLOY_USERNAME, FLEXDEPLOY_PASSWORD)" \
        in result["msg"], result["msg"]


PAGE = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Sign in | Example SSO</title>"
        "<style>body{font:12px}</style></head><body><form action='/login'>" + "<div>field</div>" * 300
        + "</form></body></html>")


@pytest.mark.parametrize("status", [200, 404])
def test_a_wrong_base_url_answer_is_summarised_not_cut_mid_tag(emu, run_module, status):
    emu.inject(status=status, content_type="text/html; charset=utf-8", body=PAGE, method="GET",
               path=r"^/brpm/v1/environments$")
    result, failed = run_module(module("rpm_environment_info"), dict(emu.module_options("rpm"), name="production"))
    assert failed
    message = result["msg"]
    assert "an HTML page (text/html; charset=utf-8, %d bytes, title 'Sign in | Example SSO')" % len(PAGE) in message, \
        message
    assert "api_url / RPM_API_URL" in message
    assert "<" not in message and "field" not in message


def test_the_emulators_own_404_page_at_a_wrong_path_is_summarised(emu, run_module):
    result, failed = run_module(module("rpm_environment_info"),
                                dict(emu.module_options("rpm"), api_url=emu.url + "/not-rpm", name="x"))
    assert failed
    assert "HTTP 404 with an HTML page (" in result["msg"] and "title '404 Not Found'" in result["msg"], result["msg"]
    assert "<" not in result["msg"]


def test_plutora_html_error_page_is_summarised(emu, run_module):
    emu.inject(status=502, content_type="text/html", body=PAGE, method="GET", path=r"^/plutora/systems$", count=10)
    result, failed = run_module(module("plutora_system_info"), dict(emu.module_options("plutora"), timeout=5))
    assert failed
    assert "failed with HTTP 502: an HTML page (text/html, %d bytes, title 'Sign in | Example SSO')" % len(PAGE) \
        in result["msg"], result["msg"]


@pytest.mark.parametrize("product,name,base,variable", PRODUCTS)
@pytest.mark.parametrize("suffix,value,option,wanted", [
    ("_TIMEOUT", "abc", "timeout", "a whole number"),
    ("_VALIDATE_CERTS", "perhaps", "validate_certs", "true or false"),
    ("_MAX_RESPONSE_MB", "lots", "max_response_mb", "a whole number"),
])
def test_a_bad_environment_variable_is_named_with_its_value(emu, run_module, monkeypatch, product, name, base,
                                                            variable, suffix, value, option, wanted):
    """RPM_TIMEOUT=abc gave ansible-core's conversion error, which names the option but not the variable."""
    env = variable.replace("_API_URL", suffix)
    monkeypatch.setenv(env, value)
    result, failed = run_module(module(name), emu.module_options(product))
    assert failed
    assert result["msg"] == ("%s: the %s environment variable is '%s', which is not %s; correct or unset %s, or set "
                             "%s on the task." % (option, env, value, wanted, env, option)), result["msg"]
    assert emu.requests() == []
