# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Secrets never leave: the integration runner's leak detection really detects, and a -vvvv run
of every product's modules (successes, failures and diffs) with secrets chosen by this test shows
none of them: credentials, issued Plutora tokens, the RPM token or encrypted property values."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re
import secrets
import subprocess
import sys

import pytest
import yaml

import run_integration
from harness import Emulator
from plugins_path import COLLECTIONS

ROLE_LEAKING_THE_RPM_TOKEN = [{"name": "Print a credential", "ansible.builtin.debug": {"msg": "{{ rpm_token }}"}}]
ROLE_LEAKING_AN_ISSUED_TOKEN = [
    {"name": "Fetch a Plutora token by hand", "no_log": True, "register": "auth",
     "ansible.builtin.uri": {"url": "{{ plutora_api_url }}/oauth/token", "method": "POST",
                             "body_format": "form-urlencoded",
                             "body": {"grant_type": "password", "client_id": "{{ plutora_client_id }}",
                                      "client_secret": "{{ plutora_client_secret }}",
                                      "username": "{{ plutora_username }}", "password": "{{ plutora_password }}"}}},
    {"name": "Print only the issued token", "ansible.builtin.debug": {"msg": "{{ auth.json.access_token }}"}},
]
ROLE_USING_SECRETS_PROPERLY = [
    {"name": "Use the RPM token through the module", "envops.environments.rpm_environment": {
        "api_url": "{{ rpm_api_url }}", "token": "{{ rpm_token }}", "name": "production",
        "deployment_policy": "closed"}, "diff": True},
    {"name": "A failure whose URL carries the token", "ignore_errors": True,
     "envops.environments.rpm_environment": {"api_url": "{{ rpm_api_url }}/not-rpm", "token": "{{ rpm_token }}",
                                             "name": "aws_cloud"}},
]


@pytest.fixture
def planted_targets(tmp_path, monkeypatch):
    """A targets directory of three roles, in place of the real one."""
    for name, tasks in (("leak_rpm_token", ROLE_LEAKING_THE_RPM_TOKEN),
                        ("leak_issued_token", ROLE_LEAKING_AN_ISSUED_TOKEN),
                        ("uses_secrets_properly", ROLE_USING_SECRETS_PROPERLY)):
        (tmp_path / "targets" / name / "tasks").mkdir(parents=True)
        (tmp_path / "targets" / name / "tasks" / "main.yml").write_text(yaml.safe_dump(tasks))
    monkeypatch.setattr(run_integration, "TARGETS", str(tmp_path / "targets"))
    monkeypatch.setattr(run_integration, "OUTPUT", str(tmp_path / "output"))
    return tmp_path


def run_planted(emu, name):
    config = run_integration.write_integration_config(emu)
    try:
        return run_integration.run_target(name, emu, COLLECTIONS, config, "-vvvv")
    finally:
        os.unlink(config)


def test_the_runner_finds_a_credential_printed_by_a_task(emulator, planted_targets):
    rc, leaked, dummy, output = run_planted(emulator, "leak_rpm_token")
    assert rc == 0, output[-3000:]
    assert leaked == [emulator.connection_vars()["rpm_token"]]


def test_the_runner_finds_a_token_issued_during_the_run(emulator, planted_targets):
    rc, leaked, dummy, output = run_planted(emulator, "leak_issued_token")
    assert rc == 0, output[-3000:]
    issued = emulator.admin("GET", "/_admin/issued_tokens")
    assert len(issued) == 1 and leaked == issued


def test_the_runner_passes_modules_that_keep_secrets(emulator, planted_targets):
    rc, leaked, dummy, output = run_planted(emulator, "uses_secrets_properly")
    assert rc == 0, output[-3000:]
    assert leaked == []
    # The failing task really printed its URL, masked.
    assert "token=********" in output


def test_the_runner_exits_non_zero_on_a_leak(planted_targets, monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["run_integration.py", "--collections", COLLECTIONS, "leak_rpm_token",
                                      "uses_secrets_properly"])
    assert run_integration.main() == 1
    out = capsys.readouterr().out
    assert "FAIL leak_rpm_token" in out and "secret leaked into output" in out
    assert "PASS uses_secrets_properly" in out
    assert "integration: 2 passed, 2 failed" in out  # each target both ways: fast path and module


# A -vvvv run of every product with secrets of this test's own choosing -----------------------------
def chosen_secrets():
    def make(label):
        return "%s-%s" % (label, secrets.token_hex(8))
    return {
        "EMULATOR_RPM_TOKEN": make("rpmtok"),
        "EMULATOR_FLEXDEPLOY_PASSWORD": make("fdpass"),
        "EMULATOR_PLUTORA_CLIENT_SECRET": make("plsecret"),
        "EMULATOR_PLUTORA_PASSWORD": make("plpass"),
    }


EXPECTED_FAILURES = ["rpm default deactivated (422, URL with token)", "rpm wrong token", "plutora failure",
                     "flexdeploy failure carrying the secret", "flexdeploy wrong password"]


