# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One HTTP client on `requests` for all three products.

One session per task (connection reuse), timeouts, TLS options, proxies from the usual
environment variables (requests reads them), retries with exponential backoff and full jitter,
`Retry-After` honoured, and one mapping from HTTP failures to the classes in errors.py.

Retry policy:
* idempotent methods (GET, HEAD, PUT, PATCH, DELETE) are retried on connection failures,
  timeouts and on 429, 502, 503 and 504;
* POST is retried only when the server cannot have acted on it: a 429 (throttled before
  processing) or a failure to establish the connection. A POST whose connection dropped or timed
  out after it was sent is never re-sent; the caller re-reads instead.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import random
import time
import traceback
from email.utils import parsedate_to_datetime
from urllib.parse import urlencode, urlparse

from ansible.module_utils.common.text.converters import to_text

from ansible_collections.envops.environments.plugins.module_utils.compare import ci_get
from ansible_collections.envops.environments.plugins.module_utils.errors import (
    ApiError,
    AuthenticationError,
    ConflictError,
    InputError,
    NotFoundError,
    TransportError,
    UnexpectedResponseError,
    ValidationError,
)
from ansible_collections.envops.environments.plugins.module_utils.redaction import Redactor

REQUESTS_IMPORT_ERROR = None
try:
    import requests
except ImportError:  # pragma: no cover - exercised through missing_required_lib
    requests = None
    REQUESTS_IMPORT_ERROR = traceback.format_exc()

HAS_REQUESTS = requests is not None

IDEMPOTENT_METHODS = frozenset(("GET", "HEAD", "OPTIONS", "PUT", "PATCH", "DELETE"))
RETRY_STATUSES = frozenset((429, 502, 503, 504))
USER_AGENT = "envops.environments-ansible-collection"


def parse_retry_after(value, now=None):
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date), or None."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


def check_settings(base_url, timeout, validate_certs=True, ca_path=None, url_option="api_url"):
    """Reject connection settings requests would choke on (with a traceback) before any request."""
    scheme = urlparse(base_url or "").scheme.lower()
    if scheme not in ("http", "https") or not urlparse(base_url).netloc:
        raise InputError("%s: '%s' is not an http:// or https:// URL with a host name."
                         % (url_option, base_url))
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
        raise InputError("timeout: must be a positive number of seconds, got %r." % (timeout,))
    if validate_certs and ca_path and not os.path.isfile(ca_path):
        raise InputError("ca_path: '%s' is not a readable file of PEM CA certificates." % ca_path)


class Response:
    """What the client returns: status, headers, the raw text and the decoded JSON (or None).

    Product API methods never decide anything from `json` directly: they take it through
    `records()` (a JSON list of objects with identifying keys) or `record()` (one such object),
    which check the answer against the shape the documents give and raise
    UnexpectedResponseError, naming the method, the redacted URL and what was expected, when it
    does not fit.
    """

    def __init__(self, status, headers, text, json_body, method, url, excerpt=""):
        self.status = status
        self.headers = headers
        self.text = text
        self.json = json_body
        self.method = method
        self.url = url
        # The start of the body, redacted: what an error message may show of the answer.
        self.excerpt = excerpt

    def records(self, what, keys=(), int_keys=(), any_case=False, body=None):
        """The answer as a list of objects of `what`, each holding every key of `keys`.

        keys: keys whose value must be present and not null; an entry may be a tuple of
        alternative spellings. int_keys: keys whose value must be an integer (numeric ids).
        any_case: keys are matched without case (Plutora). body: a part of the answer to check
        instead of the whole (an envelope's list).
        """
        value = self.json if body is None else body
        return check_records(value, what, keys, int_keys, any_case, self)

    def record(self, what, keys=(), int_keys=(), any_case=False):
        """The answer as one object of `what` holding every key of `keys` (see records())."""
        return check_record(self.json, what, keys, int_keys, any_case, self)

    def describe(self):
        """How the answer looked, for error messages: status, content type and the start of the body."""
        content_type = (self.headers or {}).get("Content-Type") or "no content type"
        if not (self.text or "").strip():
            shown = "an empty body"
        elif self.json is None:
            shown = "a body that is not JSON (%s): %s" % (content_type, self.excerpt)
        else:
            shown = "%s: %s" % (json_kind(self.json), self.excerpt)
        return "HTTP %s with %s" % (self.status, shown)

    def unexpected(self, expected):
        """The UnexpectedResponseError for this answer when it is not `expected`."""
        return UnexpectedResponseError(
            "%s %s answered %s; expected %s. Nothing was decided from this answer and nothing was "
            "written; check that the API URL points at the product's API (not a proxy or another "
            "service)." % (self.method, self.url, self.describe(), expected),
            {"status": self.status, "method": self.method, "url": self.url, "expected": expected},
        )


