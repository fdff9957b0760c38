# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plutora REST API under /plutora (seed: plutora-rest-api-primer.txt, api-notes.md).

Authentication: POST /plutora/oauth/token with the form-encoded password grant issues bearer
tokens that expire (lifetime from /_admin/config `plutora_token_lifetime`, default 1800 s);
every other call needs `Authorization: bearer <token>` and gets 401 with the ASP.NET message
otherwise. Paths are case-insensitive (lower-cased before routing).
"""

from __future__ import absolute_import, division, print_function

import json
import secrets
import time

from flask import Blueprint, Response, current_app, request

from .credentials import CREDENTIALS

DENIED = "Authorization has been denied for this request."


def seed():
    return {"tokens": {}}


bp = Blueprint("plutora", __name__, url_prefix="/plutora")


def _state():
    return current_app.extensions["emulator_state"]


def _data():
    return _state().data("plutora")


def json_response(body, status=200):
    return Response(json.dumps(body), status=status, content_type="application/json; charset=utf-8")


def error_response(message, status, model_state=None):
    body = {"Message": message}
    if model_state:
        body["ModelState"] = model_state
    return json_response(body, status)


@bp.route("/oauth/token", methods=["POST"])
def token():
    form = request.form
    if form.get("grant_type") != "password":
        return json_response({"error": "unsupported_grant_type"}, 400)
    if (form.get("client_id") != CREDENTIALS["plutora_client_id"]
            or form.get("client_secret") != CREDENTIALS["plutora_client_secret"]):
        return json_response({"error": "invalid_client", "error_description": "Client authentication failed."}, 401)
    if (form.get("username") != CREDENTIALS["plutora_username"]
            or form.get("password") != CREDENTIALS["plutora_password"]):
        return json_response({"error": "invalid_grant",
                              "error_description": "The user name or password is incorrect."}, 400)
    state = _state()
    with state.lock:
        lifetime = int(state.config.get("plutora_token_lifetime", 1800))
        access_token = secrets.token_urlsafe(32)
        _data()["tokens"][access_token] = time.time() + lifetime
    return json_response({"access_token": access_token, "token_type": "bearer", "expires_in": lifetime})


@bp.before_request
def _authenticate():
    if request.path.lower().rstrip("/") == "/plutora/oauth/token":
        return None
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value:
        return error_response(DENIED, 401)
    with _state().lock:
        expires = _data()["tokens"].get(value.strip())
    if expires is None or expires < time.time():
        return error_response(DENIED, 401)
    return None


@bp.route("/me", methods=["GET"])
def me():
    return json_response(CREDENTIALS["plutora_username"])


def register(app, state):
    state.register("plutora", seed)
    app.register_blueprint(bp)

    @app.route("/_admin/expire_tokens", methods=["POST"])
    def admin_expire_tokens():
        with state.lock:
            tokens = state.data("plutora")["tokens"]
            for key in tokens:
                tokens[key] = 0
        return json_response({"expired": len(tokens)})

    @app.route("/_admin/issued_tokens", methods=["GET"])
    def admin_issued_tokens():
        # Tests search every output for these: an issued token is a secret too.
        with state.lock:
            return json_response(sorted(state.data("plutora")["tokens"]))

    # Plutora paths are case-insensitive: lower-case them before Flask routes the request.
    inner = app.wsgi_app

    def lower_plutora_paths(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path.lower().startswith("/plutora"):
            environ["PATH_INFO"] = path.lower()
        return inner(environ, start_response)

    app.wsgi_app = lower_plutora_paths
