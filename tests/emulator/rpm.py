# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""BMC Release Process Management REST v1 under /brpm/v1 (docs/api-reference.md, "BMC Release Process
Management").

Behaviours taken from the documents: token in the query string (or a body field); a bad token
gets 403 with an XML body whatever format was asked; a search with no match gets 404 with a
one-space body; name filters are case-insensitive with `%` as wildcard; only active records
unless `inactive` is asked (both flags give all); POST 201, PUT 202, DELETE 202 that only
deactivates; validation errors are 422 with a Rails errors hash; an unknown key is a 500.
Marked (guess) where no document says: uniqueness ignores case, a single default environment.
Server writes (POST /servers, PUT and DELETE /servers/{id}) follow the product's general REST rules
and the environments page's pattern (docs/api-reference.md: a guess); the `rpm_server_writes` switch of
GUESSES turns them off.

Admin (for benchmarks, not part of RPM): POST /_admin/rpm/environments {"count": N, "prefix": "bulk-"}
adds N plain environments named <prefix>00000.. in one call.
"""

from __future__ import absolute_import, division, print_function

import copy
import json
import re
from datetime import datetime, timezone
from xml.sax.saxutils import escape

from flask import Blueprint, Response, current_app, request

from .core import guess_off
from .credentials import CREDENTIALS

ENV_KEYS = ("name", "server_ids", "server_group_ids", "default", "active", "default_server_group_id",
            "environment_type_id", "deployment_policy")
# (guess) The keys of {"server": {...}}, by analogy with environments (docs/api-reference.md).
SERVER_KEYS = ("name", "dns", "ip_address", "os_platform", "active", "environment_ids")
SERVER_TEXT_KEYS = ("dns", "ip_address", "os_platform")
POLICIES = ("opened", "closed")


def _now():
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")


def seed():
    stamp = "2011-04-29T00:12:28-04:00"
    types = {
        1: {"id": 1, "name": "Development", "description": "Development environments.", "label_color": "#2e7d32"},
        2: {"id": 2, "name": "Testing", "description": "Test and QA environments.", "label_color": "#f9a825"},
        3: {"id": 3, "name": "Staging", "description": "Pre-production environments.", "label_color": "#1565c0"},
        4: {"id": 4, "name": "Production", "description": "A default environment type.", "label_color": "#c62828"},
    }
    servers = {}
    for i, (name, dns, ip) in enumerate([
        ("Test Server 1", "test1.example.local", "10.0.0.11"),
        ("Test Server 2", "test2.example.local", "10.0.0.12"),
        ("Test Server 3", "test3.example.local", "10.0.0.13"),
        ("qa-app-01", "qa-app-01.example.local", "10.0.1.21"),
        ("qa-db-01", "qa-db-01.example.local", "10.0.1.22"),
        ("uat-app-01", "uat-app-01.example.local", "10.0.2.31"),
    ], start=1):
        servers[i] = {"id": i, "name": name, "dns": dns, "ip_address": ip, "os_platform": "Linux", "active": True}
    groups = {
        1: {"id": 1, "name": "Test Server Group 1", "description": None, "active": True},
        2: {"id": 2, "name": "QA Web", "description": "QA web tier", "active": True},
        3: {"id": 3, "name": "QA Data", "description": "QA database tier", "active": True},
    }
    envs = {
        1: {"id": 1, "name": "aws_cloud", "active": True, "default": False, "default_server_group_id": None,
            "deployment_policy": "opened", "environment_type_id": 4, "server_ids": [1, 2, 3],
            "server_group_ids": [1], "created_at": stamp, "updated_at": stamp},
        2: {"id": 2, "name": "production", "active": True, "default": False, "default_server_group_id": None,
            "deployment_policy": "opened", "environment_type_id": 4, "server_ids": [1, 2, 3],
            "server_group_ids": [1], "created_at": stamp, "updated_at": stamp},
    }
    apps = [{"id": 2, "name": "App 2"}, {"id": 1, "name": "SR_|_SmartRelease"}]
    return {"environment_types": types, "servers": servers, "server_groups": groups,
            "environments": envs, "apps": apps, "next_id": {"environments": 3, "servers": len(servers) + 1}}


bp = Blueprint("rpm", __name__, url_prefix="/brpm/v1")


def _state():
    return current_app.extensions["emulator_state"]


def _data():
    return _state().data("rpm")


def _wants_xml(path_format):
    return path_format == "xml" or "xml" in (request.headers.get("Accept") or "").lower()


def _to_xml(tag, value):
    tag = tag.replace("_", "-")
    if isinstance(value, dict):
        inner = "".join(_to_xml(k, v) for k, v in value.items())
        return "<%s>%s</%s>" % (tag, inner, tag)
    if isinstance(value, list):
        item_tag = tag[:-1] if tag.endswith("s") else tag
        inner = "".join(_to_xml(item_tag, v) for v in value)
        return '<%s type="array">%s</%s>' % (tag, inner, tag)
    if value is None:
        return '<%s nil="true"></%s>' % (tag, tag)
    if isinstance(value, bool):
        return '<%s type="boolean">%s</%s>' % (tag, str(value).lower(), tag)
    if isinstance(value, int):
        return '<%s type="integer">%s</%s>' % (tag, value, tag)
    return "<%s>%s</%s>" % (tag, escape(str(value)), tag)


def _respond(body, status, path_format=None, root="environment"):
    if _wants_xml(path_format):
        if isinstance(body, list):
            xml = _to_xml(root + "s", body)
        else:
            xml = _to_xml(root, body)
        return Response('<?xml version="1.0" encoding="UTF-8"?>\n' + xml, status=status,
                        content_type="application/xml;charset=utf-8")
    return Response(json.dumps(body), status=status, content_type="application/json;charset=utf-8")


def _not_found():
    # RPM answers an empty search (and a missing record) with 404 and a one-space body.
    return Response(" ", status=404, content_type="application/json;charset=utf-8")


def _forbidden():
    return Response("<xml><error><response>Invalid API Key</response></error></xml>", status=403,
                    content_type="application/xml;charset=utf-8")


def _body():
    if not request.data:
        return {}
    try:
        return json.loads(request.data)
    except ValueError:
        return None


@bp.before_request
def _authenticate():
    body = _body() or {}
    token = request.args.get("token") or (body.get("token") if isinstance(body, dict) else None)
    if token != CREDENTIALS["rpm_token"]:
        return _forbidden()
    return None


def _split_format(name):
    if name.endswith(".json"):
        return name[:-5], "json"
    if name.endswith(".xml"):
        return name[:-4], "xml"
    return name, None


def _filters():
    """Filters from the query string (filters[name]=X) or a JSON body {"filters": {...}}."""
    filters = {}
    body = _body()
    if isinstance(body, dict) and isinstance(body.get("filters"), dict):
        filters.update(body["filters"])
    for key, value in request.args.items():
        match = re.match(r"^filters\[(\w+)\]$", key)
        if match:
            filters[match.group(1)] = value
    return filters


def _truthy(value):
    return str(value).lower() in ("true", "1", "yes")


def _name_matches(pattern, name):
    regex = "^" + ".*".join(re.escape(part) for part in str(pattern).split("%")) + "$"
    return re.match(regex, name or "", re.IGNORECASE | re.DOTALL) is not None


def _search(records, filters, has_active=True):
    result = []
    want_active = _truthy(filters.get("active", False))
    want_inactive = _truthy(filters.get("inactive", False))
    for record in records:
        if has_active:
            active = record.get("active", True)
            if want_inactive and not want_active and active:
                continue
            if not want_inactive and not active:
                continue
        if "name" in filters and not _name_matches(filters["name"], record.get("name")):
            continue
        if "environment_type_id" in filters and str(record.get("environment_type_id")) != str(filters["environment_type_id"]):
            continue
        result.append(record)
    return result


def render_environment(env):
    data = _data()
    env_type = data["environment_types"].get(env.get("environment_type_id"))
    return {
        "id": env["id"],
        "name": env["name"],
        "active": env["active"],
        "default": env["default"],
        "default_server_group_id": env["default_server_group_id"],
        "deployment_policy": env["deployment_policy"],
        "created_at": env["created_at"],
        "updated_at": env["updated_at"],
        "apps": copy.deepcopy(data["apps"]) if env["id"] in (1, 2) else [],
        "servers": [{"id": i, "name": data["servers"][i]["name"]} for i in env["server_ids"]],
        "server_groups": [{"id": i, "name": data["server_groups"][i]["name"]} for i in env["server_group_ids"]],
        "environment_type": ({"id": env_type["id"], "name": env_type["name"],
                              "description": env_type["description"]} if env_type else None),
        "installed_components": [],
        "route_gates": [],
    }


def _name_errors(fields, table, record_id=None):
    """Rails-style errors of a record's `name`: required (on create), at most 255 characters, unique
    without case (guess) among the records of `table`."""
    errors = {}
    if "name" in fields or record_id is None:
        name = fields.get("name")
        name = name.strip() if isinstance(name, str) else name
        if not name:
            errors.setdefault("name", []).append("can't be blank")
        elif len(name) > 255:
            errors.setdefault("name", []).append("is too long (maximum is 255 characters)")
        elif any(r["name"].lower() == name.lower() and r["id"] != record_id for r in _data()[table].values()):
            errors.setdefault("name", []).append("has already been taken")
    return errors


def _validate(fields, env_id=None):
    """Rails-style errors hash for the environment fields, or {} when valid."""
    data = _data()
    errors = _name_errors(fields, "environments", env_id)
    if "deployment_policy" in fields and fields["deployment_policy"] not in POLICIES:
        errors.setdefault("deployment_policy", []).append("is not included in the list")
    for key, table in (("server_ids", "servers"), ("server_group_ids", "server_groups")):
        for ref in fields.get(key) or []:
            if not isinstance(ref, int) or ref not in data[table]:
                errors.setdefault(key, []).append("contains an unknown id %s" % (ref,))
    for key, table in (("environment_type_id", "environment_types"), ("default_server_group_id", "server_groups")):
        ref = fields.get(key)
        if ref is not None and ref not in data[table]:
            errors.setdefault(key, []).append("is not a valid id")
    return errors


def _unprocessable(errors, path_format=None):
    return _respond(errors, 422, path_format, root="errors")


def _unknown_key(keys):
    # RPM raises an internal error on an attribute it does not know.
    return Response(json.dumps({"message": "unknown attribute: %s" % ", ".join(sorted(keys))}), status=500,
                    content_type="application/json;charset=utf-8")


def _fields(path_format, root="environment", keys=ENV_KEYS):
    """The record's fields from {"<root>": {...}}, or (None, the error answer)."""
    body = _body()
    if body is None:
        return None, Response(json.dumps({"message": "malformed JSON"}), status=400, content_type="application/json")
    fields = body.get(root) if isinstance(body, dict) else None
    if not isinstance(fields, dict):
        return None, _unprocessable({root: ["is required"]}, path_format)
    unknown = set(fields) - set(keys)
    if unknown:
        return None, _unknown_key(unknown)
    if isinstance(fields.get("name"), str):
        fields["name"] = fields["name"].strip()
    return fields, None


