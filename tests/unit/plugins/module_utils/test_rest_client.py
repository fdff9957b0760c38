# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The shared HTTP client against the real emulator: retries, backoff, Retry-After, error mapping, redaction."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

import pytest

from ansible_collections.envops.environments.plugins.module_utils import errors
from ansible_collections.envops.environments.plugins.module_utils.rest_client import (
    HttpClient,
    RetryPolicy,
    extract_messages,
    parse_retry_after,
)
from ansible_collections.envops.environments.plugins.module_utils.redaction import Redactor


class Sleeps:
    def __init__(self):
        self.calls = []

    def __call__(self, seconds):
        self.calls.append(seconds)


def rpm_client(emu, token=None, retries=3, timeout=5):
    sleeps = Sleeps()
    token = token or emu.connection_vars()["rpm_token"]
    client = HttpClient(emu.url + "/brpm/v1", timeout=timeout, params={"token": token},
                        redactor=Redactor([token]), retry=RetryPolicy(retries=retries, backoff=0.01, sleep=sleeps))
    return client, sleeps


def test_parse_retry_after_seconds_and_date():
    assert parse_retry_after("3") == 3.0
    assert parse_retry_after(None) is None
    assert parse_retry_after("garbage") is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412480) == 10.0


def test_backoff_is_exponential_with_jitter_and_capped():
    policy = RetryPolicy(backoff=1.0, max_backoff=5.0)
    delays = [policy.delay(attempt) for attempt in range(8) for _repeat in range(20)]
    assert all(0 <= d <= 5.0 for d in delays)
    assert max(policy.delay(0) for _repeat in range(50)) <= 1.0
    assert policy.delay(3, retry_after=7) == 7
    # A long Retry-After is not shortened here: the client fails at once when it passes the budget.
    assert policy.delay(3, retry_after=500) == 500


def test_get_retries_503_and_honours_retry_after(emu):
    client, sleeps = rpm_client(emu)
    emu.inject(status=503, count=2, retry_after=2, path="/brpm/v1/servers")
    response = client.get("servers")
    assert response.status == 200
    assert sleeps.calls == [2.0, 2.0]
    assert [r["status"] for r in emu.requests() if r["path"] == "/brpm/v1/servers"][-1] == 200


def test_get_gives_up_after_retries(emu):
    client, sleeps = rpm_client(emu, retries=2)
    emu.inject(status=502, count=5, path="/brpm/v1/servers")
    with pytest.raises(errors.ApiError) as info:
        client.get("servers")
    assert info.value.status == 502
    assert len(sleeps.calls) == 2


def test_post_is_not_resent_on_503(emu):
    client, sleeps = rpm_client(emu)
    emu.inject(status=503, count=1, method="POST", path="/brpm/v1/environments")
    with pytest.raises(errors.ApiError):
        client.post("environments", json_body={"environment": {"name": "once"}})
    assert sleeps.calls == []
    assert [r["status"] for r in emu.requests() if r["method"] == "POST"] == [503]  # sent once, never again


def test_post_is_resent_after_429(emu):
    client, sleeps = rpm_client(emu)
    emu.inject(status=429, count=1, retry_after=1, method="POST", path="/brpm/v1/environments")
    response = client.post("environments", json_body={"environment": {"name": "throttled"}})
    assert response.status == 201
    assert sleeps.calls == [1.0]


def test_dropped_connection_retried_for_get(emu):
    client, sleeps = rpm_client(emu)
    emu.inject(drop=True, count=1, path="/brpm/v1/servers")
    assert client.get("servers").status == 200
    assert len(sleeps.calls) == 1


def test_dropped_post_is_not_resent(emu):
    client, sleeps = rpm_client(emu)
    emu.inject(drop=True, when="after", count=1, method="POST", path="/brpm/v1/environments")
    with pytest.raises(errors.TransportError):
        client.post("environments", json_body={"environment": {"name": "dropped"}})
    posts = [r for r in emu.requests() if r["method"] == "POST"]
    assert len(posts) == 1


def test_timeout_is_a_transport_error(emu):
    client, sleeps = rpm_client(emu, retries=0, timeout=0.5)
    emu.inject(delay=2, count=1, path="/brpm/v1/servers")
    with pytest.raises(errors.TransportError) as info:
        client.get("servers")
    assert "timeout" in str(info.value)
    # The emulator logs the delayed request when it answers it, after the client gave up: wait for
    # that line here, or it lands in the request log of the next test of this worker.
    deadline = time.monotonic() + 10
    while not any(r["path"] == "/brpm/v1/servers" for r in emu.requests()) and time.monotonic() < deadline:
        time.sleep(0.1)


def test_error_mapping_and_redaction(emu):
    token = emu.connection_vars()["rpm_token"]
    client, _sleeps = rpm_client(emu, token="not-the-token-1234")
    with pytest.raises(errors.AuthenticationError) as info:
        client.get("environments")
    assert info.value.status == 403
    assert "Invalid API Key" in str(info.value)
    assert "not-the-token-1234" not in str(info.value) and "not-the-token-1234" not in info.value.url
    client, _sleeps = rpm_client(emu)
    with pytest.raises(errors.NotFoundError):
        client.get("environments/9999")
    with pytest.raises(errors.ValidationError) as info:
        client.post("environments", json_body={"environment": {"name": "production"}})
    assert info.value.server_messages == ["name has already been taken"]
    assert token not in info.value.url


def test_html_answer_is_unexpected(emu):
    client, _sleeps = rpm_client(emu)
    emu.inject(status=200, count=1, body="<html><body>login</body></html>", content_type="text/html",
               path="/brpm/v1/servers")
    with pytest.raises(errors.UnexpectedResponseError) as info:
        client.get("servers")
    assert "HTML" in str(info.value)


def test_truncated_json_is_unexpected(emu):
    client, _sleeps = rpm_client(emu)
    emu.inject(status=200, count=1, body='[{"id": 1, "na', path="/brpm/v1/servers")
    with pytest.raises(errors.UnexpectedResponseError):
        client.get("servers")


def test_empty_status_is_returned_not_raised(emu):
    client, _sleeps = rpm_client(emu)
    response = client.get("environments", params={"filters[name]": "none-such"}, empty_statuses=(404,))
    assert response.status == 404 and response.text == " "


def test_extract_messages_shapes():
    assert extract_messages({"Message": "bad", "ModelState": {"env.Name": ["required"]}}) == ["bad", "env.Name: required"]
    assert extract_messages({"name": ["has already been taken"]}) == ["name has already been taken"]
    assert extract_messages({"base": ["Default environment cannot be deactivated."]}) == [
        "Default environment cannot be deactivated."]
    assert extract_messages(None, "<xml><error><response>Invalid API Key</response></error></xml>") == ["Invalid API Key"]
    # A page holds no message of the product's; the client summarises it instead (type, length, title).
    assert extract_messages(None, "<!DOCTYPE html><html></html>") == []
