# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every product of the emulator shares: state, the request log, faults and the admin API.

Admin API (no authentication; the emulator listens on loopback only):
  POST /_admin/reset                 re-seed every product, clear the log, faults and config
  GET  /_admin/requests              the request log [{seq, product, method, path, query, status}]
  DELETE /_admin/requests            clear the log
  POST /_admin/faults                queue faults: {"status": 503, "count": 2, "retry_after": 1,
                                     "method": "GET", "path": "regex", "delay": 2.5,
                                     "drop": true, "when": "before"|"after", "body": "..."}
                                     "method": "WRITES" matches POST, PUT, PATCH and DELETE
                                     (a Plutora token request aside);
                                     "standing": true keeps a delay-only fault for every matching
                                     request until the faults are cleared (a slow server: every
                                     write held "delay" seconds before it is processed), and it
                                     never hides the queued faults
                                     slow links and big answers (network faults, not product
                                     behaviour): "drip": 0.1 sends the real answer's body one byte
                                     every 0.1 s; "big_mb": 200 answers 200 with a JSON list of
                                     that many megabytes, streamed
  GET/DELETE /_admin/faults          list / clear queued faults
  POST /_admin/config                {"plutora_token_lifetime": seconds, ...}
                                     {"guesses": {"<name>": false}} turns a guessed behaviour off
                                     (see GUESSES); false answers 405, a number answers that status
  POST /_admin/expire_tokens         make every issued Plutora token expire now
"""

from __future__ import absolute_import, division, print_function

import re
import socket
import threading
import time

from flask import Flask, Response, g, jsonify, request

SECRET_QUERY_KEYS = ("token", "access_token", "password", "client_secret")
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")

# Behaviours no document shows ("(guess)" in docs/api-reference.md and the product files) that a module
# sends requests to. Each is on by default; `POST /_admin/config {"guesses": {name: false}}` makes
# the emulator a server without it, so tests can show the modules survive one.
GUESSES = {
    "plutora_connectivities_list": "GET /plutora/connectivities (the primer shows only POST); off: 405 "
                                   "(or the status given)",
    "plutora_connectivity_item": "GET and DELETE /plutora/connectivities/{id}; off: 405 (or the status given)",
    "plutora_environmentgroup_put": "PUT /plutora/environmentgroups/{id} (the primer only says environments "
                                    "can be added after creation); off: 405 (or the status given)",
    "rpm_server_writes": "POST /brpm/v1/servers, PUT and DELETE /brpm/v1/servers/{id} (BMC's REST servers page "
                         "shows the reads only; the writes and their {\"server\": {...}} body follow the "
                         "environments page); off: 405 (or the status given)",
    "flexdeploy_target_put_keeps_credential": "PUT of a FlexDeploy target keeps an encrypted property sent with "
                                              "its credentialId and no value; off: the property is cleared, as "
                                              "the PUT page says of a property without a value",
}


def guess_off(state, name):
    """None while the guessed behaviour `name` is on; else the HTTP status a server without it answers."""
    if name not in GUESSES:
        raise KeyError(name)
    with state.lock:
        value = (state.config.get("guesses") or {}).get(name, True)
    if value is True:
        return None
    if value is False or value is None:
        return 405
    return int(value)


class State:
    """All mutable emulator data behind one re-entrant lock."""

    def __init__(self):
        self.lock = threading.RLock()
        self.products = {}
        self.seeders = {}
        self.log = []
        self.faults = []
        self.config = {}
        self.seq = 0

    def register(self, name, seeder):
        self.seeders[name] = seeder
        self.products[name] = seeder()

    def reset(self):
        with self.lock:
            for name, seeder in self.seeders.items():
                self.products[name] = seeder()
            self.log = []
            self.faults = []
            self.config = {}

    def data(self, product):
        return self.products[product]


def redact_query(args):
    parts = []
    for key, value in args.items(multi=True):
        parts.append("%s=%s" % (key, "********" if key.lower() in SECRET_QUERY_KEYS else value))
    return "&".join(parts)


def product_of(path):
    for prefix, name in (("/plutora", "plutora"), ("/flexdeploy", "flexdeploy"), ("/brpm", "rpm")):
        if path.lower().startswith(prefix):
            return name
    return None


def _fault_matches(fault, method, path):
    wanted = (fault.get("method") or "").upper()
    if wanted == "WRITES":
        # A Plutora token request is a POST that writes nothing.
        if method not in WRITE_METHODS or path.lower().endswith("/oauth/token"):
            return False
    elif wanted and wanted != method:
        return False
    return not fault.get("path") or re.search(fault["path"], path, re.IGNORECASE) is not None


def _standing_delay(state, method, path):
    """Seconds every matching standing fault holds this request (the longest of them)."""
    with state.lock:
        delays = [float(f.get("delay") or 0) for f in state.faults
                  if f.get("standing") and _fault_matches(f, method, path)]
    return max(delays or [0])


def _take_fault(state, method, path, when):
    with state.lock:
        for fault in state.faults:
            if fault.get("standing") or fault.get("when", "before") != when:
                continue
            if not _fault_matches(fault, method, path):
                continue
            fault["count"] -= 1
            if fault["count"] <= 0:
                state.faults.remove(fault)
            return dict(fault)
    return None


def _drop_connection():
    """Close the client's socket without an HTTP answer (werkzeug exposes the socket)."""
    sock = request.environ.get("werkzeug.socket")
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        sock.close()