def _next_id(table):
    """The id of a new record of `table` (environments or servers)."""
    next_ids = _data()["next_id"]
    record_id = next_ids[table]
    next_ids[table] += 1
    return record_id


def _apply(env, fields):
    for key, value in fields.items():
        env[key] = value
    if fields.get("default"):
        for other in _data()["environments"].values():
            if other is not env:
                other["default"] = False
    env["updated_at"] = _now()


@bp.route("/environments", methods=["GET", "POST"])
@bp.route("/environments.<fmt>", methods=["GET", "POST"])
def environments(fmt=None):
    state = _state()
    with state.lock:
        data = _data()
        if request.method == "GET":
            found = _search(sorted(data["environments"].values(), key=lambda e: e["id"]), _filters())
            if not found:
                return _not_found()
            return _respond([render_environment(e) for e in found], 200, fmt)
        fields, error = _fields(fmt)
        if error is not None:
            return error
        errors = _validate(fields)
        if errors:
            return _unprocessable(errors, fmt)
        env_id = _next_id("environments")
        env = {"id": env_id, "name": None, "active": True, "default": False, "default_server_group_id": None,
               "deployment_policy": "opened", "environment_type_id": None, "server_ids": [],
               "server_group_ids": [], "created_at": _now(), "updated_at": _now()}
        _apply(env, fields)
        data["environments"][env_id] = env
        return _respond(render_environment(env), 201, fmt)


