# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One HTTP client on `requests` for all three products.

One session per task (connection reuse), TLS options, proxies from the usual environment variables
(requests reads them), retries with exponential backoff and full jitter, `Retry-After` honoured,
and one mapping from HTTP failures to the classes in errors.py.

What crosses the wire, and for how long:
* `timeout` bounds each HTTP request as a whole: connecting, sending and receiving the whole
  answer. An answer still arriving when the time is up fails (the server was answering: a slow link
  is not retried); a server that has not answered at all within it is retried as below.
* answers are read in chunks and may hold at most `max_response_bytes`; a bigger one fails at
  once, before it is all read (memory stays bounded).
* redirects are never followed blindly (requests would turn a redirected PUT into a GET and send
  the credentials anywhere). A redirect is followed only on the origin (scheme, host and port) the
  request was sent to, and a write only for 307/308, which keep the method and body; anything else
  fails naming where the server points, and nothing is sent there.

Retry policy:
* idempotent methods (GET, HEAD, PUT, PATCH, DELETE, and requests the caller marks idempotent such
  as Plutora's login) are retried on dropped connections, timeouts without an answer and on 429,
  502, 503 and 504;
* POST is retried only when the server cannot have acted on it: a 429 (throttled before
  processing) or a failure to establish the connection. A POST whose connection dropped or timed
  out after it was sent is never re-sent; the caller re-reads instead;
* a refused connection or a host name that does not resolve is not retried: nothing is there;
* the waits between the attempts of one request add up to at most RetryPolicy.max_wait seconds; a
  `Retry-After` beyond what is left fails at once, saying how long the server asked to wait. Every
  wait is noted in `waits` (the module's result shows them as `http_retries`, visible at -v).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import errno
import json
import os
import random
import re
import socket
import threading
import time
import traceback
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qsl, urlencode, urljoin, urlparse, urlunparse

from ansible.module_utils.common.text.converters import to_text

from ansible_collections.envops.environments.plugins.module_utils.compare import ci_get
from ansible_collections.envops.environments.plugins.module_utils.errors import (
    ApiError,
    AuthenticationError,
    ConflictError,
    InputError,
    NotFoundError,
    RedirectError,
    TransportError,
    UnexpectedResponseError,
    ValidationError,
)
from ansible_collections.envops.environments.plugins.module_utils.options import PRODUCTS
from ansible_collections.envops.environments.plugins.module_utils.redaction import Redactor

REQUESTS_IMPORT_ERROR = None
try:
    import requests
except ImportError:  # pragma: no cover - exercised through missing_required_lib
    requests = None
    REQUESTS_IMPORT_ERROR = traceback.format_exc()

HAS_REQUESTS = requests is not None

IDEMPOTENT_METHODS = frozenset(("GET", "HEAD", "OPTIONS", "PUT", "PATCH", "DELETE"))
READ_METHODS = frozenset(("GET", "HEAD", "OPTIONS"))
RETRY_STATUSES = frozenset((429, 502, 503, 504))
REDIRECT_STATUSES = frozenset((301, 302, 303, 307, 308))
# The redirects that keep the method and the body (RFC 9110 15.4.8 and 15.4.9).
METHOD_KEEPING_REDIRECTS = frozenset((307, 308))
MAX_REDIRECTS = 5
USER_AGENT = "envops.environments-ansible-collection"
DEFAULT_MAX_RESPONSE_MB = 32
MB = 1024 * 1024
CHUNK = 64 * 1024
DEFAULT_PORTS = {"http": 80, "https": 443}


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


class UrlSetting:
    """Where a URL came from, for messages that name what to fix: the option, its environment
    variable and the value as the user gave it."""

    def __init__(self, option="api_url", env=None, value=None):
        self.option = option
        self.env = env
        self.value = value

    @property
    def hint(self):
        """"api_url / RPM_API_URL": where the user sets it."""
        return "%s / %s" % (self.option, self.env) if self.env else self.option


def url_problem(value, option="api_url", env=None):
    """Why `value` cannot be a base URL (quoting it as given, a password masked), or None."""
    parsed = urlparse(value or "")
    where = "%s (or %s)" % (option, env) if env else option
    if parsed.scheme.lower() not in ("http", "https") or not parsed.hostname:
        return ("%s: '%s' is not an http:// or https:// URL with a host name; give the whole URL, for example "
                "https://%s, in %s." % (option, masked_userinfo(value), (value or "host").lstrip("/"), where))
    if parsed.username is not None or parsed.password is not None:
        return ("%s: '%s' holds a user name or password (user:password@); credentials never go in the URL. "
                "Give %s without them, and the credentials in their own options."
                % (option, masked_userinfo(value), where))
    try:
        parsed.port
    except ValueError:
        return "%s: '%s' has a port that is not a number from 1 to 65535." % (option, masked_userinfo(value))
    return None


def userinfo_password(value):
    """The password written into a URL (http://user:password@host), or None."""
    try:
        return urlparse(value or "").password
    except ValueError:
        return None


def masked_userinfo(value):
    """The URL with the password of its user:password@ part masked."""
    password = userinfo_password(value)
    if not password:
        return value
    return (value or "").replace(":%s@" % password, ":********@", 1)


def check_settings(base_url, timeout, validate_certs=True, ca_path=None, url_option="api_url",
                   max_response_bytes=1):
    """Reject connection settings requests would choke on (with a traceback) before any request."""
    problem = url_problem(base_url, url_option)
    if problem:
        raise InputError(problem)
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
        raise InputError("timeout: must be a positive number of seconds, got %r." % (timeout,))
    if not max_response_bytes or max_response_bytes <= 0:
        raise InputError("max_response_mb: must be a positive number of megabytes, got %r."
                         % (max_response_bytes and max_response_bytes / MB,))
    if validate_certs and ca_path and not os.path.isfile(ca_path):
        raise InputError("ca_path: '%s' is not a readable file of PEM CA certificates." % ca_path)


def origin(url):
    """(scheme, host, port) of a URL: what credentials are bound to."""
    parsed = urlparse(url)
    scheme = parsed.scheme.lower()
    return scheme, (parsed.hostname or "").lower(), parsed.port or DEFAULT_PORTS.get(scheme)


def origin_text(url):
    parsed = urlparse(url)
    return "%s://%s" % (parsed.scheme.lower(), parsed.netloc.rsplit("@", 1)[-1])


HTML_TITLE = re.compile(r"<title[^>]*>(.*?)</title", re.IGNORECASE | re.DOTALL)


def body_summary(content_type, text, size=None):
    """How a body that is not JSON looked, in one line: its content type, length and (for a page)
    its title, never a fragment cut mid-tag."""
    content_type = content_type or "no content type"
    size = len(text or "") if size is None else size
    if not (text or "").strip():
        return "an empty body"
    stripped = text.strip()
    if "html" in content_type.lower() or stripped[:15].lower().startswith(("<!doctype", "<html")):
        title = HTML_TITLE.search(stripped[:65536])
        shown = " ".join(title.group(1).split())[:100] if title else ""
        return "an HTML page (%s, %d bytes%s)" % (content_type, size, ", title '%s'" % shown if shown else ", no title")
    excerpt = " ".join(stripped[:120].split())
    more = "..." if len(stripped) > 120 else ""
    return "a body that is not JSON (%s, %d bytes): %s%s" % (content_type, size, excerpt, more)


class Response:
    """What the client returns: status, headers, the body (bytes, and as text) and the decoded JSON (or None).

    Product API methods never decide anything from `json` directly: they take it through
    `records()` (a JSON list of objects with identifying keys) or `record()` (one such object),
    which check the answer against the shape the documents give and raise
    UnexpectedResponseError, naming the method, the redacted URL and what was expected, when it
    does not fit.
    """

    def __init__(self, status, headers, content, json_body, method, url, redactor=None, hint="api_url"):
        self.status = status
        self.headers = headers
        self.content = content or b""
        self.json = json_body
        self.method = method
        self.url = url
        self._redactor = redactor or Redactor()
        # Where the user sets the URL this answer came from ("api_url / RPM_API_URL").
        self.hint = hint

    @property
    def content_type(self):
        return (self.headers or {}).get("Content-Type") or ""

    @property
    def text(self):
        """The body as text (decoded on demand: a big JSON answer is never held twice)."""
        return decode_body(self.content, self.content_type)

    @property
    def excerpt(self):
        """The start of the body, redacted: what an error message may show of the answer."""
        return self._redactor.text(decode_body(self.content[:120], self.content_type))

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

    def body_summary(self):
        """The body in one line: empty, the start of its JSON, or its type, length and title."""
        if not self.content.strip():
            return "an empty body"
        if self.json is None:
            return body_summary(self.content_type, self._redactor.text(decode_body(self.content[:65536],
                                                                                   self.content_type)),
                                len(self.content))
        return "%s: %s" % (json_kind(self.json), self.excerpt)

    def describe(self):
        """How the answer looked, for error messages: status and the body in one line."""
        return "HTTP %s with %s" % (self.status, self.body_summary())

    def unexpected(self, expected):
        """The UnexpectedResponseError for this answer when it is not `expected`."""
        return UnexpectedResponseError(
            "%s %s answered %s; expected %s. Nothing was decided from this answer and nothing was "
            "written; check that %s points at the product's API (not a proxy or another service)."
            % (self.method, self.url, self.describe(), expected, self.hint),
            {"status": self.status, "method": self.method, "url": self.url, "expected": expected},
        )


def decode_body(content, content_type=""):
    """Bytes of an answer as text: the charset the server names, else UTF-8 (never a guess)."""
    match = re.search(r"charset=([\w.:-]+)", content_type or "", re.IGNORECASE)
    try:
        return content.decode(match.group(1) if match else "utf-8", "replace")
    except LookupError:
        return content.decode("utf-8", "replace")


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
    """How many attempts, how long to wait between them, and how long in all.

    max_wait: the waits between the attempts of one request add up to at most this many seconds.
    """

    def __init__(self, retries=4, backoff=0.5, max_backoff=30.0, max_wait=60.0, rng=None, sleep=time.sleep):
        self.retries = retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.max_wait = max_wait
        self._rng = rng or random.Random()
        self.sleep = sleep

    def delay(self, attempt, retry_after=None):
        """Full-jitter exponential backoff; a server's Retry-After wins when it is given."""
        if retry_after is not None:
            return retry_after
        ceiling = min(self.max_backoff, self.backoff * (2 ** attempt))
        return self._rng.uniform(0, ceiling)


class _Attempt:
    """One HTTP exchange's outcome: the answer (status, headers, body) or why there is none."""

    def __init__(self, status=None, headers=None, content=b"", failure=None, retry=False):
        self.status = status
        self.headers = headers or {}
        self.content = content
        # What went wrong, in words (no answer, or no whole answer), and whether a re-send may help.
        self.failure = failure
        self.retry = retry


def client_from_options(product, options, base_url, redactor, **kwargs):
    """The HttpClient of one task of `product`: its transport options (the task's validated options,
    see options.py), and where its URL came from for messages. kwargs: auth, headers, params, auth_hints."""
    return HttpClient(
        base_url,
        timeout=options["timeout"],
        validate_certs=options["validate_certs"],
        ca_path=options["ca_path"],
        redactor=redactor,
        setting=UrlSetting("api_url", PRODUCTS[product]["api_url"].get("env"), options["api_url"]),
        max_response_bytes=options.get("max_response_mb", DEFAULT_MAX_RESPONSE_MB) * MB,
        **kwargs
    )


class HttpClient:
    """A requests session bound to one product's base URL and credentials.

    setting: where the base URL came from (UrlSetting), named by messages that tell what to fix;
    auth_hints: {status: text} added to 401/403 failures (what to check, e.g. "check token / RPM_TOKEN");
    max_response_bytes: the largest answer read (bigger ones fail before they are read whole).
    """

    def __init__(self, base_url, timeout=30, validate_certs=True, ca_path=None, auth=None,
                 headers=None, params=None, redactor=None, retry=None, session=None,
                 request_log=None, url_option="api_url", setting=None, auth_hints=None,
                 max_response_bytes=DEFAULT_MAX_RESPONSE_MB * MB):
        if not HAS_REQUESTS:
            raise RuntimeError("the requests library is required")
        self.setting = setting or UrlSetting(url_option, None, base_url)
        check_settings(base_url, timeout, validate_certs, ca_path, self.setting.option, max_response_bytes)
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.redactor = redactor or Redactor()
        self.retry = retry or RetryPolicy()
        self.auth_hints = dict(auth_hints or {})
        self.max_response_bytes = max_response_bytes
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
        # The waits of this client's retries, as lines for the task's result (shown at -v).
        self.waits = []

    def close(self):
        """Release the session's pooled connections (the controller fast path ends a task's session)."""
        self.session.close()

    def url_for(self, path):
        if path.startswith("http://") or path.startswith("https://"):
            return path
        return "%s/%s" % (self.base_url, path.lstrip("/"))

    def take_waits(self):
        """The wait lines noted since the last call (one task item's)."""
        waits, self.waits = self.waits, []
        return waits

    def request(self, method, path, params=None, json_body=None, data=None, headers=None,
                ok_statuses=None, empty_statuses=(), idempotent=None, setting=None):
        """Send one logical request, with retries; return a Response or raise an EnvopsError.

        ok_statuses: statuses that count as success (default: any 2xx).
        empty_statuses: error statuses the caller treats as "nothing there" (RPM's 404 on an
        empty search); they are returned as a Response instead of raised.
        idempotent: the request may be sent twice although its method is POST (a login).
        setting: where this request's URL came from, when not the client's base URL (auth_url).
        A failure raised after the request was re-sent has `resent` set (a DELETE whose first
        answer was lost and whose retry finds nothing has converged; the caller decides).
        """
        method = method.upper()
        setting = setting or self.setting
        idempotent = method in IDEMPOTENT_METHODS if idempotent is None else idempotent
        url = self.url_for(path)
        query = dict(self.default_params)
        if params:
            query.update(params)
        attempt, waited, redirects, resent = 0, 0.0, 0, False
        while True:
            # The URL as sent, query included; only its redacted form is ever shown.
            shown_url = url + ("?" + urlencode(sorted(query.items())) if query else "")
            answer = self._exchange(method, url, query, json_body, data, headers, setting)
            if answer.failure is not None:
                if answer.retry and attempt < self.retry.retries and (idempotent or answer.retry == "unsent"):
                    waited += self._wait(method, shown_url, "nothing usable (%s)" % answer.failure, attempt, waited,
                                         None)
                    attempt += 1
                    resent = True
                    continue
                raise TransportError(self.redactor.text("%s %s failed: %s" % (method, shown_url, answer.failure)),
                                     {"method": method, "url": self.redactor.url(shown_url)})
            status = answer.status
            if status in REDIRECT_STATUSES:
                redirects += 1
                url, query = self._redirect(method, url, query, shown_url, answer, setting, redirects, idempotent)
                continue
            if status in RETRY_STATUSES and attempt < self.retry.retries and (idempotent or status == 429):
                retry_after = parse_retry_after(answer.headers.get("Retry-After"))
                waited += self._wait(method, shown_url, "HTTP %s" % status, attempt, waited, retry_after, status)
                attempt += 1
                resent = resent or status != 429
                continue
            return self._finish(method, shown_url, answer, ok_statuses, empty_statuses, setting, resent)

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

    # One exchange ------------------------------------------------------------------------
    def _exchange(self, method, url, query, json_body, data, headers, setting):
        """Send once and read the whole answer within `timeout` and the size limit."""
        self.request_count += 1
        shown = url + ("?" + urlencode(sorted(query.items())) if query else "")
        self.request_log.append((method, self.redactor.url(shown)))
        deadline = time.monotonic() + self.timeout
        try:
            raw = self.session.request(
                method, url, params=query or None, json=json_body, data=data, headers=headers,
                timeout=(self.timeout, self.timeout), verify=self.verify, allow_redirects=False, stream=True,
            )
        except requests.exceptions.SSLError as exc:
            return _Attempt(failure="TLS error (%s)" % innermost(exc))
        except requests.exceptions.RequestException as exc:
            return self._no_answer(exc, url, setting)
        try:
            return _Attempt(raw.status_code, raw.headers, self._read_body(raw, deadline))
        except _Incomplete as exc:
            return _Attempt(failure=str(exc))
        finally:
            raw.close()

    def _read_body(self, raw, deadline):
        """The body, read in chunks: within the deadline, and never more than max_response_bytes."""
        limit = self.max_response_bytes
        declared = raw.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise _Incomplete(self._too_big(int(declared), "announced"))
        chunks, size = [], 0
        # A read of a chunk returns only when the chunk is whole, so a server that drips its answer
        # would hold it for as long as it likes: at the deadline the connection is shut down.
        watchdog = Watchdog(raw, deadline)
        try:
            for chunk in raw.iter_content(CHUNK):
                chunks.append(chunk)
                size += len(chunk)
                if size > limit:
                    raise _Incomplete(self._too_big(size, "more than"))
                if time.monotonic() > deadline:
                    raise _Incomplete(self._too_slow(size))
        except (requests.exceptions.RequestException, socket.error, ValueError, AttributeError) as exc:
            if time.monotonic() >= deadline - 0.1:
                raise _Incomplete(self._too_slow(size))
            raise _Incomplete("the connection was closed while the answer was read (%d bytes received: %s)"
                              % (size, innermost(exc)))
        finally:
            watchdog.stop()
        return b"".join(chunks)

    def _too_slow(self, size):
        return ("the answer did not arrive whole within the timeout (%s s%s): the server or the link is too slow. "
                "Not retried, since the server was answering; raise timeout if the link is slow."
                % (self.timeout, "; %d bytes received" % size if size else ""))

    def _too_big(self, size, how):
        return ("the answer is bigger than max_response_mb allows (%s MB; %s %d bytes) and was not read whole. "
                "Narrow the selection, or raise max_response_mb if the server really holds that much."
                % (_mb(self.max_response_bytes), how, size))

    def _no_answer(self, exc, url, setting):
        """An _Attempt for a request that got no answer: what happened, and whether a re-send may help."""
        host = urlparse(url).netloc.rsplit("@", 1)[-1]
        causes = causes_of(exc)
        if any(isinstance(c, ConnectionRefusedError) or getattr(c, "errno", None) == errno.ECONNREFUSED
               for c in causes):
            return _Attempt(failure="nothing listens at %s (connection refused); check %s" % (host, setting.hint))
        if any(isinstance(c, socket.gaierror) for c in causes):
            return _Attempt(failure="the host name of %s cannot be resolved (%s); check %s"
                            % (host, innermost(exc), setting.hint))
        if isinstance(exc, requests.exceptions.ConnectTimeout):
            return _Attempt(failure="no connection to %s within the timeout (%s s)" % (host, self.timeout),
                            retry="unsent")
        if any(type(c).__name__ == "NewConnectionError" for c in causes):
            # No connection was made (no route, network down): nothing reached the server.
            return _Attempt(failure="cannot connect to %s (%s)" % (host, innermost(exc)), retry="unsent")
        if isinstance(exc, requests.exceptions.ReadTimeout):
            return _Attempt(failure="no answer within the timeout (%s s)" % self.timeout, retry="sent")
        if isinstance(exc, requests.exceptions.ConnectionError):
            # Dropped before an answer: the server may have acted on the request.
            return _Attempt(failure="the connection to %s was closed before an answer came (%s)"
                            % (host, innermost(exc)),
                            retry="sent")
        return _Attempt(failure="request failed (%s)" % innermost(exc))

    def _wait(self, method, shown_url, why, attempt, waited, retry_after, status=None):
        """Sleep before the next attempt, within the retry budget; return the seconds slept."""
        left = max(0.0, self.retry.max_wait - waited)
        delay = self.retry.delay(attempt, retry_after)
        if retry_after is not None and retry_after > left:
            message = ("%s %s answered %s and asked to wait %s s (Retry-After) before trying again; that is more than "
                       "the %s s this request may still wait (%s s in all), so the task stops here instead. Try again "
                       "later." % (method, self.redactor.url(shown_url), why, _seconds(retry_after), _seconds(left),
                                   _seconds(self.retry.max_wait)))
            raise ApiError(message, method=method, url=self.redactor.url(shown_url), status=status)
        delay = min(delay, left)
        self.waits.append("%s %s answered %s; waited %s s%s before retry %d of %d" % (
            method, self.redactor.url(shown_url), why, _seconds(delay),
            " (Retry-After)" if retry_after is not None else "", attempt + 1, self.retry.retries))
        self.retry.sleep(delay)
        return delay

    # Redirects ---------------------------------------------------------------------------
    def _redirect(self, method, url, query, shown_url, answer, setting, redirects, idempotent=False):
        """(url, query) to send the request to next, or the RedirectError that says why not."""
        status = answer.status
        location = answer.headers.get("Location")
        safe_url = self.redactor.url(shown_url)
        if not location:
            raise RedirectError("%s %s answered HTTP %s (a redirect) without a Location; check %s."
                                % (method, safe_url, status, setting.hint), method=method, url=safe_url, status=status)
        target = urljoin(shown_url, location.strip())
        safe_target = self.redactor.url(target)
        fix = self._new_base(shown_url, target, setting)
        if origin(target) != origin(url):
            raise RedirectError(
                "%s %s was redirected (HTTP %s) to %s, another server (scheme, host or port) than %s names. "
                "Nothing was sent there: the credentials go only to %s. %s"
                % (method, safe_url, status, safe_target, setting.option, origin_text(url), fix),
                method=method, url=safe_url, status=status, location=safe_target)
        if method not in READ_METHODS and status not in METHOD_KEEPING_REDIRECTS:
            # A login (idempotent POST) changes nothing: it was not sent there. Anything else is a write.
            what = "the request was not sent there" if idempotent and method == "POST" else "the write was not made"
            raise RedirectError(
                "%s %s was answered with a redirect (HTTP %s) to %s; %s (following it would send a GET and lose "
                "what the %s carries). %s" % (method, safe_url, status, safe_target, what, method, fix),
                method=method, url=safe_url, status=status, location=safe_target)
        if redirects > MAX_REDIRECTS:
            raise RedirectError("%s %s: more than %d redirects on the same server (the last to %s); check %s."
                                % (method, safe_url, MAX_REDIRECTS, safe_target, setting.hint),
                                method=method, url=safe_url, status=status, location=safe_target)
        parsed = urlparse(target)
        if not parsed.query:
            return urlunparse(parsed._replace(fragment="")), query
        # The server's query, with this client's own parameters (the RPM token) where it lacks them.
        moved = dict(parse_qsl(parsed.query, keep_blank_values=True))
        for key, value in self.default_params.items():
            moved.setdefault(key, value)
        return urlunparse(parsed._replace(query="", fragment="")), moved

    def _new_base(self, request_url, target, setting):
        """The advice of a redirect message: the value to put in the setting, when it can be told."""
        request_path = urlparse(request_url).path
        base_path = urlparse(setting.value or "").path.rstrip("/")
        rest = request_path[len(base_path):] if request_path.startswith(base_path) else None
        parsed = urlparse(target)
        if rest and parsed.path.endswith(rest):
            new = "%s://%s%s" % (parsed.scheme, parsed.netloc.rsplit("@", 1)[-1], parsed.path[:-len(rest)])
        elif rest == "" and setting.value:
            new = "%s://%s%s" % (parsed.scheme, parsed.netloc.rsplit("@", 1)[-1], parsed.path)
        else:
            return "If the API lives at that address, point %s at it." % setting.hint
        return "If the API lives there, set %s to %s." % (setting.hint, self.redactor.url(new))

    # Answers -----------------------------------------------------------------------------
    def _finish(self, method, url, answer, ok_statuses, empty_statuses, setting, resent):
        content = answer.content
        status = answer.status
        content_type = answer.headers.get("Content-Type", "")
        safe_url = self.redactor.url(url)
        body = None
        if content.strip():
            try:
                body = json.loads(_json_text(content, content_type))
            except ValueError:
                body = None
        response = Response(status, answer.headers, content, body, method, safe_url, self.redactor, setting.hint)
        success = (status in ok_statuses) if ok_statuses else (200 <= status < 300)
        if success:
            if content.strip() and body is None:
                written = "" if method in READ_METHODS else (" The %s may or may not have been made: this is not the "
                                                             "product's answer to it." % method)
                if "json" in content_type.lower():
                    raise UnexpectedResponseError(
                        "%s %s returned HTTP %s with a body that is not valid JSON: %s.%s"
                        % (method, safe_url, status, response.body_summary(), written),
                        {"status": status, "method": method, "url": safe_url},
                    )
                if method not in READ_METHODS or "html" in content_type.lower():
                    raise UnexpectedResponseError(
                        "%s %s returned HTTP %s with %s instead of JSON; check %s (it may point at a login page, a "
                        "proxy or another service).%s"
                        % (method, safe_url, status, response.body_summary(), setting.hint, written),
                        {"status": status, "method": method, "url": safe_url},
                    )
            return response
        if status in empty_statuses:
            return response
        raise self._error_for(response, resent)

    def _error_for(self, response, resent=False):
        method, url, status, body = response.method, response.url, response.status, response.json
        messages = [self.redactor.text(m) for m in extract_messages(body, response.text if body is None else "")]
        if body is None and response.content.strip() and not messages:
            messages = [response.body_summary()]
        summary = "; ".join(messages) if messages else "no message from the server"
        message = "%s %s failed with HTTP %s: %s" % (method, url, status, summary)
        if status in self.auth_hints:
            message += "; %s" % self.auth_hints[status]
        cls = ApiError
        if status in (401, 403):
            cls = AuthenticationError
        elif status == 404:
            cls = NotFoundError
        elif status == 409:
            cls = ConflictError
        elif status in (400, 422):
            cls = ValidationError
        error = cls(message, method=method, url=url, status=status,
                    body=self.redactor.data(body) if body is not None else None,
                    server_messages=messages)
        error.resent = resent
        return error


class _Incomplete(Exception):
    """An answer that could not be read whole (too slow, too big, or cut off)."""


class Watchdog:
    """Shuts the connection of an answer down at `deadline`, so that a read blocked on a server that
    trickles bytes returns at once. The socket is reached through the response's public fileno()
    (a duplicate descriptor: shutting it down ends the connection, closing it leaves the original)."""

    def __init__(self, raw, deadline):
        self._sock = None
        self._timer = None
        try:
            self._sock = socket.fromfd(raw.raw.fileno(), socket.AF_INET, socket.SOCK_STREAM)
        except (AttributeError, OSError, ValueError):
            return  # no socket to watch (a closed or a preloaded answer): the chunk checks remain
        self._timer = threading.Timer(max(0.0, deadline - time.monotonic()), self._shut_down)
        self._timer.daemon = True
        self._timer.start()

    def _shut_down(self):
        try:
            self._sock.shutdown(socket.SHUT_RDWR)
        except (OSError, ValueError):
            pass

    def stop(self):
        if self._timer is not None:
            self._timer.cancel()
            self._timer.join()
        if self._sock is not None:
            self._sock.close()


def _json_text(content, content_type):
    """What json.loads reads: the bytes (it finds UTF-8/16/32 itself), or text in another declared charset."""
    match = re.search(r"charset=([\w.:-]+)", content_type or "", re.IGNORECASE)
    if match and match.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
        return decode_body(content, content_type)
    return content


def causes_of(exc):
    """The chain of a transport failure, outermost first: requests -> urllib3 -> socket."""
    chain = [exc]
    while len(chain) < 10:
        current = chain[-1]
        wrapped = [getattr(current, "reason", None), current.__cause__]
        wrapped.extend(a for a in getattr(current, "args", ()) if isinstance(a, BaseException))
        wrapped.append(current.__context__)
        following = next((w for w in wrapped if isinstance(w, BaseException) and all(w is not c for c in chain)), None)
        if following is None:
            break
        chain.append(following)
    return chain


def innermost(exc):
    """The words of the deepest cause of a transport failure, without urllib3's pool and URL text."""
    for cause in reversed(causes_of(exc)):
        text = to_text(cause).strip()
        if text and "Pool(" not in text and "object at 0x" not in text:
            return re.sub(r"^<[^>]+>:\s*", "", text)[:200]
    return type(exc).__name__


def _seconds(value):
    return ("%.1f" % value).rstrip("0").rstrip(".") if value < 100 else "%d" % value


def _mb(value):
    return ("%.1f" % (value / 1048576.0)).rstrip("0").rstrip(".")


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
        # A page has no message of the product's: the caller summarises it (body_summary).
    return messages
