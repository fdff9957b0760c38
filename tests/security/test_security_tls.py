# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""TLS: the emulator over HTTPS with a private CA. validate_certs is on by default and works with
ca_path (or its environment variable); a wrong or missing CA fails with a clear TLS message and
no write; validate_certs=false connects anyway."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib

import pytest
import requests.certs

from certs import CertificateAuthority
from harness import Emulator

MODULES = "ansible_collections.envops.environments.plugins.modules."
CONNECTION_ENV = ("RPM_CA_PATH", "RPM_VALIDATE_CERTS", "PLUTORA_CA_PATH", "PLUTORA_VALIDATE_CERTS",
                  "FLEXDEPLOY_CA_PATH", "FLEXDEPLOY_VALIDATE_CERTS", "PLUTORA_ACCESS_TOKEN", "PLUTORA_AUTH_URL")


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    directory = str(tmp_path_factory.mktemp("pki"))
    ca = CertificateAuthority()
    cert, key = ca.issue_server(directory)
    other = CertificateAuthority("some other CA").write_ca(directory, "other-ca.pem")
    return {"ca": ca.write_ca(directory), "cert": cert, "key": key, "other_ca": other}


@pytest.fixture(scope="module")
def https_emu(pki):
    with Emulator(scheme="https", cert=pki["cert"], key=pki["key"], ca_path=pki["ca"]) as emu:
        yield emu


@pytest.fixture
def tls_emu(https_emu, monkeypatch):
    for name in CONNECTION_ENV:
        monkeypatch.delenv(name, raising=False)
    # A system bundle that does not hold the private CA, set the way many hosts set it: it must
    # neither override ca_path nor validate_certs=false.
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", requests.certs.where())
    https_emu.reset()
    return https_emu


# Each product with a converged task: (module, arguments given the emulator).
def rpm_task(emu):
    v = emu.connection_vars()
    return "rpm_environment", {"api_url": v["rpm_api_url"], "token": v["rpm_token"], "name": "production",
                               "deployment_policy": "opened"}


def plutora_task(emu):
    v = emu.connection_vars()
    return "plutora_system", {"api_url": v["plutora_api_url"], "client_id": v["plutora_client_id"],
                              "client_secret": v["plutora_client_secret"], "username": v["plutora_username"],
                              "password": v["plutora_password"], "name": "Core Banking", "vendor": "Plutora"}


def flexdeploy_task(emu):
    v = emu.connection_vars()
    return "flexdeploy_environment", {"api_url": v["flexdeploy_api_url"], "username": v["flexdeploy_username"],
                                      "password": v["flexdeploy_password"], "code": "QA",
                                      "name": "Quality Assurance"}


TASKS = [pytest.param(rpm_task, id="rpm"), pytest.param(plutora_task, id="plutora"),
         pytest.param(flexdeploy_task, id="flexdeploy")]


def run(run_module, task, emu, **tls):
    name, args = task(emu)
    args.update(tls)
    return run_module(importlib.import_module(MODULES + name), args)


def assert_no_secret(emu, result):
    text = repr(result)
    for value in emu.connection_vars().values():
        if "pass" in value or "secret" in value or "token" in value:
            assert value not in text


@pytest.mark.parametrize("task", TASKS)
def test_default_validation_with_the_private_ca_works(tls_emu, run_module, pki, task):
    assert tls_emu.url.startswith("https://")
    result, failed = run(run_module, task, tls_emu, ca_path=pki["ca"])
    assert not failed, result
    assert result["changed"] is False
    assert tls_emu.requests(), "nothing reached the HTTPS emulator"


def test_ca_path_from_the_environment_variable(tls_emu, run_module, pki, monkeypatch):
    monkeypatch.setenv("RPM_CA_PATH", pki["ca"])
    result, failed = run(run_module, rpm_task, tls_emu)
    assert not failed, result


@pytest.mark.parametrize("task", TASKS)
@pytest.mark.parametrize("which", ["other_ca", None])
def test_a_wrong_or_missing_ca_fails_with_a_tls_message(tls_emu, run_module, pki, task, which):
    tls = {"ca_path": pki[which]} if which else {}
    result, failed = run(run_module, task, tls_emu, **tls)
    assert failed, result
    assert "TLS error" in result["msg"] and "certificate verify failed" in result["msg"], result["msg"]
    assert "Traceback" not in result["msg"]
    assert_no_secret(tls_emu, result)
    # The handshake failed, so the server never saw a request.
    assert tls_emu.requests() == []


# urllib3 warns of every unverified request: here the test turns verification off on purpose.
@pytest.mark.filterwarnings("ignore:Unverified HTTPS request:urllib3.exceptions.InsecureRequestWarning")
@pytest.mark.parametrize("task", TASKS)
def test_validate_certs_false_connects_without_the_ca(tls_emu, run_module, task):
    result, failed = run(run_module, task, tls_emu, validate_certs=False)
    assert not failed, result
    assert result["changed"] is False


def test_plain_http_client_against_https_fails_clearly(tls_emu, run_module):
    name, args = rpm_task(tls_emu)
    args["api_url"] = args["api_url"].replace("https://", "http://")
    result, failed = run_module(importlib.import_module(MODULES + name), args)
    assert failed
    assert "connection failed" in result["msg"] or "failed" in result["msg"]
    assert "Traceback" not in result["msg"]