@bp.route("/environments/<env_ref>", methods=["GET", "PUT", "DELETE"])
def environment(env_ref):
    env_ref, fmt = _split_format(env_ref)
    state = _state()
    with state.lock:
        data = _data()
        env = data["environments"].get(int(env_ref)) if env_ref.isdigit() else None
        if env is None:
            return _not_found()
        if request.method == "GET":
            return _respond(render_environment(env), 200, fmt)
        if request.method == "DELETE":
            env["active"] = False
            env["updated_at"] = _now()
            return Response("", status=202)
        fields, error = _fields(fmt)
        if error is not None:
            return error
        errors = _validate(fields, env_id=env["id"])
        if fields.get("active") is False and (env["default"] and fields.get("default") is not False):
            errors.setdefault("base", []).append("Default environment cannot be deactivated.")
        if errors:
            return _unprocessable(errors, fmt)
        _apply(env, fields)
        return _respond(render_environment(env), 202, fmt)


def _related(table, root):
    def listing(fmt=None):
        with _state().lock:
            records = sorted(_data()[table].values(), key=lambda r: r["id"])
            found = _search(records, _filters(), has_active=(table != "environment_types"))
            if not found:
                return _not_found()
            return _respond(copy.deepcopy(found), 200, fmt, root=root)

    def single(record_ref):
        record_ref, fmt = _split_format(record_ref)
        with _state().lock:
            record = _data()[table].get(int(record_ref)) if record_ref.isdigit() else None
            if record is None:
                return _not_found()
            return _respond(copy.deepcopy(record), 200, fmt, root=root)

    listing.__name__ = "list_" + table
    single.__name__ = "get_" + table
    bp.add_url_rule("/%s" % table, view_func=listing, methods=["GET"])
    bp.add_url_rule("/%s.<fmt>" % table, view_func=listing, methods=["GET"])
    bp.add_url_rule("/%s/<record_ref>" % table, view_func=single, methods=["GET"])


