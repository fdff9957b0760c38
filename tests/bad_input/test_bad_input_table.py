# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bad input across every module, one row each: the task fails, the message names the problem,
no Python exception escapes the module, and nothing is written.

Row fields:
  module   the module under test
  args     a function of the emulator giving the task's arguments
  words    what the message must contain (the option and the allowed values or the cause)
  sends    "nothing": rejected before any HTTP request (needs no server to spot);
           "reads":  may read (to resolve names or authenticate) but sends no write
  faults   emulator faults queued before the run (malformed answers)
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections
import importlib
import time

import pytest

from harness import free_port

PLUTORA_ENV = ("PLUTORA_API_URL", "PLUTORA_AUTH_URL", "PLUTORA_CLIENT_ID", "PLUTORA_CLIENT_SECRET",
               "PLUTORA_USERNAME", "PLUTORA_PASSWORD", "PLUTORA_ACCESS_TOKEN", "PLUTORA_TIMEOUT",
               "PLUTORA_CA_PATH", "PLUTORA_VALIDATE_CERTS")
CONNECTION_ENV = PLUTORA_ENV + tuple(n.replace("PLUTORA_", p) for n in PLUTORA_ENV for p in ("RPM_", "FLEXDEPLOY_"))

Row = collections.namedtuple("Row", "id module args words sends faults")


def row(id, module, args, words, sends="nothing", faults=()):
    return pytest.param(Row(id, module, args, words, sends, list(faults)), id=id)


# Connection settings ------------------------------------------------------------------------------
def rpm(emu, **extra):
    args = {"api_url": emu.url + "/brpm", "token": emu.connection_vars()["rpm_token"]}
    args.update(extra)
    return dict((k, v) for k, v in args.items() if v is not None)


def plutora(emu, **extra):
    v = emu.connection_vars()
    args = {"api_url": v["plutora_api_url"], "client_id": v["plutora_client_id"],
            "client_secret": v["plutora_client_secret"], "username": v["plutora_username"],
            "password": v["plutora_password"]}
    args.update(extra)
    return dict((k, v) for k, v in args.items() if v is not None)


def flexdeploy(emu, **extra):
    v = emu.connection_vars()
    args = {"api_url": v["flexdeploy_api_url"], "username": v["flexdeploy_username"],
            "password": v["flexdeploy_password"]}
    args.update(extra)
    return dict((k, v) for k, v in args.items() if v is not None)


def closed_port_url(path):
    return "http://127.0.0.1:%d%s" % (free_port(), path)


def html_page(method="GET", path=r"/environments", status=200):
    return dict(method=method, path=path, status=status, content_type="text/html",
                body="<!DOCTYPE html><html><body><h1>Sign in</h1></body></html>")


def truncated_json(method="GET", path=r"/environments"):
    return dict(method=method, path=path, status=200, content_type="application/json",
                body='[{"id": 1, "name": "aws_cl')


