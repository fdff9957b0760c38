# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The AWX credential types in meta/credential_types/ match the modules' environment fallbacks.

AWX renders each injector with a sandboxed Jinja2 environment, the credential's inputs as
variables and `tower.filename.<name>` for files it writes; these tests render them the same way
(tests/awx_injection.py) and run a module with nothing but the resulting environment variables.
"""

from __future__ import absolute_import, division, print_function

import os

import pytest
import yaml

from ansible_collections.envops.environments.plugins.module_utils.options import PRODUCTS
from ansible_collections.envops.environments.plugins.modules import rpm_environment_info

from awx_injection import inject_credential  # tests/ is on sys.path (tests/unit/conftest.py)

COLLECTION = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
TYPES_DIR = os.path.join(COLLECTION, "meta", "credential_types")


def load(product):
    with open(os.path.join(TYPES_DIR, product + ".yml")) as handle:
        return yaml.safe_load(handle)


def render_env(definition, inputs, tmp_path):
    """The environment AWX would give a job for a credential with these inputs."""
    (tmp_path / "env").mkdir(exist_ok=True)
    env, safe_env, args = {}, {}, []
    inject_credential(definition, inputs, str(tmp_path), env, safe_env, args)
    assert args == []  # no extra_vars injectors: everything goes through the environment
    return env


def option_for_env(product, var):
    return next((name for name, option in PRODUCTS[product].items() if option.get("env") == var), None)


@pytest.mark.parametrize("product", sorted(PRODUCTS))
def test_every_injected_variable_is_a_module_fallback(product):
    definition = load(product)
    assert definition["kind"] == "cloud"
    for var in definition["injectors"]["env"]:
        assert option_for_env(product, var), "%s injects %s, which no %s option reads" % (product, var, product)


@pytest.mark.parametrize("product", sorted(PRODUCTS))
def test_required_options_are_required_inputs(product):
    definition = load(product)
    injected = definition["injectors"]["env"]
    required_inputs = set(definition["inputs"]["required"])
    for name, option in PRODUCTS[product].items():
        if option.get("required"):
            assert option["env"] in injected
            assert name in required_inputs


@pytest.mark.parametrize("product", sorted(PRODUCTS))
def test_exactly_the_secret_options_are_secret_inputs(product):
    definition = load(product)
    fields = dict((f["id"], f) for f in definition["inputs"]["fields"])
    no_log = set(name for name, option in PRODUCTS[product].items() if option.get("no_log"))
    secret = set(fid for fid, field in fields.items() if field.get("secret"))
    # access_token is fetched at run time (plutora_token); a stored credential never holds one.
    assert secret == no_log - {"access_token"}
    for field in definition["inputs"]["fields"]:
        assert field["type"] in ("string", "boolean")
        assert field["label"]


def test_plutora_token_url_defaults_like_the_modules(tmp_path):
    env = render_env(load("plutora"), {"api_url": "https://usapi.plutora.com/", "client_id": "c",
                                       "client_secret": "s", "username": "u", "password": "p"}, tmp_path)
    assert env["PLUTORA_AUTH_URL"] == "https://usapi.plutora.com/oauth/token"
    assert env["PLUTORA_VALIDATE_CERTS"] == "True"
    assert env["PLUTORA_CA_PATH"] == ""
    given = render_env(load("plutora"), {"api_url": "https://usapi.plutora.com", "client_id": "c",
                                         "auth_url": "https://usoauth.plutora.com/oauth/token",
                                         "client_secret": "s", "username": "u", "password": "p",
                                         "skip_tls_verify": True, "ca_cert": "PEM"}, tmp_path)
    assert given["PLUTORA_AUTH_URL"] == "https://usoauth.plutora.com/oauth/token"
    assert given["PLUTORA_VALIDATE_CERTS"] == "False"
    with open(given["PLUTORA_CA_PATH"]) as handle:
        assert handle.read() == "PEM"


def test_rpm_module_runs_from_the_injected_environment_only(emu, run_module, monkeypatch, tmp_path):
    creds = emu.connection_vars()
    env = render_env(load("rpm"), {"api_url": creds["rpm_api_url"], "token": creds["rpm_token"]}, tmp_path)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    result, failed = run_module(rpm_environment_info, {"name": "production"})
    assert not failed, result.get("msg")
    assert [e["name"] for e in result["environments"]] == ["production"]
    assert creds["rpm_token"] not in repr(result)


@pytest.mark.parametrize("product", sorted(PRODUCTS))
def test_a_credential_without_the_tls_switch_verifies_certificates(product, tmp_path):
    # AWX injects False for every boolean input a credential does not hold (one created through the
    # API or awx.awx.credential with only the required inputs): that must leave verification on.
    definition = load(product)
    inputs = dict((name, "x") for name in definition["inputs"]["required"])
    env = render_env(definition, inputs, tmp_path)
    assert env["%s_VALIDATE_CERTS" % product.upper()] == "True"
    assert env["%s_CA_PATH" % product.upper()] == ""
    for field in definition["inputs"]["fields"]:
        if field["type"] == "boolean":
            assert field.get("default", False) is False, "%s: a boolean left out is injected as False" % field["id"]


@pytest.mark.parametrize("product", sorted(PRODUCTS))
def test_secret_inputs_are_hidden_in_the_environment_awx_shows(product, tmp_path):
    definition = load(product)
    inputs = dict((name, "value-of-" + name) for name in definition["inputs"]["required"])
    (tmp_path / "env").mkdir()
    env, safe_env = {}, {}
    inject_credential(definition, inputs, str(tmp_path), env, safe_env, [])
    for field in definition["inputs"]["fields"]:
        if field.get("secret") and field["id"] in inputs:
            assert inputs[field["id"]] in env.values()
            assert inputs[field["id"]] not in safe_env.values()