_related("environment_types", "environment_type")
_related("server_groups", "server_group")


# Servers: the REST servers page shows the reads; the writes are a guess (docs/api-reference.md) ----

def render_server(server):
    return dict((key, server[key]) for key in ("id", "name", "dns", "ip_address", "os_platform", "active"))


def _server_writes_missing():
    """How an RPM without the guessed server writes answers (a Rails routing error), or None."""
    status = guess_off(_state(), "rpm_server_writes")
    if status is None:
        return None
    return Response(json.dumps({"message": 'No route matches [%s] "%s"' % (request.method, request.path)}),
                    status=status, content_type="application/json;charset=utf-8")


def _server_errors(fields, server_id=None):
    data = _data()
    errors = _name_errors(fields, "servers", server_id)
    for key in SERVER_TEXT_KEYS:
        if fields.get(key) is not None and not isinstance(fields[key], str):
            errors.setdefault(key, []).append("is invalid")
    if "active" in fields and not isinstance(fields["active"], bool):
        errors.setdefault("active", []).append("is not included in the list")
    for ref in fields.get("environment_ids") or []:
        if not isinstance(ref, int) or ref not in data["environments"]:
            errors.setdefault("environment_ids", []).append("contains an unknown id %s" % (ref,))
    return errors


def _apply_server(server, fields):
    for key, value in fields.items():
        if key != "environment_ids":
            server[key] = value
    if fields.get("environment_ids") is not None:
        # The environments of the server: the exact set, kept on the environments' side.
        for env in _data()["environments"].values():
            member = server["id"] in env["server_ids"]
            if (env["id"] in fields["environment_ids"]) != member:
                env["server_ids"] = (sorted(env["server_ids"] + [server["id"]]) if not member
                                     else [i for i in env["server_ids"] if i != server["id"]])
                env["updated_at"] = _now()


