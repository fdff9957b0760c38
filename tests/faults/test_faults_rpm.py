# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""rpm_environment under single injected faults: it converges on what may be retried, fails
clearly on what may not, never lets a POST be processed twice, and a clean run then converges."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

import pytest

from cases import RpmEnvironmentCase

CASE = RpmEnvironmentCase()
WANTED = RpmEnvironmentCase.FINAL
ENV_PATH = r"^/brpm/v1/environments$"
ONE_ENV_PATH = r"^/brpm/v1/environments/\d+$"


@pytest.fixture
def module():
    return CASE.module()


def run_env(run_module, module, emu, name="fault-env", variant=None, **extra):
    return run_module(module, CASE.args(emu, name, WANTED if variant is None else variant, **extra))


def calls(emu, method=None):
    return [(r["method"], r["status"]) for r in emu.requests() if method in (None, r["method"])]


def assert_converged_once(emu, name="fault-env"):
    records = CASE.named(emu, name)
    assert len(records) == 1, "expected exactly one environment named %s, found %d" % (name, len(records))
    assert CASE.matches(records[0], WANTED), records[0]


def assert_clear_failure(result, *words):
    assert result["msg"], result
    assert "Traceback" not in result["msg"]
    for word in words:
        assert word in result["msg"], (word, result["msg"])
    assert "rpm-emulator-token" not in repr(result)