RPM_ROWS = [
    # Connection options (shared by every RPM module)
    row("rpm-missing-token", "rpm_environment", lambda e: rpm(e, token=None, name="x"),
        ["token", "RPM_TOKEN"]),
    row("rpm-missing-api-url", "rpm_environment", lambda e: rpm(e, api_url=None, name="x"),
        ["api_url", "RPM_API_URL"]),
    row("rpm-url-without-scheme", "rpm_environment", lambda e: rpm(e, api_url="127.0.0.1:8443/brpm", name="x"),
        ["api_url: '127.0.0.1:8443/brpm' is not an http:// or https:// URL", "https://127.0.0.1:8443/brpm",
         "RPM_API_URL"]),
    row("rpm-timeout-not-a-number", "rpm_environment", lambda e: rpm(e, timeout="soon", name="x"),
        ["timeout", "int"]),
    row("rpm-timeout-zero", "rpm_environment", lambda e: rpm(e, timeout=0, name="x"),
        ["timeout", "positive"]),
    row("rpm-validate-certs-not-bool", "rpm_environment", lambda e: rpm(e, validate_certs="perhaps", name="x"),
        ["validate_certs", "bool"]),
    row("rpm-ca-path-missing-file", "rpm_environment", lambda e: rpm(e, ca_path="/nonexistent/ca.pem", name="x"),
        ["ca_path", "/nonexistent/ca.pem"]),
    row("rpm-unreachable-url", "rpm_environment", lambda e: rpm(e, api_url=closed_port_url("/brpm"), name="x"),
        ["nothing listens at 127.0.0.1:", "(connection refused); check api_url / RPM_API_URL"], sends="reads"),
    row("rpm-wrong-token", "rpm_environment", lambda e: rpm(e, token="not-the-token-4711", name="x"),
        ["HTTP 403", "Invalid API Key"], sends="reads"),
    row("rpm-url-not-rpm", "rpm_environment", lambda e: rpm(e, api_url=e.url + "/not-rpm", name="x"),
        ["404", "api_url"], sends="reads"),
    # rpm_environment options
    row("rpm-missing-name", "rpm_environment", lambda e: rpm(e, deployment_policy="opened"),
        ["missing required arguments", "name"]),
    row("rpm-unknown-state", "rpm_environment", lambda e: rpm(e, name="x", state="gone"),
        ["state", "present, absent"]),
    row("rpm-invalid-policy", "rpm_environment", lambda e: rpm(e, name="x", deployment_policy="open"),
        ["deployment_policy", "opened, closed"]),
    row("rpm-active-not-bool", "rpm_environment", lambda e: rpm(e, name="x", active="maybe"),
        ["active", "bool"]),
    row("rpm-servers-not-a-list", "rpm_environment", lambda e: rpm(e, name="x", servers={"qa-app-01": 1}),
        ["servers", "list"]),
    row("rpm-unknown-option", "rpm_environment", lambda e: rpm(e, name="x", colour="red"),
        ["Unsupported parameters", "colour"]),
    row("rpm-blank-name", "rpm_environment", lambda e: rpm(e, name="   "),
        ["name", "empty"]),
    row("rpm-name-too-long", "rpm_environment", lambda e: rpm(e, name="e" * 256),
        ["name", "255"]),
    row("rpm-absent-but-active", "rpm_environment", lambda e: rpm(e, name="production", state="absent", active=True),
        ["active=true", "state=absent"]),
    row("rpm-default-but-inactive", "rpm_environment",
        lambda e: rpm(e, name="production", default=True, active=False),
        ["default=true", "active=false"]),
    row("rpm-unknown-environment-type", "rpm_environment", lambda e: rpm(e, name="x", environment_type="Productoin"),
        ["environment_type", "Productoin", "Production"], sends="reads"),
    row("rpm-unknown-environment-type-id", "rpm_environment", lambda e: rpm(e, name="x", environment_type="99"),
        ["environment_type", "99"], sends="reads"),
    row("rpm-unknown-server", "rpm_environment", lambda e: rpm(e, name="x", servers=["qa-app-1"]),
        ["servers", "qa-app-1", "qa-app-01"], sends="reads"),
    row("rpm-unknown-server-id", "rpm_environment", lambda e: rpm(e, name="x", servers=["999"]),
        ["servers", "999"], sends="reads"),
    row("rpm-unknown-server-group", "rpm_environment", lambda e: rpm(e, name="x", server_groups=["QA Wbe"]),
        ["server_groups", "QA Wbe", "QA Web"], sends="reads"),
    row("rpm-unknown-default-group", "rpm_environment", lambda e: rpm(e, name="x", default_server_group="Nope"),
        ["default_server_group", "Nope"], sends="reads"),
    # Malformed answers
    row("rpm-html-instead-of-json", "rpm_environment", lambda e: rpm(e, name="x"),
        ["HTML"], sends="reads", faults=[html_page()]),
    row("rpm-truncated-json", "rpm_environment", lambda e: rpm(e, name="x"),
        ["not valid JSON"], sends="reads", faults=[truncated_json()]),
    row("rpm-json-not-records", "rpm_environment", lambda e: rpm(e, name="x"),
        ["expected a JSON list of environments records with id"], sends="reads",
        faults=[dict(method="GET", path="/environments", status=200, body='["aws_cloud", "production"]')]),
    row("rpm-500-html-page", "rpm_environment", lambda e: rpm(e, name="x"),
        ["HTTP 500", "HTML page"], sends="reads", faults=[html_page(status=500)]),
    # rpm_server
    row("rpm-server-missing-name", "rpm_server", lambda e: rpm(e, dns="x.example.com"),
        ["missing required arguments: name"]),
    row("rpm-server-unknown-state", "rpm_server", lambda e: rpm(e, name="x", state="deleted"),
        ["state", "present, absent"]),
    row("rpm-server-active-not-bool", "rpm_server", lambda e: rpm(e, name="x", active="sometimes"),
        ["active", "bool"]),
    row("rpm-server-absent-but-active", "rpm_server", lambda e: rpm(e, name="qa-app-01", state="absent", active=True),
        ["active=true", "state=absent"]),
    row("rpm-server-unknown-option", "rpm_server", lambda e: rpm(e, name="x", hostname="x"),
        ["hostname", "Unsupported parameters"]),
    row("rpm-server-json-not-records", "rpm_server", lambda e: rpm(e, name="x"),
        ["expected a JSON list of servers records with id"], sends="reads",
        faults=[dict(method="GET", path="/servers", status=200, body='{"servers": ["qa-app-01"]}')]),
    row("rpm-server-html-instead-of-json", "rpm_server", lambda e: rpm(e, name="x"),
        ["HTML page"], sends="reads", faults=[html_page(path=r"/servers")]),
    # rpm_environment_info
    row("rpm-info-id-not-int", "rpm_environment_info", lambda e: rpm(e, id="twelve"),
        ["id", "int"]),
    row("rpm-info-unknown-type", "rpm_environment_info", lambda e: rpm(e, environment_type="Stagin"),
        ["environment_type", "Staging"], sends="reads"),
]

