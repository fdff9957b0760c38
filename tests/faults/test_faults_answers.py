# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A wrong or broken server never leads to a write.

Answers that do not have the shape the product documents give (a list of records with their
identifying keys, or one record) are what a wrong api_url, a proxy or a half-broken server sends.
Every module must fail clearly on them, naming the request (its URL redacted) and what was
expected, with no Python error, and must send no write.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import collections
import functools
import importlib
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from harness import Emulator

Case = collections.namedtuple("Case", "module args faults words")
RPM_SEARCH = r"^/brpm/v1/environments$"
FD_ENVIRONMENTS = r"^/flexdeploy/rest/v1/topology/environment$"

# (emu, **extra) -> the product's module options against the emulator, plus extra.
rpm = functools.partial(Emulator.module_options, product="rpm")
flexdeploy = functools.partial(Emulator.module_options, product="flexdeploy")
plutora = functools.partial(Emulator.module_options, product="plutora")


def answer(path, body, status=200, content_type="application/json", method="GET", count=5):
    return dict(method=method, path=path, status=status, body=body, content_type=content_type, count=count)


def case(id, module, args, faults, words):
    return pytest.param(Case(module, args, faults, words), id=id)


NEW_RPM = dict(name="brand-new-env", deployment_policy="opened")
NEW_FD_ENV = dict(code="NEWENV", name="New environment")
NEW_SYSTEM = dict(name="Brand New System", vendor="V", status="Active", organization="ABC Group")

CASES = [
    # RPM: only RPM's own 404 (a body of one space) is an empty search.
    case("rpm-404-without-body-is-not-an-empty-search", "rpm_environment", lambda e: rpm(e, **NEW_RPM),
         [answer(RPM_SEARCH, "", status=404, content_type="text/plain")],
         ["HTTP 404", "an empty body", "token=********", "api_url", "Nothing was written"]),
    case("rpm-404-empty-json-is-not-an-empty-search", "rpm_environment", lambda e: rpm(e, **NEW_RPM),
         [answer(RPM_SEARCH, "", status=404)], ["HTTP 404", "token=********", "RPM's documented 404"]),
    case("rpm-info-404-without-body-fails-instead-of-empty-list", "rpm_environment_info",
         lambda e: rpm(e, name="anything"), [answer(RPM_SEARCH, "", status=404, content_type="text/plain")],
         ["HTTP 404", "token=********"]),
    case("rpm-info-by-id-404-without-body", "rpm_environment_info", lambda e: rpm(e, id=1),
         [answer(r"^/brpm/v1/environments/1$", "", status=404, content_type="text/plain")],
         ["HTTP 404", "token=********"]),
    case("rpm-search-answers-an-object", "rpm_environment", lambda e: rpm(e, **NEW_RPM),
         [answer(RPM_SEARCH, '{"id": 7, "name": "brand-new-env"}')],
         ["expected a JSON list of environments records"]),
    case("rpm-search-answers-text", "rpm_environment", lambda e: rpm(e, **NEW_RPM),
         [answer(RPM_SEARCH, "OK", content_type="text/plain")], ["not JSON", "expected a JSON list"]),
    case("rpm-server-lookup-answers-records-without-id", "rpm_environment",
         lambda e: rpm(e, name="production", servers=["qa-app-01"]),
         [answer(r"^/brpm/v1/servers$", '[{"name": "qa-app-01"}]')], ["servers records with id, name"]),
    # FlexDeploy: `.json or []` read these as "no such environment" (and created it) or crashed.
    case("flexdeploy-200-text-plain", "flexdeploy_environment", lambda e: flexdeploy(e, **NEW_FD_ENV),
         [answer(FD_ENVIRONMENTS, "OK", content_type="text/plain")],
         ["GET", "/topology/environment", "not JSON", "expected a JSON list of environment records"]),
    case("flexdeploy-object-where-a-list-belongs", "flexdeploy_environment", lambda e: flexdeploy(e, **NEW_FD_ENV),
         [answer(FD_ENVIRONMENTS, '{"environmentId": 1, "environmentCode": "NEWENV"}')],
         ["a JSON object", "expected a JSON list of environment records with environmentId, environmentCode"]),
    case("flexdeploy-list-of-numbers", "flexdeploy_environment", lambda e: flexdeploy(e, **NEW_FD_ENV),
         [answer(FD_ENVIRONMENTS, "[1, 2, 3]")], ["a JSON list", "expected a JSON list of environment records"]),
    case("flexdeploy-empty-200", "flexdeploy_environment", lambda e: flexdeploy(e, **NEW_FD_ENV),
         [answer(FD_ENVIRONMENTS, "", content_type="text/plain")], ["an empty body"]),
    case("flexdeploy-group-list-of-strings", "flexdeploy_group", lambda e: flexdeploy(e, name="Auditors"),
         [answer(r"^/flexdeploy/rest/v1/administration/security/group$", '["Auditors"]')],
         ["expected a JSON list of group records"]),
    case("flexdeploy-target-answers-a-list", "flexdeploy_target",
         lambda e: flexdeploy(e, environment="12347", instance="12342", active=False),
         [answer(r"^/flexdeploy/rest/v1/topology/environmentinstance/12347/12342$", "[]")],
         ["expected a JSON object of target"]),
    case("flexdeploy-instance-records-without-ids", "flexdeploy_environment",
         lambda e: flexdeploy(e, code="QA", instances=["OSB", "DB"]),
         [answer(r"^/flexdeploy/rest/v1/topology/instance$", '[{"instanceCode": "OSB"}, {"instanceCode": "DB"}]')],
         ["expected a JSON list of instance records with instanceId"]),
    case("flexdeploy-info-by-id-answers-a-list", "flexdeploy_environment_info", lambda e: flexdeploy(e, id=12347),
         [answer(r"^/flexdeploy/rest/v1/topology/environment/12347$", "[]")], ["expected a JSON object"]),
    # Plutora
    case("plutora-search-answers-names", "plutora_system", lambda e: plutora(e, **NEW_SYSTEM),
         [answer(r"^/plutora/systems$", '["Brand New System"]')], ["expected a JSON list of systems records"]),
    case("plutora-envelope-without-result-set", "plutora_system", lambda e: plutora(e, **NEW_SYSTEM),
         [answer(r"^/plutora/systems$", '{"totalCount": 0}')], ["expected a JSON list of systems records"]),
    case("plutora-record-answers-a-list", "plutora_environment_info",
         lambda e: plutora(e, name="Core Banking Env 001"),
         [answer(r"^/plutora/environments/[0-9a-f-]+$", "[]")], ["expected a JSON object of environment record"]),
    case("plutora-lookup-values-without-ids", "plutora_environment",
         lambda e: plutora(e, name="Core Banking Env 001", usage="Dev"),
         [answer(r"^/plutora/lookupfields/UsedForWorkItem$", '[{"value": "Dev"}]')],
         ["UsedForWorkItem values with id, value"]),
    case("plutora-organizations-answer-text", "plutora_system", lambda e: plutora(e, **NEW_SYSTEM),
         [answer(r"^/plutora/organizations$", "<ok/>", content_type="text/xml")], ["not JSON"]),
]


