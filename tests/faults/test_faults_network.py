# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Ordinary network gear between the modules and the products (issue 19): redirects in front of
writes, a lost DELETE answer, a dripping link, throttling with a long Retry-After, a failing token
endpoint and answers too big to read. A write is reported only when the product's own answer to it
says it was made; time and memory stay bounded."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

import pytest

from harness import collection_module as module
from redirect_front import Front

WRITES = ("POST", "PUT", "PATCH", "DELETE")


def writes_made(emu):
    """Writes the emulator acted on (a login is not a write)."""
    return [(r["method"], r["path"]) for r in emu.requests()
            if r["method"] in WRITES and str(r["status"]).startswith("2") and not r["path"].endswith("/oauth/token")]


def plutora_system(emu, run_module, name):
    """A system to delete, made straight against the emulator."""
    result, failed = run_module(module("plutora_system"), dict(emu.module_options("plutora"), name=name, vendor="V",
                                                               status="Active", organization="ABC Group"))
    assert not failed and result["changed"], result
    emu.clear_log()


# (id, product, module, task, the write's method and path, how to read the record back)
WRITE_CASES = [
    ("rpm-put", "rpm", "rpm_environment", dict(name="production", deployment_policy="closed"),
     ("PUT", r"^/brpm/v1/environments/\d+$")),
    ("rpm-delete", "rpm", "rpm_environment", dict(name="aws_cloud", state="absent"),
     ("DELETE", r"^/brpm/v1/environments/\d+$")),
    ("flexdeploy-patch", "flexdeploy", "flexdeploy_environment", dict(code="QA", description="patched"),
     ("PATCH", r"/topology/environment/\d+$")),
    ("plutora-put", "plutora", "plutora_system", dict(name="Core Banking", description="put through a front"),
     ("PUT", r"^/plutora/systems/")),
    ("plutora-delete", "plutora", "plutora_system", dict(name="Short Lived", state="absent"),
     ("DELETE", r"^/plutora/systems/")),
]


def prepare(emu, run_module, case_id):
    if case_id == "plutora-delete":
        plutora_system(emu, run_module, "Short Lived")


@pytest.mark.parametrize("case", WRITE_CASES, ids=[c[0] for c in WRITE_CASES])
def test_a_write_answered_with_302_is_not_reported_as_made(emu, run_module, case):
    """requests turned a 302 to a PUT/PATCH/DELETE into a GET of the record and the task said changed."""
    case_id, product, name, task, (method, path) = case
    prepare(emu, run_module, case_id)
    with Front(backend=emu.url) as front:
        front.redirect(302, to=front.url, method=method, path=path)
        result, failed = run_module(module(name), dict(emu.module_options(product, base=front.url), **task))
        answered = [r for r in front.received() if r["method"] == method]
    assert failed, result
    assert not result.get("changed")
    assert "the write was not made" in result["msg"] and "HTTP 302" in result["msg"], result["msg"]
    assert writes_made(emu) == []
    # The write was sent once and answered by the front; nothing was sent to where it pointed.
    assert len(answered) == 1 and answered[0]["answer"].startswith("302 ")


@pytest.mark.parametrize("status", [301, 302])
@pytest.mark.parametrize("case", WRITE_CASES, ids=[c[0] for c in WRITE_CASES])
def test_an_api_moved_on_the_same_server_fails_naming_the_new_api_url(emu, run_module, case, status):
    case_id, product, name, task, _write = case
    prepare(emu, run_module, case_id)
    with Front(backend=emu.url) as front:
        front.redirect(status, to=front.url, path=r"^/old(/.*)$", replace=r"\1")
        result, failed = run_module(module(name), dict(emu.module_options(product, base=front.url + "/old"), **task))
        new_api_url = emu.module_options(product, base=front.url)["api_url"]
    assert failed, result
    assert not result.get("changed")
    assert "HTTP %d" % status in result["msg"]
    assert "set api_url / %s_API_URL to %s." % (product.upper(), new_api_url) in result["msg"], result["msg"]
    assert result["location"].startswith(new_api_url)
    assert writes_made(emu) == []


