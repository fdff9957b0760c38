# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""FlexDeploy REST v1 under /flexdeploy/rest/v1 (seeds: flexdeploy-*.txt, api-notes.md).

Authentication is HTTP Basic (an API token may stand in for the password). A wrong user or
password gets 401; the read-only user gets 403 on any write. Errors carry a JSON body.
"""

from __future__ import absolute_import, division, print_function

import json

from flask import Blueprint, Response, current_app, request

from .credentials import CREDENTIALS

WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


def seed():
    return {}


bp = Blueprint("flexdeploy", __name__, url_prefix="/flexdeploy/rest/v1")


def _state():
    return current_app.extensions["emulator_state"]


def _data():
    return _state().data("flexdeploy")


def json_response(body, status=200):
    return Response(json.dumps(body), status=status, content_type="application/json")


def error_response(status, message):
    return json_response({"status": status, "message": message}, status)


@bp.before_request
def _authenticate():
    auth = request.authorization
    if auth is None or auth.type != "basic":
        return error_response(401, "Authentication failure: missing Basic credentials.")
    pair = (auth.username, auth.password)
    if pair == (CREDENTIALS["flexdeploy_username"], CREDENTIALS["flexdeploy_password"]):
        return None
    if pair == (CREDENTIALS["flexdeploy_reader"], CREDENTIALS["flexdeploy_reader_password"]):
        if request.method in WRITE_METHODS:
            return error_response(403, "Authorization failure: user %s may not modify this resource." % auth.username)
        return None
    return error_response(401, "Authentication failure: invalid user name or password.")


def register(app, state):
    state.register("flexdeploy", seed)
    app.register_blueprint(bp)