def json_kind(value):
    if isinstance(value, dict):
        return "a JSON object"
    if isinstance(value, list):
        return "a JSON list"
    if isinstance(value, bool):
        return "a JSON boolean"
    if isinstance(value, (int, float)):
        return "a JSON number"
    if isinstance(value, str):
        return "a JSON string"
    return "JSON null"


def _key_text(key):
    return "/".join(key) if isinstance(key, tuple) else key


def _value_of(obj, key, any_case):
    """The first non-null value of `key` (a name, or a tuple of alternative names)."""
    get = ci_get if any_case else dict.get
    for name in key if isinstance(key, tuple) else (key,):
        value = get(obj, name)
        if value is not None:
            return value
    return None


def _fits(obj, keys, int_keys, any_case):
    if not isinstance(obj, dict):
        return False
    for key in keys:
        if _value_of(obj, key, any_case) is None:
            return False
    for key in int_keys:
        value = _value_of(obj, key, any_case)
        if isinstance(value, bool) or not isinstance(value, int):
            return False
    return True


def _expected(kind, what, keys, int_keys):
    text = "%s %s" % (kind, what)
    wanted = [_key_text(k) for k in keys]
    if wanted:
        text += " with %s" % ", ".join(wanted)
    if int_keys:
        text += " (%s numeric)" % ", ".join(_key_text(k) for k in int_keys)
    return text


def _misfit(expected, response):
    """The UnexpectedResponseError for an answer that is not `expected` (naming the request when known)."""
    if response is None:
        return UnexpectedResponseError("the server's answer is not %s." % expected, {"expected": expected})
    return response.unexpected(expected)


def check_records(value, what, keys=(), int_keys=(), any_case=False, response=None):
    """`value` if it is a list of objects with `keys`; else the answer's UnexpectedResponseError."""
    if isinstance(value, list) and all(_fits(item, keys, int_keys, any_case) for item in value):
        return value
    raise _misfit(_expected("a JSON list of", what, keys, int_keys), response)


def check_record(value, what, keys=(), int_keys=(), any_case=False, response=None):
    """`value` if it is one object with `keys`; else the answer's UnexpectedResponseError."""
    if _fits(value, keys, int_keys, any_case):
        return value
    raise _misfit(_expected("a JSON object of", what, keys, int_keys), response)


class RetryPolicy:
    """How many attempts and how long to wait between them."""

    def __init__(self, retries=4, backoff=0.5, max_backoff=30.0, max_retry_after=120.0,
                 rng=None, sleep=time.sleep):
        self.retries = retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.max_retry_after = max_retry_after
        self._rng = rng or random.Random()
        self.sleep = sleep

    def delay(self, attempt, retry_after=None):
        """Full-jitter exponential backoff; a server's Retry-After wins when it is given."""
        if retry_after is not None:
            return min(retry_after, self.max_retry_after)
        ceiling = min(self.max_backoff, self.backoff * (2 ** attempt))
        return self._rng.uniform(0, ceiling)