def wait_for(predicate, timeout=10.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


# Retryable faults on reads ------------------------------------------------------------------------
@pytest.mark.parametrize("status", [429, 503])
def test_search_throttled_with_retry_after_is_retried_after_the_wait(emu, run_module, module, status):
    emu.inject(status=status, retry_after=1, method="GET", path=ENV_PATH, count=1)
    result, failed = run_env(run_module, module, emu)
    assert not failed, result
    assert result["changed"]
    searches = [r for r in emu.requests() if r["method"] == "GET" and r["path"] == "/brpm/v1/environments"]
    assert [r["status"] for r in searches[:2]] == [status, 404]
    # Retry-After: 1 was honoured (times are the emulator's own clock).
    assert searches[1]["time"] - searches[0]["time"] >= 0.95
    assert_converged_once(emu)


def test_dropped_connection_on_a_read_is_retried(emu, run_module, module):
    emu.inject(drop=True, method="GET", path=ENV_PATH, count=2)
    result, failed = run_env(run_module, module, emu)
    assert not failed, result
    assert calls(emu, "GET")[:3] == [("GET", "dropped"), ("GET", "dropped"), ("GET", 404)]
    assert_converged_once(emu)


def test_slow_read_past_the_timeout_is_retried(emu, run_module, module):
    emu.inject(delay=2.0, method="GET", path=ENV_PATH, count=1)
    result, failed = run_env(run_module, module, emu, timeout=1)
    assert not failed, result
    assert_converged_once(emu)
    assert len(calls(emu, "POST")) == 1


def test_reads_that_keep_failing_end_in_a_clear_error_and_no_write(emu, run_module, module):
    emu.inject(status=503, retry_after=0, method="GET", path=ENV_PATH, count=20)
    result, failed = run_env(run_module, module, emu)
    assert failed
    assert_clear_failure(result, "HTTP 503", "/brpm/v1/environments")
    assert result["status"] == 503
    assert calls(emu, "GET") == [("GET", 503)] * 5  # the first try and four retries
    assert calls(emu, "POST") == []


def test_a_read_answered_500_is_not_retried_and_no_write_follows(emu, run_module, module):
    emu.inject(status=500, method="GET", path=ENV_PATH, count=1)
    result, failed = run_env(run_module, module, emu)
    assert failed
    assert_clear_failure(result, "HTTP 500")
    assert calls(emu) == [("GET", 500)]
    result, failed = run_env(run_module, module, emu)
    assert not failed and result["changed"]
    assert_converged_once(emu)


def test_connection_dropped_on_every_read_is_a_clear_transport_error(emu, run_module, module):
    emu.inject(drop=True, method="GET", path=ENV_PATH, count=20)
    result, failed = run_env(run_module, module, emu)
    assert failed
    assert_clear_failure(result, "closed before an answer came")
    assert calls(emu, "POST") == []


# Creates ------------------------------------------------------------------------------------------
def test_create_throttled_429_is_sent_again_once_and_creates_once(emu, run_module, module):
    emu.inject(status=429, retry_after=0, method="POST", path=ENV_PATH, count=1)
    result, failed = run_env(run_module, module, emu)
    assert not failed, result
    assert calls(emu, "POST") == [("POST", 429), ("POST", 201)]
    assert_converged_once(emu)


@pytest.mark.parametrize("status", [500, 503])
def test_create_answered_5xx_fails_without_resending_then_a_clean_run_converges(emu, run_module, module, status):
    emu.inject(status=status, retry_after=0, method="POST", path=ENV_PATH, count=1)
    result, failed = run_env(run_module, module, emu)
    assert failed
    assert_clear_failure(result, "POST", "HTTP %d" % status)
    assert calls(emu, "POST") == [("POST", status)]
    assert CASE.named(emu, "fault-env") == []
    result, failed = run_env(run_module, module, emu)
    assert not failed and result["changed"]
    assert_converged_once(emu)


def test_create_whose_answer_is_lost_is_found_by_name_not_sent_again(emu, run_module, module):
    emu.inject(drop=True, when="after", method="POST", path=ENV_PATH, count=1)
    result, failed = run_env(run_module, module, emu)
    assert not failed, result
    assert result["changed"] is True
    assert result["environment"]["name"] == "fault-env"
    assert calls(emu, "POST") == [("POST", 201)]
    assert_converged_once(emu)
    again, failed = run_env(run_module, module, emu)
    assert not failed and again["changed"] is False


def test_create_dropped_before_processing_fails_clearly_then_a_clean_run_converges(emu, run_module, module):
    emu.inject(drop=True, method="POST", path=ENV_PATH, count=1)
    result, failed = run_env(run_module, module, emu)
    assert failed
    assert_clear_failure(result, "closed before an answer came", "was not repeated", "run the task again")
    assert calls(emu, "POST") == [("POST", "dropped")]
    result, failed = run_env(run_module, module, emu)
    assert not failed and result["changed"]
    assert_converged_once(emu)


def test_create_slower_than_the_timeout_is_not_resent_and_a_later_run_converges(emu, run_module, module):
    emu.inject(delay=2.5, method="POST", path=ENV_PATH, count=1)
    result, failed = run_env(run_module, module, emu, timeout=1)
    assert failed
    assert_clear_failure(result, "no answer within the timeout", "was not repeated")
    # The server finishes the slow create on its own time.
    assert wait_for(lambda: ("POST", 201) in calls(emu, "POST"))
    result, failed = run_env(run_module, module, emu, timeout=1)
    assert not failed, result
    assert result["changed"] is False
    assert calls(emu, "POST") == [("POST", 201)]
    assert_converged_once(emu)


# Updates and deactivation -------------------------------------------------------------------------
def test_update_dropped_after_processing_is_retried_since_put_is_idempotent(emu, run_module, module):
    run_env(run_module, module, emu, variant=RpmEnvironmentCase.VARIANTS[0])
    emu.clear_log()
    emu.inject(drop=True, when="after", method="PUT", path=ONE_ENV_PATH, count=1)
    result, failed = run_env(run_module, module, emu)
    assert not failed, result
    assert result["changed"]
    assert calls(emu, "PUT") == [("PUT", 202), ("PUT", 202)]
    assert_converged_once(emu)


def test_update_answered_500_fails_then_a_clean_run_converges(emu, run_module, module):
    run_env(run_module, module, emu, variant=RpmEnvironmentCase.VARIANTS[0])
    emu.inject(status=500, method="PUT", path=ONE_ENV_PATH, count=1)
    result, failed = run_env(run_module, module, emu)
    assert failed
    assert_clear_failure(result, "PUT", "HTTP 500")
    result, failed = run_env(run_module, module, emu)
    assert not failed and result["changed"]
    assert_converged_once(emu)


def test_deactivation_503_is_retried(emu, run_module, module):
    run_env(run_module, module, emu)
    emu.clear_log()
    emu.inject(status=503, retry_after=0, method="DELETE", path=ONE_ENV_PATH, count=2)
    result, failed = run_env(run_module, module, emu, variant=dict(state="absent"))
    assert not failed, result
    assert result["changed"]
    assert calls(emu, "DELETE") == [("DELETE", 503), ("DELETE", 503), ("DELETE", 202)]
    assert CASE.named(emu, "fault-env")[0]["active"] is False