@pytest.mark.parametrize("status", [307, 308])
@pytest.mark.parametrize("case", WRITE_CASES, ids=[c[0] for c in WRITE_CASES])
def test_a_307_or_308_on_the_same_server_resends_the_write_once(emu, run_module, case, status):
    case_id, product, name, task, (method, path) = case
    prepare(emu, run_module, case_id)
    with Front(backend=emu.url) as front:
        front.redirect(status, to=front.url, path=r"^/old(/.*)$", replace=r"\1")
        result, failed = run_module(module(name), dict(emu.module_options(product, base=front.url + "/old"), **task))
    assert not failed, result
    assert result["changed"] is True
    made = writes_made(emu)
    assert len(made) == 1 and made[0][0] == method, made
    again, failed = run_module(module(name), dict(emu.module_options(product), **task))
    assert not failed and again["changed"] is False, again


def test_a_read_redirected_on_the_same_server_is_followed(emu, run_module):
    with Front(backend=emu.url) as front:
        front.redirect(301, to=front.url, method="GET", path=r"^/old(/.*)$", replace=r"\1")
        result, failed = run_module(module("rpm_environment_info"),
                                    dict(emu.module_options("rpm", base=front.url + "/old"), name="production"))
    assert not failed, result
    assert [e["name"] for e in result["environments"]] == ["production"]


def test_a_redirect_without_location_fails_clearly(emu, run_module):
    emu.inject(status=302, method="GET", path=r"^/brpm/v1/environments$", body="", count=1)
    result, failed = run_module(module("rpm_environment"), dict(emu.module_options("rpm"), name="production",
                                                                deployment_policy="closed"))
    assert failed and "without a Location" in result["msg"], result
    assert writes_made(emu) == []


# A DELETE whose answer was lost --------------------------------------------------------------------
def test_a_plutora_delete_whose_answer_was_lost_and_whose_retry_finds_nothing_has_converged(emu, run_module):
    plutora_system(emu, run_module, "Lost Answer")
    emu.inject(drop=True, when="after", method="DELETE", path=r"^/plutora/systems/", count=1)
    result, failed = run_module(module("plutora_system"), dict(emu.module_options("plutora"), name="Lost Answer",
                                                               state="absent"))
    assert not failed, result
    assert result["changed"] is True
    deletes = [r["status"] for r in emu.requests() if r["method"] == "DELETE"]
    assert deletes == [204, 404]  # processed (its answer dropped), then the retry found it gone
    again, failed = run_module(module("plutora_system"), dict(emu.module_options("plutora"), name="Lost Answer",
                                                              state="absent"))
    assert not failed and again["changed"] is False


def test_a_plutora_delete_answered_404_at_once_still_fails(emu, run_module):
    """Only a re-sent DELETE may read a 404 as done: a first 404 is not what the read before it showed."""
    plutora_system(emu, run_module, "Vanishing")
    emu.inject(status=404, method="DELETE", path=r"^/plutora/systems/", body='{"Message": "No such system."}',
               count=1)
    result, failed = run_module(module("plutora_system"), dict(emu.module_options("plutora"), name="Vanishing",
                                                               state="absent"))
    assert failed and "HTTP 404" in result["msg"], result


# Time ------------------------------------------------------------------------------------------------
def test_an_answer_dripping_past_the_timeout_fails_at_the_timeout(emu, run_module):
    """A server sending one byte every 0.1 s held a task 67 s and more with timeout 3."""
    emu.inject(drip=0.1, method="GET", path=r"^/brpm/v1/environments$", count=1)
    started = time.time()
    result, failed = run_module(module("rpm_environment_info"), dict(emu.module_options("rpm"), timeout=3))
    held = time.time() - started
    assert failed, result
    assert "did not arrive whole within the timeout (3 s" in result["msg"], result["msg"]
    assert "Not retried" in result["msg"]
    # A bound, not a speed measurement: without the fix the answer takes its whole ~80 s to drip.
    assert held < 10, held
    assert len([r for r in emu.requests() if r["method"] == "GET"]) == 1


def test_a_silent_server_is_still_retried_within_the_timeout(emu, run_module):
    emu.inject(delay=2, method="GET", path=r"^/brpm/v1/environments$", count=1)
    result, failed = run_module(module("rpm_environment_info"), dict(emu.module_options("rpm"), timeout=1))
    assert not failed, result
    assert len(result["http_retries"]) == 1 and "no answer within the timeout (1 s)" in result["http_retries"][0]