class HttpClient:
    """A requests session bound to one product's base URL and credentials."""

    def __init__(self, base_url, timeout=30, validate_certs=True, ca_path=None, auth=None,
                 headers=None, params=None, redactor=None, retry=None, session=None,
                 request_log=None, url_option="api_url"):
        if not HAS_REQUESTS:
            raise RuntimeError("the requests library is required")
        check_settings(base_url, timeout, validate_certs, ca_path, url_option)
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.redactor = redactor or Redactor()
        self.retry = retry or RetryPolicy()
        self.default_params = dict(params or {})
        self.session = session or requests.Session()
        self.session.headers.update({"Accept": "application/json", "User-Agent": USER_AGENT})
        if headers:
            self.session.headers.update(headers)
        if auth is not None:
            self.session.auth = auth
        # Passed with every request too: requests lets REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE override a
        # session's verify (so validate_certs=false and ca_path would be ignored where they are set).
        self.verify = False if not validate_certs else (ca_path or True)
        self.session.verify = self.verify
        # Count of requests actually sent; benchmarks and tests read it.
        self.request_count = 0
        self.request_log = request_log if request_log is not None else []

    def close(self):
        """Release the session's pooled connections (the controller fast path ends a task's session)."""
        self.session.close()

    def url_for(self, path):
        if path.startswith("http://") or path.startswith("https://"):
            return path
        return "%s/%s" % (self.base_url, path.lstrip("/"))

    def request(self, method, path, params=None, json_body=None, data=None, headers=None,
                ok_statuses=None, empty_statuses=()):
        """Send one logical request, with retries; return a Response or raise an EnvopsError.

        ok_statuses: statuses that count as success (default: any 2xx).
        empty_statuses: error statuses the caller treats as "nothing there" (RPM's 404 on an
        empty search); they are returned as a Response instead of raised.
        """
        method = method.upper()
        url = self.url_for(path)
        query = dict(self.default_params)
        if params:
            query.update(params)
        # The URL as sent, query included; only its redacted form is ever shown.
        shown_url = url + ("?" + urlencode(sorted(query.items())) if query else "")
        attempt = 0
        while True:
            may_retry = attempt < self.retry.retries
            try:
                self.request_count += 1
                self.request_log.append((method, self.redactor.url(shown_url)))
                raw = self.session.request(
                    method, url, params=query or None, json=json_body, data=data,
                    headers=headers, timeout=self.timeout, verify=self.verify,
                )
            except requests.exceptions.SSLError as exc:
                raise TransportError(self._transport_message(method, shown_url, "TLS error", exc))
            except requests.exceptions.RequestException as exc:
                if may_retry and self._may_resend(method, exc):
                    self.retry.sleep(self.retry.delay(attempt))
                    attempt += 1
                    continue
                raise TransportError(self._transport_message(method, shown_url, self._describe(exc), exc))

            status = raw.status_code
            if status in RETRY_STATUSES and may_retry and (method in IDEMPOTENT_METHODS or status == 429):
                wait = parse_retry_after(raw.headers.get("Retry-After"))
                self.retry.sleep(self.retry.delay(attempt, wait))
                attempt += 1
                continue
            return self._finish(method, shown_url, raw, ok_statuses, empty_statuses)

    # Convenience verbs -------------------------------------------------------------------
    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, **kwargs):
        return self.request("POST", path, **kwargs)

    def put(self, path, **kwargs):
        return self.request("PUT", path, **kwargs)

    def patch(self, path, **kwargs):
        return self.request("PATCH", path, **kwargs)

    def delete(self, path, **kwargs):
        return self.request("DELETE", path, **kwargs)

    # Internals ---------------------------------------------------------------------------
    @staticmethod
    def _may_resend(method, exc):
        if method in IDEMPOTENT_METHODS:
            return isinstance(exc, (requests.exceptions.ConnectionError, requests.exceptions.Timeout))
        # A POST may be re-sent only if it certainly never reached the server.
        if isinstance(exc, requests.exceptions.ConnectTimeout):
            return True
        if isinstance(exc, requests.exceptions.ConnectionError):
            text = str(exc)
            return "NewConnectionError" in text or "Connection refused" in text
        return False

    @staticmethod
    def _describe(exc):
        if isinstance(exc, requests.exceptions.ConnectTimeout):
            return "connection timed out"
        if isinstance(exc, requests.exceptions.ReadTimeout):
            return "no answer within the timeout"
        if isinstance(exc, requests.exceptions.ConnectionError):
            return "connection failed"
        return "request failed"

    def _transport_message(self, method, url, what, exc):
        return self.redactor.text("%s %s: %s (%s)" % (method, url, what, to_text(exc)))

    def _finish(self, method, url, raw, ok_statuses, empty_statuses):
        text = raw.text or ""
        body = None
        content_type = raw.headers.get("Content-Type", "")
        if text.strip():
            try:
                body = json.loads(text)
            except ValueError:
                body = None
        status = raw.status_code
        safe_url = self.redactor.url(url)
        success = (status in ok_statuses) if ok_statuses else (200 <= status < 300)
        if success:
            if text.strip() and body is None and "json" in content_type.lower():
                raise UnexpectedResponseError(
                    "%s %s returned HTTP %s with a body that is not valid JSON: %s"
                    % (method, safe_url, status, self.redactor.text(text[:200])),
                    {"status": status, "method": method, "url": safe_url},
                )
            if text.strip() and body is None and "html" in content_type.lower():
                raise UnexpectedResponseError(
                    "%s %s returned HTTP %s with an HTML page instead of JSON; is the API URL right?"
                    % (method, safe_url, status),
                    {"status": status, "method": method, "url": safe_url},
                )
            return Response(status, raw.headers, text, body, method, safe_url, self.redactor.text(text[:120]))
        if status in empty_statuses:
            return Response(status, raw.headers, text, body, method, safe_url, self.redactor.text(text[:120]))
        raise self._error_for(method, safe_url, status, text, body)

    def _error_for(self, method, url, status, text, body):
        messages = [self.redactor.text(m) for m in extract_messages(body, text)]
        summary = "; ".join(messages) if messages else "no message from the server"
        message = "%s %s failed with HTTP %s: %s" % (method, url, status, summary)
        cls = ApiError
        if status in (401, 403):
            cls = AuthenticationError
        elif status == 404:
            cls = NotFoundError
        elif status == 409:
            cls = ConflictError
        elif status in (400, 422):
            cls = ValidationError
        return cls(message, method=method, url=url, status=status,
                   body=self.redactor.data(body) if body is not None else None,
                   server_messages=messages)


