# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Ordinary network gear in front of the emulator, for tests: a tiny HTTP(S) server on 127.0.0.1
that answers chosen requests with a redirect, passes the others on to a backend (the emulator), and
records every request that reached it (method, path, query, headers and body), so a test can say
what was sent where.

    with Front(backend=emu.url) as front:              # a proxy of the emulator
        front.redirect(302, to="https://127.0.0.1:4443", method="PUT")   # an http->https rule on writes
        ...  # api_url=front.url + "/brpm"
    with Front() as elsewhere:                          # no backend: a stranger that answers 200 {}
        ...; elsewhere.received() == []                 # nothing was sent there

A rule's `to` is a URL prefix: the Location is `to` followed by the request's path and query (what
an http->https rule or a moved host answers); `path` (a regular expression) with `replace` rewrites
the path first (a trailing-slash rule: path=r"^(.*[^/])$", replace=r"\\1/").
"""

from __future__ import absolute_import, division, print_function

import http.client
import re
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

HOP_HEADERS = ("connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authorization",
               "proxy-authenticate", "content-length", "host")


class Front:
    def __init__(self, backend=None, cert=None, key=None, host="127.0.0.1"):
        self.backend = backend
        self.cert = cert
        self.key = key
        self.host = host
        self.rules = []
        self._received = []
        self._lock = threading.Lock()
        self._server = None
        self._thread = None
        self.port = None

    @property
    def url(self):
        return "%s://%s:%d" % ("https" if self.cert else "http", self.host, self.port)

    def start(self):
        front = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def _handle(self):
                front._serve(self)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _handle

        self._server = ThreadingHTTPServer((self.host, 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        if self.cert:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(self.cert, self.key)
            self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # What the tests set and read ---------------------------------------------------------------
    def redirect(self, status, to, method=None, path=None, replace=None, count=None):
        """Answer requests (of `method`, whose path matches `path`) with `status` and a Location under `to`.

        count: how many requests the rule answers (None: all)."""
        with self._lock:
            self.rules.append({"status": status, "to": to.rstrip("/"), "method": method, "path": path,
                               "replace": replace, "count": count})

    def clear(self):
        with self._lock:
            self.rules = []
            self._received = []

    def received(self):
        """Every request that reached this server: [{method, path, query, headers, body, answer}]."""
        with self._lock:
            return [dict(r) for r in self._received]

    def received_text(self):
        """Everything that reached this server as one text (to search for credentials)."""
        texts = []
        for entry in self.received():
            headers = "\n".join("%s: %s" % header for header in entry["headers"])
            texts.append("%s %s?%s\n%s\n%s" % (entry["method"], entry["path"], entry["query"], headers, entry["body"]))
        return "\n".join(texts)

    # Serving -----------------------------------------------------------------------------------
    def _rule_for(self, method, path):
        with self._lock:
            for rule in self.rules:
                if rule["method"] and rule["method"].upper() != method:
                    continue
                if rule["path"] and not re.search(rule["path"], path):
                    continue
                if rule["count"] is not None:
                    if rule["count"] <= 0:
                        continue
                    rule["count"] -= 1
                return dict(rule)
        return None

    def _serve(self, handler):
        method = handler.command
        parts = urlsplit(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        entry = {"method": method, "path": parts.path, "query": parts.query,
                 "headers": list(handler.headers.items()), "body": body.decode("utf-8", "replace")}
        rule = self._rule_for(method, parts.path)
        if rule is not None:
            path = re.sub(rule["path"], rule["replace"], parts.path) if rule["replace"] else parts.path
            location = rule["to"] + path + ("?" + parts.query if parts.query else "")
            entry["answer"] = "%d %s" % (rule["status"], location)
            self._record(entry)
            self._answer(handler, rule["status"], [("Location", location), ("Content-Type", "text/html")],
                         b"<html><body>Moved</body></html>")
            return
        if self.backend is None:
            entry["answer"] = "200 recorded"
            self._record(entry)
            self._answer(handler, 200, [("Content-Type", "application/json")], b"{}")
            return
        status, headers, answer = self._forward(method, handler.path, handler.headers, body)
        entry["answer"] = "%d (backend)" % status
        self._record(entry)
        self._answer(handler, status, headers, answer)

    def _record(self, entry):
        with self._lock:
            self._received.append(entry)

    def _forward(self, method, path, headers, body):
        target = urlsplit(self.backend)
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
        try:
            sent = dict((k, v) for k, v in headers.items() if k.lower() not in HOP_HEADERS)
            connection.request(method, path, body=body or None, headers=sent)
            response = connection.getresponse()
            answer = response.read()
            kept = [(k, v) for k, v in response.getheaders() if k.lower() not in HOP_HEADERS]
            return response.status, kept, answer
        finally:
            connection.close()

    @staticmethod
    def _answer(handler, status, headers, body):
        handler.send_response(status)
        for name, value in headers:
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        if handler.command != "HEAD":
            handler.wfile.write(body)
