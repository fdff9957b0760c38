# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Error classes shared by every product API.

Modules catch EnvopsError once (in runner.py) and turn it into one fail_json call, so every
failure reads the same way: what failed, the HTTP method and status, and a redacted URL.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class EnvopsError(Exception):
    """Base class; `details` become extra keys of the failed result."""

    def __init__(self, message, details=None):
        super(EnvopsError, self).__init__(message)
        self.message = message
        self.details = details or {}


class InputError(EnvopsError):
    """The user asked for something impossible; raised before any write is sent."""


class ApiError(EnvopsError):
    """The server answered with an error status."""

    def __init__(self, message, method=None, url=None, status=None, body=None, server_messages=None):
        details = {}
        if status is not None:
            details["status"] = status
        if method:
            details["method"] = method
        if url:
            details["url"] = url
        if server_messages:
            details["server_messages"] = server_messages
        super(ApiError, self).__init__(message, details)
        self.method = method
        self.url = url
        self.status = status
        self.body = body
        self.server_messages = server_messages or []
        # Set by the client when the request had been sent before without an answer it could use.
        self.resent = False


class AuthenticationError(ApiError):
    """401 or 403: wrong credentials, expired token or missing permission."""


class NotFoundError(ApiError):
    """404 where the caller did not expect an empty answer."""


class ValidationError(ApiError):
    """400 or 422 with the server's own validation messages."""


class ConflictError(ApiError):
    """409, or a duplicate name reported by a validation error."""


class MissingEndpointError(ApiError):
    """404 or 405 on a request that rests on a "(guess)" of docs/api-reference.md: no product document shows
    that endpoint, and this server does not have it."""

    @classmethod
    def guarded(cls, product, guess, send):
        """send()'s answer, where send() makes the guessed request `guess` of `product`: a 404 or 405
        becomes this error (the server lacks the request), any other ApiError stays as it is."""
        try:
            return send()
        except ApiError as exc:
            if exc.status not in (404, 405):
                raise
            raise cls("%s %s answered HTTP %s: this %s server does not have %s, a request no %s document shows "
                      "(the module relies on a guess there)." % (exc.method, exc.url, exc.status, product, guess,
                                                                 product),
                      method=exc.method, url=exc.url, status=exc.status, server_messages=exc.server_messages)


class RedirectError(ApiError):
    """A redirect the client does not follow: to another server (the credentials stay with the
    configured one), or a write the redirect would turn into a read."""

    def __init__(self, message, method=None, url=None, status=None, location=None):
        super(RedirectError, self).__init__(message, method=method, url=url, status=status)
        if location:
            self.details["location"] = location
        self.location = location


class TransportError(EnvopsError):
    """No usable HTTP answer: connection refused or dropped, timeout, TLS failure."""


class UnexpectedResponseError(EnvopsError):
    """An answer the API documents do not allow, such as HTML where JSON was due."""


class ConcurrentWriteError(EnvopsError):
    """Another writer kept undoing this task's write, or made a twin of the record this task created
    that cannot be settled: what the task asked for is not what the server holds."""