@bp.route("/servers", methods=["GET", "POST"])
@bp.route("/servers.<fmt>", methods=["GET", "POST"])
def servers(fmt=None):
    with _state().lock:
        data = _data()
        if request.method == "GET":
            found = _search(sorted(data["servers"].values(), key=lambda r: r["id"]), _filters())
            if not found:
                return _not_found()
            return _respond([render_server(r) for r in found], 200, fmt, root="server")
        missing = _server_writes_missing()
        if missing is not None:
            return missing
        fields, error = _fields(fmt, "server", SERVER_KEYS)
        if error is not None:
            return error
        errors = _server_errors(fields)
        if errors:
            return _unprocessable(errors, fmt)
        server_id = _next_id("servers")
        server = {"id": server_id, "name": None, "dns": None, "ip_address": None, "os_platform": None,
                  "active": True}
        data["servers"][server_id] = server
        _apply_server(server, fields)
        return _respond(render_server(server), 201, fmt, root="server")


@bp.route("/servers/<server_ref>", methods=["GET", "PUT", "DELETE"])
def server(server_ref):
    server_ref, fmt = _split_format(server_ref)
    with _state().lock:
        record = _data()["servers"].get(int(server_ref)) if server_ref.isdigit() else None
        if request.method != "GET":
            missing = _server_writes_missing()
            if missing is not None:
                return missing
        if record is None:
            return _not_found()
        if request.method == "GET":
            return _respond(render_server(record), 200, fmt, root="server")
        if request.method == "DELETE":
            # Like environments: a soft delete that deactivates.
            record["active"] = False
            return Response("", status=202)
        fields, error = _fields(fmt, "server", SERVER_KEYS)
        if error is not None:
            return error
        errors = _server_errors(fields, server_id=record["id"])
        if errors:
            return _unprocessable(errors, fmt)
        _apply_server(record, fields)
        return _respond(render_server(record), 202, fmt, root="server")


admin_bp = Blueprint("rpm_admin", __name__, url_prefix="/_admin/rpm")


@admin_bp.route("/environments", methods=["POST"])
def admin_bulk_environments():
    """Seed many environments at once (a server of realistic size for the scale benchmark)."""
    body = request.get_json(force=True) or {}
    count = int(body.get("count", 0))
    prefix = str(body.get("prefix", "bulk-env-"))
    with _state().lock:
        data = _data()
        stamp = _now()
        for i in range(count):
            env_id = _next_id("environments")
            data["environments"][env_id] = {
                "id": env_id, "name": "%s%05d" % (prefix, i), "active": True, "default": False,
                "default_server_group_id": None, "deployment_policy": "opened",
                "environment_type_id": 1 + i % 4, "server_ids": [], "server_group_ids": [],
                "created_at": stamp, "updated_at": stamp}
        total = len(data["environments"])
    return Response(json.dumps({"created": count, "total": total}), status=200, content_type="application/json")