PLUTORA_ROWS = [
    # Connection options
    row("plutora-no-credentials", "plutora_system", lambda e: {"api_url": e.url + "/plutora", "name": "S"},
        ["client_id (or the PLUTORA_CLIENT_ID environment variable)", "password (or the PLUTORA_PASSWORD",
         "or give access_token (or the PLUTORA_ACCESS_TOKEN environment variable) instead"]),
    row("plutora-url-without-scheme", "plutora_system", lambda e: plutora(e, api_url="usapi.plutora.com", name="S"),
        ["api_url: 'usapi.plutora.com' is not an http:// or https:// URL", "PLUTORA_API_URL"]),
    row("plutora-wrong-client-secret", "plutora_system",
        lambda e: plutora(e, client_secret="wrong-secret-0000", name="S"),
        ["client_id/client_secret", "Client authentication failed"], sends="reads"),
    row("plutora-wrong-password", "plutora_system", lambda e: plutora(e, password="wrong-password-0000", name="S"),
        ["user name or password is incorrect"], sends="reads"),
    row("plutora-bogus-token-no-credentials", "plutora_system",
        lambda e: {"api_url": e.url + "/plutora", "access_token": "bogus-token-value-0000", "name": "S",
                   "vendor": "V", "status": "Active", "organization": "ABC Group"},
        ["access token", "HTTP 401", "client_id"], sends="reads"),
    row("plutora-unreachable-auth-url", "plutora_system",
        lambda e: plutora(e, auth_url=closed_port_url("/oauth/token"), name="S"),
        ["nothing listens at 127.0.0.1:", "(connection refused); check auth_url / PLUTORA_AUTH_URL"], sends="reads"),
    # plutora_system
    row("plutora-system-bad-status", "plutora_system", lambda e: plutora(e, name="S", status="Enabled"),
        ["status", "Active, Inactive"]),
    row("plutora-system-unknown-organization", "plutora_system",
        lambda e: plutora(e, name="S", vendor="V", status="Active", organization="ABC Groop"),
        ["organization", "ABC Groop", "ABC Group"], sends="reads"),
    row("plutora-system-create-missing-fields", "plutora_system", lambda e: plutora(e, name="Brand New System"),
        ["vendor"], sends="reads"),
    # plutora_environment
    row("plutora-env-color-name", "plutora_environment", lambda e: plutora(e, name="E", color="white"),
        ["color", "#rrggbb"]),
    row("plutora-env-color-not-hex", "plutora_environment", lambda e: plutora(e, name="E", color="#GG0000"),
        ["color", "#rrggbb"]),
    row("plutora-env-shared-not-bool", "plutora_environment", lambda e: plutora(e, name="E", shared="sometimes"),
        ["shared", "bool"]),
    row("plutora-env-layer-without-component", "plutora_environment",
        lambda e: plutora(e, name="E", hosts=[{"name": "H", "layers": [{"version": "1"}]}]),
        ["component_name"]),
    row("plutora-env-duplicate-host", "plutora_environment",
        lambda e: plutora(e, name="E", hosts=[{"name": "H"}, {"name": "H"}]),
        ["hosts", "more than once"], sends="reads"),
    row("plutora-env-unknown-usage", "plutora_environment",
        lambda e: plutora(e, name="Core Banking Env 001", usage="Devv"),
        ["usage", "Devv", "Dev"], sends="reads"),
    row("plutora-env-unknown-status", "plutora_environment",
        lambda e: plutora(e, name="Core Banking Env 001", status="Retired"),
        ["status", "Retired", "Active"], sends="reads"),
    row("plutora-env-unknown-system", "plutora_environment",
        lambda e: plutora(e, name="Core Banking Env 001", system="Core Bankin"),
        ["system", "Core Bankin"], sends="reads"),
    row("plutora-env-unknown-stack-layer", "plutora_environment",
        lambda e: plutora(e, name="Core Banking Env 001",
                          hosts=[{"name": "H", "layers": [{"component_name": "C", "stack_layer": "Frontend"}]}]),
        ["stack_layer", "Frontend", "Application"], sends="reads"),
    row("plutora-env-html-answer", "plutora_environment", lambda e: plutora(e, name="E"),
        ["HTML"], sends="reads", faults=[html_page(path="/plutora/environments")]),
    # plutora_environment_group
    row("plutora-group-color", "plutora_environment_group", lambda e: plutora(e, name="G", color="blue"),
        ["color", "#rrggbb"]),
    row("plutora-group-unknown-environment", "plutora_environment_group",
        lambda e: plutora(e, name="G", environments=["Core Banking Env 001", "No Such Env"]),
        ["environments", "No Such Env"], sends="reads"),
    row("plutora-group-connection-missing-target", "plutora_environment_group",
        lambda e: plutora(e, name="G", connections=[{"source": "A", "type": "HTTPS"}]),
        ["target"]),
    row("plutora-group-unknown-connection-type", "plutora_environment_group",
        lambda e: plutora(e, name="G", environments=["Core Banking Env 001", "Core Banking Env 002"],
                          connections=[{"source": "Core Banking Env 001", "target": "Core Banking Env 002",
                                        "type": "FTP"}]),
        ["FTP", "HTTPS"], sends="reads"),
    row("plutora-group-connection-outside-group", "plutora_environment_group",
        lambda e: plutora(e, name="G", environments=["Core Banking Env 001", "Core Banking Env 002"],
                          connections=[{"source": "Core Banking Env 001", "target": "Core Banking Env 003",
                                        "type": "HTTPS"}]),
        ["connections", "Core Banking Env 003", "not in the group"], sends="reads"),
]