def test_a_retry_after_beyond_the_budget_fails_at_once(emu, run_module):
    """A 429 with Retry-After: 86400 stalled 120 s per retry (480 s per request) without a word."""
    emu.inject(status=429, retry_after=86400, method="GET", path=r"^/brpm/v1/environments$", count=5)
    started = time.time()
    result, failed = run_module(module("rpm_environment_info"), dict(emu.module_options("rpm")))
    assert failed, result
    assert time.time() - started < 10
    assert "asked to wait 86400 s (Retry-After)" in result["msg"] and "60 s" in result["msg"], result["msg"]
    assert result["status"] == 429
    assert [r["status"] for r in emu.requests()] == [429]


def test_each_wait_is_listed_in_the_result(emu, run_module):
    emu.inject(status=503, retry_after=1, method="GET", path=r"^/brpm/v1/environments$", count=1)
    result, failed = run_module(module("rpm_environment_info"), dict(emu.module_options("rpm"), name="production"))
    assert not failed, result
    assert len(result["http_retries"]) == 1
    line = result["http_retries"][0]
    assert line.startswith("GET ") and "answered HTTP 503; waited 1 s (Retry-After) before retry 1 of 4" in line
    assert "token=********" in line and emu.connection_vars()["rpm_token"] not in line


def test_the_waits_of_one_request_stay_within_the_budget(emu, run_module, monkeypatch):
    """Four Retry-After of 20 s would wait 80 s: the fourth does not fit in the 60 s budget."""
    from ansible_collections.envops.environments.plugins.module_utils import rest_client
    slept = []
    monkeypatch.setattr(rest_client.RetryPolicy.__init__, "__defaults__",
                        (4, 0.5, 30.0, 60.0, None, slept.append))
    emu.inject(status=503, retry_after=20, method="GET", path=r"^/brpm/v1/environments$", count=5)
    result, failed = run_module(module("rpm_environment_info"), dict(emu.module_options("rpm")))
    assert failed, result
    assert slept == [20.0, 20.0, 20.0]
    assert "asked to wait 20 s (Retry-After)" in result["msg"], result["msg"]
    assert "more than the 0 s this request may still wait (60 s in all)" in result["msg"]


@pytest.mark.parametrize("status", [502, 503])
def test_the_plutora_login_is_retried_like_a_read(emu, run_module, status):
    emu.inject(status=status, method="POST", path=r"/oauth/token$", count=1)
    result, failed = run_module(module("plutora_system_info"), dict(emu.module_options("plutora"), name="Core Banking"))
    assert not failed, result
    logins = [r["status"] for r in emu.requests() if r["path"].endswith("/oauth/token")]
    assert logins == [status, 200]


def test_a_refused_login_is_still_one_request(emu, run_module):
    result, failed = run_module(module("plutora_system_info"),
                                dict(emu.module_options("plutora", password="wrong-password-0000")))
    assert failed
    assert [r["status"] for r in emu.requests() if r["path"].endswith("/oauth/token")] == [400]


# Size ------------------------------------------------------------------------------------------------
def test_an_answer_bigger_than_the_limit_fails_before_it_is_read_whole(emu, run_module):
    emu.inject(big_mb=20, method="GET", path=r"^/brpm/v1/environments$", count=1)
    result, failed = run_module(module("rpm_environment_info"), dict(emu.module_options("rpm"), max_response_mb=2))
    assert failed, result
    assert "bigger than max_response_mb allows (2 MB" in result["msg"], result["msg"]
    assert "Narrow the selection, or raise max_response_mb" in result["msg"]


def test_an_answer_announced_bigger_than_the_limit_is_not_read(emu, run_module):
    body = '[%s]' % ",".join('{"id": %d, "name": "e%d"}' % (n, n) for n in range(120000))
    emu.inject(status=200, body=body, method="GET", path=r"^/brpm/v1/environments$", count=1)
    result, failed = run_module(module("rpm_environment_info"), dict(emu.module_options("rpm"), max_response_mb=1))
    assert failed, result
    assert "(1 MB; announced %d bytes)" % len(body) in result["msg"], result["msg"]


def test_an_answer_within_the_limit_is_read(emu, run_module):
    result, failed = run_module(module("rpm_environment_info"), dict(emu.module_options("rpm"), max_response_mb=1))
    assert not failed, result
    assert len(result["environments"]) == 2


def test_the_limit_must_be_positive(emu, run_module):
    result, failed = run_module(module("rpm_environment_info"), dict(emu.module_options("rpm"), max_response_mb=0))
    assert failed and "max_response_mb: must be a positive number" in result["msg"], result
    assert emu.requests() == []