def extract_messages(body, text=""):
    """Human-readable messages from the error shapes the three products use."""
    messages = []
    if isinstance(body, dict):
        for key, value in body.items():
            lower = key.lower()
            if lower in ("message", "error", "error_description", "detail", "details", "errormessage"):
                if isinstance(value, str) and value:
                    messages.append(value)
                elif isinstance(value, list):
                    messages.extend(str(v) for v in value)
            elif lower == "modelstate" and isinstance(value, dict):
                for field, errors in value.items():
                    for error in errors if isinstance(errors, list) else [errors]:
                        messages.append("%s: %s" % (field, error))
            elif lower == "errors" and isinstance(value, dict):
                messages.extend(extract_messages(value))
            elif lower == "errors" and isinstance(value, list):
                messages.extend(str(v) for v in value)
            elif isinstance(value, list) and all(isinstance(v, str) for v in value) and value:
                # Rails validation hash: {"name": ["has already been taken"]}; "base" is record-wide.
                messages.extend(v if lower == "base" else "%s %s" % (key, v) for v in value)
    elif isinstance(body, list):
        messages.extend(str(v) for v in body if isinstance(v, (str, int)))
    elif text and text.strip():
        stripped = text.strip()
        if "<response>" in stripped:
            start = stripped.index("<response>") + len("<response>")
            end = stripped.find("</response>", start)
            messages.append(stripped[start:end if end > 0 else None])
        elif not stripped.lower().startswith("<!doctype") and not stripped.lower().startswith("<html"):
            messages.append(stripped[:200])
        else:
            messages.append("the server returned an HTML page")
    return messages