FLEXDEPLOY_ROWS = [
    # Connection options
    row("flexdeploy-missing-password", "flexdeploy_environment", lambda e: flexdeploy(e, password=None, code="X"),
        ["password", "FLEXDEPLOY_PASSWORD"]),
    row("flexdeploy-wrong-password", "flexdeploy_environment",
        lambda e: flexdeploy(e, password="wrong-password-0000", code="QA", description="x"),
        ["401", "Authentication failure"], sends="reads"),
    row("flexdeploy-unreachable-url", "flexdeploy_environment",
        lambda e: flexdeploy(e, api_url=closed_port_url("/flexdeploy"), code="QA"),
        ["nothing listens at 127.0.0.1:", "(connection refused); check api_url / FLEXDEPLOY_API_URL"], sends="reads"),
    row("flexdeploy-truncated-json", "flexdeploy_environment", lambda e: flexdeploy(e, code="QA", description="x"),
        ["not valid JSON"], sends="reads", faults=[truncated_json(path="/topology/environment")]),
    # flexdeploy_environment
    row("flexdeploy-env-create-without-name", "flexdeploy_environment", lambda e: flexdeploy(e, code="NEWENV"),
        ["name", "NEWENV"], sends="reads"),
    row("flexdeploy-env-sort-number-not-int", "flexdeploy_environment",
        lambda e: flexdeploy(e, code="QA", sort_number="first"),
        ["sort_number", "int"]),
    row("flexdeploy-env-invalid-mode", "flexdeploy_environment", lambda e: flexdeploy(e, code="QA", mode="overwrite"),
        ["mode", "merge, replace"]),
    row("flexdeploy-env-unknown-instance", "flexdeploy_environment",
        lambda e: flexdeploy(e, code="QA", instances=["OSB", "NOPE"]),
        ["instances", "NOPE"], sends="reads"),
    # flexdeploy_target
    row("flexdeploy-target-unknown-environment", "flexdeploy_target",
        lambda e: flexdeploy(e, environment="DEVV", instance="SOA", active=True),
        ["environment", "DEVV"], sends="reads"),
    row("flexdeploy-target-ambiguous-environment", "flexdeploy_target",
        lambda e: flexdeploy(e, environment="Sandbox", instance="SOA", active=True),
        ["environment", "Sandbox", "code"], sends="reads"),
    row("flexdeploy-target-instance-not-in-environment", "flexdeploy_target",
        lambda e: flexdeploy(e, environment="QA", instance="SOA", active=True),
        ["instance", "SOA", "not an instance of environment"], sends="reads"),
    row("flexdeploy-target-resource-ids-not-int", "flexdeploy_target",
        lambda e: flexdeploy(e, environment="DEV", instance="SOA", endpoints=[{"id": 10101, "resource_ids": ["a"]}]),
        ["resource_ids", "int"]),
    row("flexdeploy-target-property-without-name", "flexdeploy_target",
        lambda e: flexdeploy(e, environment="DEV", instance="SOA", properties={"": "x"}),
        ["properties", "without a name"]),
    row("flexdeploy-target-property-unknown-key", "flexdeploy_target",
        lambda e: flexdeploy(e, environment="DEV", instance="SOA",
                             properties={"FDSOA_SERVER_PORT": {"value": 8002, "colour": "red"}}),
        ["FDSOA_SERVER_PORT", "colour"]),
    row("flexdeploy-target-property-value-and-credential", "flexdeploy_target",
        lambda e: flexdeploy(e, environment="DEV", instance="SOA",
                             properties={"MDS_PASS": {"value": "x", "credential_id": 74952}}),
        ["MDS_PASS", "give one of them"]),
    row("flexdeploy-target-undefined-property", "flexdeploy_target",
        lambda e: flexdeploy(e, environment="DEV", instance="SOA", properties={"NO_SUCH_PROP": "x"}),
        ["NO_SUCH_PROP", "FDSOA_SERVER_PORT"], sends="reads"),
    row("flexdeploy-target-invalid-update-secrets", "flexdeploy_target",
        lambda e: flexdeploy(e, environment="DEV", instance="SOA", update_secrets="sometimes"),
        ["update_secrets", "on_create, always"]),
    # flexdeploy_group
    row("flexdeploy-group-unknown-object-type", "flexdeploy_group",
        lambda e: flexdeploy(e, name="Auditors", global_permissions={"APPROVALS": ["READ"]}),
        ["APPROVALS", "allowed object types", "APPROVAL"]),
    row("flexdeploy-group-action-not-allowed", "flexdeploy_group",
        lambda e: flexdeploy(e, name="Auditors", global_permissions={"NOTIFICATION": ["EXECUTE"]}),
        ["EXECUTE", "NOTIFICATION", "allowed actions"]),
    row("flexdeploy-group-permissions-not-a-dict", "flexdeploy_group",
        lambda e: flexdeploy(e, name="Auditors", global_permissions="APPROVAL"),
        ["global_permissions", "dict"]),
    row("flexdeploy-group-unknown-environment", "flexdeploy_group",
        lambda e: flexdeploy(e, name="Auditors", deployment_environments=["QA", "NOPE"]),
        ["deployment_environments", "NOPE"], sends="reads"),
    row("flexdeploy-group-administrator-not-bool", "flexdeploy_group",
        lambda e: flexdeploy(e, name="Auditors", administrator="root"),
        ["administrator", "bool"]),
]