def _fault_response(fault):
    headers = {}
    if fault.get("retry_after") is not None:
        headers["Retry-After"] = str(fault["retry_after"])
    body = fault.get("body")
    if body is None:
        body = '{"message": "injected fault %s"}' % fault.get("status", 500)
    content_type = fault.get("content_type", "application/json")
    return Response(body, status=fault.get("status", 500), headers=headers, content_type=content_type)


def _dripped(response, interval):
    """The same answer, its body sent one byte every `interval` seconds (a slow or stalling link)."""
    data = response.get_data()

    def trickle():
        for index in range(len(data)):
            time.sleep(interval)
            yield data[index:index + 1]

    return Response(trickle(), status=response.status_code, headers=list(response.headers.items()))


BIG_RECORD = '{"id": %d, "name": "big-answer-%06d", "description": "%s"}'


def _big_answer(megabytes):
    """200 with a JSON list of about `megabytes` MB, streamed (never held whole by the emulator)."""
    limit = int(float(megabytes) * 1024 * 1024)

    def stream():
        sent, index = 1, 0
        yield b"["
        while sent < limit:
            chunk = ",".join(BIG_RECORD % (n, n, "x" * 200) for n in range(index, index + 1000))
            chunk = ("," if index else "") + chunk
            index += 1000
            sent += len(chunk)
            yield chunk.encode()
        yield b"]"

    return Response(stream(), status=200, content_type="application/json")


def create_base_app(state):
    app = Flask("envops_emulator")
    app.config["JSON_SORT_KEYS"] = False
    app.json.sort_keys = False
    app.extensions["emulator_state"] = state

    @app.before_request
    def _before():
        g.product = product_of(request.path)
        if g.product is None:
            return None
        g.dropped = False
        standing = _standing_delay(state, request.method, request.path)
        if standing:
            time.sleep(standing)
        fault = _take_fault(state, request.method, request.path, "before")
        if fault is None:
            return None
        if fault.get("delay"):
            time.sleep(float(fault["delay"]))
        if fault.get("drip"):
            g.drip = float(fault["drip"])
        if fault.get("big_mb"):
            return _big_answer(fault["big_mb"])
        if fault.get("drop"):
            g.dropped = True
            _log(state, request, "dropped")
            _drop_connection()
            return Response("", status=500)
        if fault.get("status"):
            return _fault_response(fault)
        return None

    @app.after_request
    def _after(response):
        if getattr(g, "product", None) is None or getattr(g, "dropped", False):
            return response
        _log(state, request, response.status_code)
        fault = _take_fault(state, request.method, request.path, "after")
        if fault and fault.get("drop"):
            # The request was processed; the client never hears the answer.
            _drop_connection()
        if getattr(g, "drip", None):
            return _dripped(response, g.drip)
        return response

    register_admin(app, state)
    return app


def _log(state, req, status):
    with state.lock:
        state.seq += 1
        state.log.append({
            "seq": state.seq,
            "product": product_of(req.path),
            "method": req.method,
            "path": req.path,
            "query": redact_query(req.args),
            "status": status,
            "time": time.time(),
        })


def register_admin(app, state):
    @app.route("/_admin/reset", methods=["POST"])
    def admin_reset():
        state.reset()
        return jsonify({"reset": True})

    @app.route("/_admin/requests", methods=["GET", "DELETE"])
    def admin_requests():
        if request.method == "DELETE":
            with state.lock:
                state.log = []
            return jsonify({"cleared": True})
        with state.lock:
            return jsonify(list(state.log))

    @app.route("/_admin/faults", methods=["GET", "POST", "DELETE"])
    def admin_faults():
        with state.lock:
            if request.method == "DELETE":
                state.faults = []
            elif request.method == "POST":
                body = request.get_json(force=True) or {}
                for fault in body if isinstance(body, list) else [body]:
                    fault = dict(fault)
                    if fault.get("standing") and (fault.get("status") or fault.get("drop")):
                        return jsonify({"error": "a standing fault only delays; queue statuses and "
                                                 "drops with a count"}), 400
                    fault.setdefault("count", 1)
                    state.faults.append(fault)
            return jsonify(list(state.faults))

    @app.route("/_admin/config", methods=["GET", "POST"])
    def admin_config():
        with state.lock:
            if request.method == "POST":
                body = request.get_json(force=True) or {}
                unknown = sorted(set(body.get("guesses") or {}) - set(GUESSES))
                if unknown:
                    # A misspelt switch would leave the guess on and a test silently vacuous.
                    return jsonify({"error": "unknown guesses: %s" % ", ".join(unknown),
                                    "guesses": sorted(GUESSES)}), 400
                state.config.update(body)
            return jsonify(state.config)

    @app.route("/_admin/health", methods=["GET"])
    def admin_health():
        return jsonify({"ok": True, "products": sorted(state.products)})