def playbook(secret_property, v):
    rpm = {"api_url": v["rpm_api_url"], "token": v["rpm_token"]}
    plutora = {"api_url": v["plutora_api_url"], "client_id": v["plutora_client_id"],
               "client_secret": v["plutora_client_secret"], "username": v["plutora_username"],
               "password": v["plutora_password"]}
    flexdeploy = {"api_url": v["flexdeploy_api_url"], "username": v["flexdeploy_username"],
                  "password": v["flexdeploy_password"]}
    target = {"environment": "DEV", "instance": "SOA", "update_secrets": "always",
              "secret_properties": {"MDS_PASS": secret_property}}
    tasks = [
        {"name": "rpm create", "envops.environments.rpm_environment": {"name": "sec-env", "default": True,
                                                                       "deployment_policy": "closed"}},
        {"name": "rpm default deactivated (422, URL with token)", "ignore_errors": True,
         "envops.environments.rpm_environment": {"name": "sec-env", "active": False}},
        {"name": "rpm wrong token", "ignore_errors": True,
         "envops.environments.rpm_environment": {"name": "x", "token": "wrong-token-for-sure"}},
        {"name": "rpm info", "envops.environments.rpm_environment_info": {"name": "sec-env"}},
        {"name": "plutora token", "no_log": True, "register": "auth", "envops.environments.plutora_token": {}},
        {"name": "plutora system with the reused token",
         "envops.environments.plutora_system": {"access_token": "{{ auth.access_token }}", "name": "Sec System",
                                                "vendor": "V", "status": "Active", "organization": "ABC Group"}},
        {"name": "plutora failure", "ignore_errors": True,
         "envops.environments.plutora_system": {"name": "Sec System", "organization": "No Such Org"}},
        {"name": "flexdeploy secret property", "envops.environments.flexdeploy_target": target},
        {"name": "flexdeploy secret property again", "envops.environments.flexdeploy_target": target},
        {"name": "flexdeploy failure carrying the secret", "ignore_errors": True,
         "envops.environments.flexdeploy_target": dict(target, properties={"NO_SUCH_PROP": "x"})},
        {"name": "flexdeploy wrong password", "ignore_errors": True,
         "envops.environments.flexdeploy_environment": {"code": "QA", "password": "wrong-password-for-sure"}},
    ]
    return [{"hosts": "localhost", "gather_facts": False,
             "module_defaults": {"group/envops.environments.rpm": rpm, "group/envops.environments.plutora": plutora,
                                 "group/envops.environments.flexdeploy": flexdeploy},
             "tasks": tasks}]


def test_no_secret_of_any_product_shows_in_a_verbose_run(tmp_path):
    chosen = chosen_secrets()
    secret_property = "mds-%s" % secrets.token_hex(8)
    env = dict(os.environ, **chosen)
    with Emulator(env=env) as emu:
        # connection_vars() knows the default credentials; this emulator was started with others.
        values = dict(emu.connection_vars(), rpm_token=chosen["EMULATOR_RPM_TOKEN"],
                      flexdeploy_password=chosen["EMULATOR_FLEXDEPLOY_PASSWORD"],
                      plutora_client_secret=chosen["EMULATOR_PLUTORA_CLIENT_SECRET"],
                      plutora_password=chosen["EMULATOR_PLUTORA_PASSWORD"])
        (tmp_path / "play.yml").write_text(yaml.safe_dump(playbook(secret_property, values)))
        run_env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS, ANSIBLE_NOCOLOR="1",
                       ANSIBLE_LOCALHOST_WARNING="0", ANSIBLE_INVENTORY_UNPARSED_WARNING="0",
                       ANSIBLE_PYTHON_INTERPRETER=sys.executable)
        proc = subprocess.run(["ansible-playbook", "-i", "localhost,", "-c", "local", "-vvvv", "--diff",
                               str(tmp_path / "play.yml")], env=run_env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, timeout=600, check=False)
        issued = emu.admin("GET", "/_admin/issued_tokens")
        log = emu.requests()
    output = proc.stdout
    assert proc.returncode == 0, output[-4000:]
    # The run did what it claims: every product was reached and the secret property was sent.
    assert set(r["product"] for r in log) == {"rpm", "plutora", "flexdeploy"}
    assert any(r["method"] in ("PATCH", "PUT") and "environmentinstance" in r["path"] for r in log)
    assert len(issued) == 2  # plutora_token, and the failing task that fetched its own
    ignored = re.findall(r"TASK \[([^\]]+)\](?:(?!TASK \[).)*?\.\.\.ignoring", output, re.S)
    assert sorted(ignored) == sorted(EXPECTED_FAILURES), ignored
    assert "ok=11" in output, output[-1500:]
    wanted_secret = list(chosen.values()) + issued + [secret_property, "wrong-token-for-sure",
                                                      "wrong-password-for-sure"]
    leaked = [s for s in wanted_secret if s in output]
    assert leaked == [], "secrets in the -vvvv output: %s" % leaked
    # Masking really happened where secrets travel (not just nothing printed).
    assert "token=********" in output