ROWS = RPM_ROWS + PLUTORA_ROWS + FLEXDEPLOY_ROWS


def test_the_table_is_large_and_covers_every_module():
    rows = [p.values[0] for p in ROWS]
    assert len(rows) >= 40
    assert len(set(r.id for r in rows)) == len(rows)
    covered = set(r.module for r in rows)
    assert covered >= {"rpm_environment", "rpm_environment_info", "plutora_system", "plutora_environment",
                       "plutora_environment_group", "flexdeploy_environment", "flexdeploy_target",
                       "flexdeploy_group"}


@pytest.fixture
def clean_environment(monkeypatch):
    # Connection options must come from the row only, never from the caller's shell.
    for name in CONNECTION_ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("case", ROWS)
def test_bad_input_fails_clearly_without_writing(case, emu, run_module, clean_environment):
    module = importlib.import_module("ansible_collections.envops.environments.plugins.modules." + case.module)
    for fault in case.faults:
        emu.inject(**fault)
    emu.clear_log()
    started = time.time()
    try:
        result, failed = run_module(module, case.args(emu))
    except Exception as exc:  # a traceback would reach the user: that is the failure under test
        pytest.fail("%s raised %r instead of failing cleanly" % (case.module, exc))
    assert failed, "the task succeeded: %s" % result
    message = result["msg"]
    for word in case.words:
        assert word in message, "%r not in the message: %s" % (word, message)
    assert "Traceback" not in message and "exception" not in result
    log = emu.requests()
    if case.sends == "nothing":
        assert log == [], "rejected locally, yet requests were sent: %s" % log
    else:
        writes = [r for r in log if r["method"] != "GET" and not r["path"].endswith("/oauth/token")]
        assert writes == [], "a write was sent: %s" % writes
    # Refusing bad input costs no retries or waits.
    assert time.time() - started < 10