def writes(emu):
    return [r for r in emu.requests() if r["method"] != "GET" and not r["path"].endswith("/oauth/token")]


@pytest.mark.parametrize("case", CASES)
def test_an_answer_that_does_not_fit_fails_clearly_and_writes_nothing(case, emu, run_module):
    module = importlib.import_module("ansible_collections.envops.environments.plugins.modules." + case.module)
    for fault in case.faults:
        emu.inject(**fault)
    emu.clear_log()
    try:
        result, failed = run_module(module, case.args(emu))
    except Exception as exc:  # a Python error reaching the user is the failure under test
        pytest.fail("%s raised %r instead of failing cleanly" % (case.module, exc))
    assert failed, "the task succeeded on an answer that does not fit: %s" % result
    for word in case.words:
        assert word in result["msg"], "%r not in: %s" % (word, result["msg"])
    assert "Traceback" not in result["msg"]
    assert emu.connection_vars()["rpm_token"] not in repr(result)
    assert writes(emu) == []


def test_rpm_documented_empty_search_still_reads_as_no_records(emu, run_module):
    """The other side: RPM's own blank 404 is an empty search, and the create follows."""
    from ansible_collections.envops.environments.plugins.modules import rpm_environment_info, rpm_environment
    info, failed = run_module(rpm_environment_info, rpm(emu, name="no-such-env"))
    assert not failed and info["environments"] == []
    created, failed = run_module(rpm_environment, rpm(emu, **NEW_RPM))
    assert not failed and created["changed"] and created["environment"]["name"] == "brand-new-env"


class Blank404(BaseHTTPRequestHandler):
    """What a proxy or a web server at a wrong api_url may answer: 404 with no body at all."""

    seen = []

    def _answer(self):
        Blank404.seen.append((self.command, self.path))
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = do_PUT = do_DELETE = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def blank_404_server():
    server = HTTPServer(("127.0.0.1", 0), Blank404)
    Blank404.seen = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield "http://127.0.0.1:%d" % server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("module_name", ["rpm_environment", "rpm_environment_info"])
def test_rpm_at_a_url_that_answers_blank_404s_fails_and_sends_no_create(blank_404_server, emu, run_module, module_name):
    module = importlib.import_module("ansible_collections.envops.environments.plugins.modules." + module_name)
    token = emu.connection_vars()["rpm_token"]
    args = {"api_url": blank_404_server + "/brpm", "token": token, "name": "qa"}
    result, failed = run_module(module, args)
    assert failed, result
    assert blank_404_server + "/brpm/v1/environments" in result["msg"]
    assert "token=********" in result["msg"] and token not in repr(result)
    # The token went only to reads; no create was sent to that server.
    assert Blank404.seen and all(method == "GET" for method, _path in Blank404.seen)
