# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plutora REST API under /plutora (docs/api-reference.md, "Plutora"; the vendor's REST API primer).

Authentication: POST /plutora/oauth/token with the form-encoded password grant issues bearer
tokens that expire (lifetime from /_admin/config `plutora_token_lifetime`, default 1800 s);
every other call needs `Authorization: bearer <token>` and gets 401 with the ASP.NET message
otherwise. Paths are case-insensitive (lower-cased before routing).

Documented behaviours: keys of request bodies are case-insensitive and `"true"` strings become
booleans; responses are camelCase; `GET environments` gives the short form and
`GET environments/{id}` the full record with lookup names and nested `hosts[].layers[]`;
`POST environments` answers with names null and `hosts: null`; `PUT environments/{id}` answers
with no body and never touches hosts or layers (they change through `hosts` / `layers`);
`POST connectivities` answers with no body; list calls take the backtick `filter` and
`pageNum`/`recordsPerPage` (at most 100; with `pageNum` the answer is the `resultSet` envelope,
without it a plain array). Validation errors use the ASP.NET `{"Message", "ModelState"}` shape.
Everything marked (guess) is not shown by any document; modules must not depend on it.

Admin additions: POST /_admin/expire_tokens, GET /_admin/issued_tokens (every token issued, for
secret searches), GET /_admin/plutora_info (the Plutora-Info header values received).
"""

from __future__ import absolute_import, division, print_function

import copy
import json
import re
import secrets
import time
import uuid

from flask import Blueprint, Response, current_app, request

from .core import guess_off
from .credentials import CREDENTIALS

DENIED = "Authorization has been denied for this request."
INVALID = "The request is invalid."
INFO_HEADER = re.compile(r"^[-a-z0-9_.:;,= ]*$", re.IGNORECASE)
MAX_PAGE = 100
COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
# (guess) The primer shows only "InAndOut"; the other two are what the UI offers.
DIRECTIONS = ("In", "Out", "InAndOut")
SYSTEM_STATUSES = ("Active", "Inactive")

# The primer's organizations and lookup values, with their GUIDs. Values after the primer's
# ***SNIP*** marks are (guess): a plausible rest of the list.
ORGANIZATIONS = [
    ("9d3879c9-bb43-4243-afd8-0f1ee6273663", "ABC Group", "Company"),
    ("4cc6b70b-c075-4e50-b0b2-b9578144122c", "Advice Systems", "Department"),
    ("0b6f1b53-5f0e-4c3e-9a47-1d1f0c0f7a21", "Retail Banking", "Division"),  # (guess)
]
LOOKUP_FIELDS = [
    ("ActionsByType", "Actions - View By Type"),
    ("EnvironmentMapConnectivityType", "Connectivity Type"),
    ("EnvironmentStatus", "Environment Status"),
    ("ReleaseRiskLevel", "Release Risk Level"),
    ("ReleaseType", "Release Type"),
    ("StackLayer", "Stack Layer"),
    ("UsedForWorkItem", "Used for WorkItemName"),
]
LOOKUP_VALUES = {
    "UsedForWorkItem": [
        ("fa69ee6d-7218-4002-9fbd-200eadc10e33", "Dev", 108),
        ("538dbcf5-0bf5-40b5-8f40-8b0edf797a87", "UAT", 82),
        ("7b1e5a0c-2d7e-4a35-8f7e-52c6f0d1a9b4", "SIT", 90),  # (guess)
        ("c3f2d8e1-6a4b-4c9d-b1e7-0f8a2d5c7e63", "Production", 120),  # (guess)
    ],
    "EnvironmentStatus": [
        ("b060ed8b-6e3b-454d-af0f-e90938eb7b47", "Active", 114),
        ("f738999c-152b-46d5-8375-e8cc96dfb85c", "Decommisioned", 113),
        ("24ea5c49-9aab-4307-a95e-5267bd6d7d73", "Under Build/Config", 88),
    ],
    "StackLayer": [
        ("891f375c-58a8-4425-a8ec-5459ab04510b", "Application", 8490),
        ("8991fb6f-b7fa-43e2-812f-f0765c3f0f99", "Database", 8491),
        ("58ce5fa7-bfc4-4dcc-b014-08d2178d9ded", "Middleware", 8492),
        ("42b0329c-6e45-434d-8183-297de5909c92", "Network", 8493),
        ("e4524cf4-235b-4ba1-ac94-66f274dd3f9d", "Operating System", 8494),
    ],
    "EnvironmentMapConnectivityType": [
        ("376810cf-898c-4afb-b438-15bc4f1a549e", "File", 14460),
        ("3090441f-e2eb-43ba-aa4e-eaf22e0bac36", "HTTPS", 14462),
        ("28cafa45-1352-4f5e-bcfc-b500583a951a", "Web Services", 14461),
    ],
    "ReleaseType": [  # (guess)
        ("5a1d7c2e-3b4f-4e6a-9c8d-7e2f1a0b3c4d", "Major", 10),
        ("6b2e8d3f-4c5a-4f7b-8d9e-8f3a2b1c4d5e", "Minor", 20),
    ],
    "ReleaseRiskLevel": [  # (guess)
        ("7c3f9e4a-5d6b-4a8c-9eaf-9a4b3c2d5e6f", "Low", 10),
        ("8d4a0f5b-6e7c-4b9d-8fb0-0b5c4d3e6f7a", "High", 20),
    ],
    "ActionsByType": [],  # (guess) not needed by anything here
}
# (guess) Seed data beyond the primer: one system with many environments, so that a client
# which lists every environment instead of filtering pays for paging through them.
BULK_SYSTEM = ("d2c1b0a9-8f7e-4d6c-a5b4-c3d2e1f0a9b8", "Core Banking")
BULK_ENVIRONMENTS = 120


def seed():
    data = {
        "tokens": {}, "info_headers": [],
        "organizations": [{"id": i, "name": n, "type": t} for i, n, t in ORGANIZATIONS],
        "lookupfields": [{"name": n, "description": d} for n, d in LOOKUP_FIELDS],
        "lookups": dict((kind, [{"id": i, "value": v, "sortOrder": s, "type": kind} for i, v, s in values])
                        for kind, values in LOOKUP_VALUES.items()),
        "systems": {}, "environments": {}, "hosts": {}, "layers": {},
        "environmentgroups": {}, "connectivities": {},
    }
    system_id, system_name = BULK_SYSTEM
    data["systems"][system_id] = {
        "id": system_id, "name": system_name, "vendor": "Plutora", "status": "Active",
        "organizationId": ORGANIZATIONS[0][0], "description": None,
    }
    for n in range(1, BULK_ENVIRONMENTS + 1):
        env_id = str(uuid.UUID(int=n))
        data["environments"][env_id] = {
            "id": env_id, "name": "%s Env %03d" % (system_name, n), "description": None, "url": None,
            "vendor": "Plutora", "linkedSystemId": system_id, "environmentMgr": None,
            "usageWorkItemId": LOOKUP_VALUES["UsedForWorkItem"][n % 2][0],
            "environmentStatusId": LOOKUP_VALUES["EnvironmentStatus"][0][0],
            "color": "#ffffff", "isSharedEnvironment": False,
        }
    return data


bp = Blueprint("plutora", __name__, url_prefix="/plutora")


def _state():
    return current_app.extensions["emulator_state"]


def _data():
    return _state().data("plutora")


def json_response(body, status=200):
    return Response(json.dumps(body), status=status, content_type="application/json; charset=utf-8")


def no_content():
    return Response("", status=204)


def error_response(message, status, model_state=None):
    body = {"Message": message}
    if model_state:
        body["ModelState"] = model_state
    return json_response(body, status)


class Invalid(Exception):
    """A request the server refuses with 400 (raised by the validators below)."""

    def __init__(self, model_state=None, message=INVALID, status=400):
        super(Invalid, self).__init__(message)
        self.message = message
        self.model_state = model_state
        self.status = status


def missing_endpoint(guess):
    """How an ASP.NET Web API server without a guessed endpoint answers, or None when it has it."""
    status = guess_off(_state(), guess)
    if status is None:
        return None
    if status == 405:
        return error_response("The requested resource does not support http method '%s'." % request.method, 405)
    return error_response("No HTTP resource was found that matches the request URI '%s'." % request.base_url, status)


def not_found(kind, record_id):
    # (guess) The wording of a missing record's message.
    return Invalid(message="No %s with id '%s' was found." % (kind, record_id), status=404)


@bp.errorhandler(Invalid)
def _invalid(exc):
    return error_response(exc.message, exc.status, exc.model_state)


# Authentication -------------------------------------------------------------------------------

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
    info = request.headers.get("Plutora-Info")
    if info is not None:
        if not INFO_HEADER.match(info):
            # (guess) How the server answers a Plutora-Info value outside the documented pattern.
            return error_response("The Plutora-Info header may hold only letters, digits and -_.:;,= .", 400)
        with _state().lock:
            _data()["info_headers"].append(info)
    if request.path.lower().rstrip("/") == "/plutora/oauth/token":
        return None
    header = request.headers.get("Authorization", "")
    scheme, _sep, value = header.partition(" ")
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


# Request bodies, filters and paging ------------------------------------------------------------

def _body():
    """The JSON body with lower-cased keys (Plutora reads body keys case-insensitively)."""
    raw = request.get_json(force=True, silent=True)
    if not isinstance(raw, dict):
        raise Invalid(message="The request entity is empty or is not a JSON object.")
    return dict((str(k).lower(), v) for k, v in raw.items())


def _pick(body, *names):
    """The first of several spellings present in a lower-cased body (`source` / `sourceId`)."""
    for name in names:
        if name.lower() in body:
            return body[name.lower()]
    return None


def _required(body, model, fields):
    """ModelState entries for missing required fields, in the ASP.NET shape."""
    errors = {}
    for field in fields:
        value = body.get(field.lower())
        if value is None or (isinstance(value, str) and not value.strip()) or value == []:
            errors["%s.%s" % (model, field)] = ["The %s field is required." % field]
    return errors


def _bool(body, model, field, errors):
    value = body.get(field.lower())
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    errors["%s.%s" % (model, field)] = ["Error converting value \"%s\" to type 'System.Boolean'." % value]
    return None


def _guid(value):
    try:
        return str(uuid.UUID(str(value).strip()))
    except (TypeError, ValueError, AttributeError):
        return None


def _reference(body, model, field, table, errors, kind):
    """The GUID of an existing record named by `field`, or an error entry."""
    value = body.get(field.lower())
    if value is None:
        return None
    guid = _guid(value)
    if guid is None or guid not in _data()[table]:
        # (guess) The wording; the server refuses references to records that do not exist.
        errors["%s.%s" % (model, field)] = ["%s '%s' was not found." % (kind, value)]
        return None
    return guid


def _lookup_id(body, model, field, kind, errors):
    value = body.get(field.lower())
    if value is None:
        return None
    guid = _guid(value)
    if guid is None or not any(v["id"] == guid for v in _data()["lookups"][kind]):
        errors["%s.%s" % (model, field)] = ["'%s' is not a %s value." % (value, kind)]
        return None
    return guid


def _lookup_value(kind, guid):
    for item in _data()["lookups"].get(kind, []):
        if item["id"] == guid:
            return item["value"]
    return None


FILTER_TOKEN = re.compile(r"\s*(?:`([^`]*)`|(\S+))")
OPERATORS = {
    "equals": "eq", "=": "eq", "notequals": "ne", "!=": "ne", "contains": "contains", "~": "contains",
    "notcontains": "notcontains", "!~": "notcontains", ">": "gt", ">=": "ge", "<": "lt", "<=": "le",
    "hasvalue": "hasvalue", "hasnovalue": "hasnovalue",
}


def parse_filter(text):
    """The documented backtick syntax as a list of and-groups joined by `or`."""
    tokens = []
    position = 0
    text = text.strip()
    while position < len(text):
        match = FILTER_TOKEN.match(text, position)
        if not match or match.end() == position:
            raise Invalid(message="The filter could not be parsed near: %s" % text[position:])
        tokens.append(("quoted", match.group(1)) if match.group(1) is not None else ("word", match.group(2)))
        position = match.end()
    groups, current, index = [], [], 0
    while index < len(tokens):
        kind, field = tokens[index]
        if kind != "quoted" or index + 1 >= len(tokens):
            raise Invalid(message="The filter expects `field` Operator `value`, got: %s" % text)
        written = tokens[index + 1][1]
        operator = OPERATORS.get(written.lower()) if tokens[index + 1][0] == "word" else None
        if operator is None:
            raise Invalid(message="Unknown filter operator '%s'." % written)
        index += 2
        value = None
        if operator not in ("hasvalue", "hasnovalue"):
            if index >= len(tokens) or tokens[index][0] != "quoted":
                raise Invalid(message="The filter operator '%s' needs a `value`." % written)
            value = tokens[index][1]
            index += 1
        current.append((field, operator, value))
        if index < len(tokens):
            joiner = tokens[index][1].lower() if tokens[index][0] == "word" else None
            if joiner not in ("and", "or"):
                raise Invalid(message="Expected 'and' or 'or' in the filter, got: %s" % tokens[index][1])
            if joiner == "or":
                groups.append(current)
                current = []
            index += 1
            if index >= len(tokens):
                raise Invalid(message="The filter ends with '%s'." % joiner)
    groups.append(current)
    return groups


def _field(item, name):
    for key, value in item.items():
        if key.lower() == name.lower():
            return value
    return None


def _condition(item, field, operator, value):
    have = _field(item, field)
    if operator == "hasvalue":
        return have not in (None, "", [])
    if operator == "hasnovalue":
        return have in (None, "", [])
    text = "" if have is None else (str(have).lower() if not isinstance(have, bool) else str(have).lower())
    wanted = value.lower()
    if operator == "eq":
        return have is not None and text == wanted
    if operator == "ne":
        return have is None or text != wanted
    if operator == "contains":
        return have is not None and wanted in text
    if operator == "notcontains":
        return have is None or wanted not in text
    if have is None:
        return False
    try:
        left, right = float(text), float(wanted)
    except ValueError:
        left, right = text, wanted
    return {"gt": left > right, "ge": left >= right, "lt": left < right, "le": left <= right}[operator]


def _arg(name):
    # (guess) Query parameter names are read case-insensitively, like paths.
    for key, value in request.args.items():
        if key.lower() == name.lower():
            return value
    return None


def list_response(items):
    """A list call: the backtick filter, then paging when `pageNum` is given."""
    text = _arg("filter")
    if text:
        groups = parse_filter(text)
        items = [item for item in items if any(all(_condition(item, *c) for c in group) for group in groups)]
    page = _arg("pageNum")
    if page is None:
        return json_response(items)
    try:
        page = int(page)
        per_page = int(_arg("recordsPerPage") or MAX_PAGE)  # (guess) default page size
    except ValueError:
        raise Invalid({"pageNum": ["pageNum and recordsPerPage must be whole numbers."]})
    if page < 0 or per_page < 1 or per_page > MAX_PAGE:
        # (guess) The documents say "at most 100 a page"; the server refuses more.
        raise Invalid({"recordsPerPage": ["recordsPerPage must be between 1 and %d." % MAX_PAGE]})
    chunk = items[page * per_page:(page + 1) * per_page]
    return json_response({"resultSet": chunk, "returnCount": len(chunk), "totalCount": len(items),
                          "pageNum": page, "recordsPerPage": per_page})


# Lookups ---------------------------------------------------------------------------------------

@bp.route("/organizations", methods=["GET"])
def organizations():
    with _state().lock:
        return list_response(copy.deepcopy(_data()["organizations"]))


@bp.route("/lookupfields", methods=["GET"])
def lookupfields():
    with _state().lock:
        return list_response(copy.deepcopy(_data()["lookupfields"]))


@bp.route("/lookupfields/<kind>", methods=["GET"])
def lookupfield_values(kind):
    with _state().lock:
        # Paths arrive lower-cased; the type name matches case-insensitively.
        for name, values in _data()["lookups"].items():
            if name.lower() == kind.lower():
                return list_response(sorted(copy.deepcopy(values), key=lambda v: v["sortOrder"]))
    # (guess) An unknown type answers 404.
    raise not_found("lookup field type", kind)


# Systems ---------------------------------------------------------------------------------------

def _organization(org_id):
    return next((o for o in _data()["organizations"] if o["id"] == org_id), None)


def system_view(record):
    org = _organization(record.get("organizationId")) or {}
    view = dict(record)
    view["organization"] = org.get("name")
    view.update({"isAllowEdit": False, "inMyOrganization": False, "additionalInformation": []})
    return view


def _system_fields(body):
    errors = _required(body, "system", ("Name", "Vendor", "Status", "OrganizationId"))
    status = body.get("status")
    if status is not None and not any(str(status).lower() == s.lower() for s in SYSTEM_STATUSES):
        errors["system.Status"] = ["Status must be one of: %s." % ", ".join(SYSTEM_STATUSES)]
    org_id = _guid(body.get("organizationid"))
    if body.get("organizationid") is not None and (org_id is None or _organization(org_id) is None):
        errors["system.OrganizationId"] = ["Organization '%s' was not found." % body.get("organizationid")]
    if errors:
        raise Invalid(errors)
    status = next(s for s in SYSTEM_STATUSES if s.lower() == str(status).lower())
    return {"name": body["name"], "vendor": body["vendor"], "status": status, "organizationId": org_id,
            "description": body.get("description")}


def _unique_name(table, name, model, own_id=None):
    # (guess) Names are unique per object type, compared without case.
    for record in _data()[table].values():
        if record["name"].lower() == str(name).lower() and record["id"] != own_id:
            raise Invalid({"%s.Name" % model: ["A %s named '%s' already exists." % (model, record["name"])]})


@bp.route("/systems", methods=["GET", "POST"])
def systems():
    with _state().lock:
        if request.method == "GET":
            return list_response([{"id": s["id"], "name": s["name"]} for s in _data()["systems"].values()])
        fields = _system_fields(_body())
        _unique_name("systems", fields["name"], "system")
        fields = dict([("id", str(uuid.uuid4()))] + list(fields.items()))
        _data()["systems"][fields["id"]] = fields
        return json_response(system_view(fields), 201)


@bp.route("/systems/<system_id>", methods=["GET", "PUT", "DELETE"])
def system(system_id):
    with _state().lock:
        record = _data()["systems"].get(_guid(system_id))
        if record is None:
            raise not_found("system", system_id)
        if request.method == "GET":
            return json_response(system_view(record))
        if request.method == "DELETE":
            if any(e["linkedSystemId"] == record["id"] for e in _data()["environments"].values()):
                # (guess) A system with environments cannot be deleted.
                raise Invalid(message="The system '%s' has environments; delete them first." % record["name"])
            del _data()["systems"][record["id"]]
            return no_content()
        # PUT systems/{id} itself is no guess: the primer's general rule covers it ("PUT - object
        # modification" of objects "such as Releases, Systems, and Environments", the GUID in the URL,
        # and its "Modify ... Fields" steps: GET <object>/{id}, edit, send it back). (guess) Only its
        # answer: like PUT environments/{id}, the whole object and no answer body.
        fields = _system_fields(_body())
        _unique_name("systems", fields["name"], "system", record["id"])
        record.update(fields)
        return no_content()


# Environments, hosts, layers -------------------------------------------------------------------

ENV_REQUIRED = ("Name", "Vendor", "LinkedSystemId", "UsageWorkItemId", "EnvironmentStatusId", "Color",
                "IsSharedEnvironment")


def _environment_fields(body):
    errors = _required(body, "environment", ENV_REQUIRED)
    shared = _bool(body, "environment", "IsSharedEnvironment", errors)
    system_id = _reference(body, "environment", "LinkedSystemId", "systems", errors, "Linked system")
    usage = _lookup_id(body, "environment", "UsageWorkItemId", "UsedForWorkItem", errors)
    status = _lookup_id(body, "environment", "EnvironmentStatusId", "EnvironmentStatus", errors)
    color = body.get("color")
    if color is not None and not COLOR.match(str(color)):
        # (guess) The server checks the #rrggbb form.
        errors["environment.Color"] = ["Color must be in the form #rrggbb."]
    if errors:
        raise Invalid(errors)
    # ASP.NET binds the whole model: a field left out of the body becomes null (guess).
    return {"name": body["name"], "description": body.get("description"), "url": body.get("url"),
            "vendor": body["vendor"], "linkedSystemId": system_id, "environmentMgr": body.get("environmentmgr"),
            "usageWorkItemId": usage, "environmentStatusId": status, "color": color, "isSharedEnvironment": shared}


def layer_view(layer, with_names=True):
    view = dict(layer)
    view["stackLayer"] = _lookup_value("StackLayer", layer["stackLayerID"]) if with_names else None
    view["stackLayerType"] = "StackLayer" if with_names else None
    return view


def host_view(host):
    layers = [layer_view(l) for l in _data()["layers"].values() if l["hostID"] == host["id"]]
    return dict(host, layers=layers)


def environment_view(record):
    system = _data()["systems"].get(record["linkedSystemId"]) or {}
    view = dict(record)
    view["linkedSystem"] = system.get("name")
    view["usageWorkItem"] = _lookup_value("UsedForWorkItem", record["usageWorkItemId"])
    view["environmentStatus"] = _lookup_value("EnvironmentStatus", record["environmentStatusId"])
    order = ("id", "name", "description", "url", "vendor", "linkedSystemId", "linkedSystem", "environmentMgr",
             "usageWorkItemId", "usageWorkItem", "environmentStatusId", "environmentStatus", "color",
             "isSharedEnvironment")
    view = dict((key, view.get(key)) for key in order)
    view["hosts"] = [host_view(h) for h in _data()["hosts"].values() if h["environmentID"] == record["id"]]
    return view


def environment_short(record):
    full = environment_view(record)
    return {"id": full["id"], "name": full["name"], "url": full["url"], "linkedSystem": full["linkedSystem"],
            "usageWorkItem": full["usageWorkItem"], "status": full["environmentStatus"], "color": full["color"]}


@bp.route("/environments", methods=["GET", "POST"])
def environments():
    with _state().lock:
        if request.method == "GET":
            return list_response([environment_short(e) for e in _data()["environments"].values()])
        fields = _environment_fields(_body())
        _unique_name("environments", fields["name"], "environment")
        fields = dict([("id", str(uuid.uuid4()))] + list(fields.items()))
        _data()["environments"][fields["id"]] = fields
        created = dict(environment_view(fields), linkedSystem=None, usageWorkItem=None, environmentStatus=None,
                       hosts=None)
        # (guess) 201: the primer shows the body, not the status.
        return json_response(created, 201)


def _delete_environment(env_id):
    data = _data()
    for host_id in [h["id"] for h in data["hosts"].values() if h["environmentID"] == env_id]:
        _delete_host(host_id)
    # (guess) Deleting an environment takes it out of its groups and drops its connectivities.
    for group in data["environmentgroups"].values():
        group["environmentIDs"] = [i for i in group["environmentIDs"] if i != env_id]
    for conn_id in [c["id"] for c in data["connectivities"].values() if env_id in (c["sourceId"], c["targetId"])]:
        del data["connectivities"][conn_id]
    del data["environments"][env_id]


@bp.route("/environments/<env_id>", methods=["GET", "PUT", "DELETE"])
def environment(env_id):
    with _state().lock:
        record = _data()["environments"].get(_guid(env_id))
        if record is None:
            raise not_found("environment", env_id)
        if request.method == "GET":
            return json_response(environment_view(record))
        if request.method == "DELETE":
            _delete_environment(record["id"])
            return no_content()
        # Hosts and layers in the body are ignored: they change only through their own endpoints.
        fields = _environment_fields(_body())
        _unique_name("environments", fields["name"], "environment", record["id"])
        record.update(fields)
        return no_content()


def _host_fields(body):
    errors = _required(body, "host", ("Name", "EnvironmentID"))
    env_id = _reference(body, "host", "EnvironmentID", "environments", errors, "Environment")
    if errors:
        raise Invalid(errors)
    return {"name": body["name"], "environmentID": env_id}


def _delete_host(host_id):
    data = _data()
    for layer_id in [l["id"] for l in data["layers"].values() if l["hostID"] == host_id]:
        del data["layers"][layer_id]
    del data["hosts"][host_id]


@bp.route("/hosts", methods=["GET", "POST"])
def hosts():
    with _state().lock:
        if request.method == "GET":
            # (guess) The list form of hosts.
            return list_response([dict(h) for h in _data()["hosts"].values()])
        fields = _host_fields(_body())
        fields = dict([("id", str(uuid.uuid4()))] + list(fields.items()))
        _data()["hosts"][fields["id"]] = fields
        return json_response(dict(fields, layers=None), 201)


@bp.route("/hosts/<host_id>", methods=["GET", "PUT", "DELETE"])
def host(host_id):
    with _state().lock:
        record = _data()["hosts"].get(_guid(host_id))
        if record is None:
            raise not_found("host", host_id)
        if request.method == "GET":
            return json_response(host_view(record))
        if request.method == "DELETE":
            # (guess) A host's layers go with it.
            _delete_host(record["id"])
            return no_content()
        fields = _host_fields(_body())
        record.update(fields)
        for layer in _data()["layers"].values():
            if layer["hostID"] == record["id"]:
                layer["environmentID"] = record["environmentID"]
        return no_content()


def _layer_fields(body):
    errors = _required(body, "layer", ("ComponentName", "HostID", "EnvironmentID", "StackLayerID"))
    host_id = _reference(body, "layer", "HostID", "hosts", errors, "Host")
    env_id = _reference(body, "layer", "EnvironmentID", "environments", errors, "Environment")
    stack = _lookup_id(body, "layer", "StackLayerID", "StackLayer", errors)
    if host_id and env_id and _data()["hosts"][host_id]["environmentID"] != env_id:
        # (guess) A layer's host must belong to the layer's environment.
        errors["layer.HostID"] = ["Host '%s' is not in environment '%s'." % (host_id, env_id)]
    if errors:
        raise Invalid(errors)
    version = body.get("version")
    return {"componentName": body["componentname"], "version": None if version is None else str(version),
            "hostID": host_id, "environmentID": env_id, "stackLayerID": stack}


@bp.route("/layers", methods=["GET", "POST"])
def layers():
    with _state().lock:
        if request.method == "GET":
            # (guess) The list form of layers.
            return list_response([layer_view(l) for l in _data()["layers"].values()])
        fields = _layer_fields(_body())
        fields = dict([("id", str(uuid.uuid4()))] + list(fields.items()))
        _data()["layers"][fields["id"]] = fields
        return json_response(layer_view(fields, with_names=False), 201)


@bp.route("/layers/<layer_id>", methods=["GET", "PUT", "DELETE"])
def layer(layer_id):
    with _state().lock:
        record = _data()["layers"].get(_guid(layer_id))
        if record is None:
            raise not_found("layer", layer_id)
        if request.method == "GET":
            return json_response(layer_view(record))
        if request.method == "DELETE":
            del _data()["layers"][record["id"]]
            return no_content()
        record.update(_layer_fields(_body()))
        return no_content()


# Environment groups and connectivities ---------------------------------------------------------

def _group_fields(body):
    # "Currently, it is necessary to include the Environments when creating the Environment Groups."
    errors = _required(body, "environmentGroup", ("Name", "EnvironmentIDs"))
    ids = body.get("environmentids") or []
    if not isinstance(ids, list):
        errors["environmentGroup.EnvironmentIDs"] = ["EnvironmentIDs must be an array of GUIDs."]
        ids = []
    resolved = []
    for value in ids:
        guid = _guid(value)
        if guid is None or guid not in _data()["environments"]:
            errors.setdefault("environmentGroup.EnvironmentIDs", []).append("Environment '%s' was not found." % value)
        elif guid not in resolved:
            resolved.append(guid)
    color = body.get("color")
    if color is not None and not COLOR.match(str(color)):
        errors["environmentGroup.Color"] = ["Color must be in the form #rrggbb."]  # (guess)
    if errors:
        raise Invalid(errors)
    return {"name": body["name"], "description": body.get("description"), "color": color,
            "environmentIDs": resolved}


@bp.route("/environmentgroups", methods=["GET", "POST"])
def environment_groups():
    with _state().lock:
        if request.method == "GET":
            # (guess) The list form leaves out the member environments.
            return list_response([dict((k, g[k]) for k in ("id", "name", "description", "color"))
                                  for g in _data()["environmentgroups"].values()])
        fields = _group_fields(_body())
        _unique_name("environmentgroups", fields["name"], "environmentGroup")
        fields = dict([("id", str(uuid.uuid4()))] + list(fields.items()))
        _data()["environmentgroups"][fields["id"]] = fields
        return json_response(dict(fields), 201)


@bp.route("/environmentgroups/<group_id>", methods=["GET", "PUT", "DELETE"])
def environment_group(group_id):
    if request.method == "PUT":
        missing = missing_endpoint("plutora_environmentgroup_put")
        if missing is not None:
            return missing
    with _state().lock:
        record = _data()["environmentgroups"].get(_guid(group_id))
        if record is None:
            raise not_found("environment group", group_id)
        if request.method == "GET":
            return json_response(dict(record))
        if request.method == "DELETE":
            # (guess) A group's connectivities go with it.
            for conn_id in [c["id"] for c in _data()["connectivities"].values()
                            if c["environmentGroupId"] == record["id"]]:
                del _data()["connectivities"][conn_id]
            del _data()["environmentgroups"][record["id"]]
            return no_content()
        # "Environment can be added after creation": (guess) by PUT of the whole group, no answer body.
        fields = _group_fields(_body())
        _unique_name("environmentgroups", fields["name"], "environmentGroup", record["id"])
        record.update(fields)
        for conn_id in [c["id"] for c in _data()["connectivities"].values()
                        if c["environmentGroupId"] == record["id"]
                        and not {c["sourceId"], c["targetId"]} <= set(record["environmentIDs"])]:
            # (guess) A connectivity whose environment left the group goes with it.
            del _data()["connectivities"][conn_id]
        return no_content()


def connectivity_view(record):
    data = _data()
    return dict(record,
                source=(data["environments"].get(record["sourceId"]) or {}).get("name"),
                target=(data["environments"].get(record["targetId"]) or {}).get("name"),
                connectivityType=_lookup_value("EnvironmentMapConnectivityType", record["connectivityTypeId"]))


@bp.route("/connectivities", methods=["GET", "POST"])
def connectivities():
    if request.method == "GET":
        missing = missing_endpoint("plutora_connectivities_list")
        if missing is not None:
            return missing
    with _state().lock:
        if request.method == "GET":
            # (guess) The primer only shows POST; "GET <objectname>" is its general rule for reading
            # objects back, so connectivities are listed here (filterable like every list).
            return list_response([connectivity_view(c) for c in _data()["connectivities"].values()])
        body = _body()
        # The primer's names, and the `...Id` spellings of later documents.
        values = {
            "EnvironmentGroup": _pick(body, "environmentGroup", "environmentGroupId"),
            "Source": _pick(body, "source", "sourceId"),
            "Target": _pick(body, "target", "targetId"),
            "ConnectivityType": _pick(body, "connectivityType", "connectivityTypeId"),
            "Direction": _pick(body, "direction"),
        }
        errors = _required(dict((k.lower(), v) for k, v in values.items()), "connectivity", list(values))
        group = _data()["environmentgroups"].get(_guid(values["EnvironmentGroup"]))
        if values["EnvironmentGroup"] is not None and group is None:
            errors["connectivity.EnvironmentGroup"] = ["Environment group '%s' was not found." % values["EnvironmentGroup"]]
        for field in ("Source", "Target"):
            guid = _guid(values[field])
            if values[field] is None:
                continue
            if guid not in _data()["environments"]:
                errors["connectivity.%s" % field] = ["Environment '%s' was not found." % values[field]]
            elif group is not None and guid not in group["environmentIDs"]:
                # (guess) Both ends must be members of the group.
                errors["connectivity.%s" % field] = ["Environment '%s' is not in the group." % values[field]]
        type_id = _guid(values["ConnectivityType"])
        if values["ConnectivityType"] is not None and _lookup_value("EnvironmentMapConnectivityType", type_id) is None:
            errors["connectivity.ConnectivityType"] = ["'%s' is not an EnvironmentMapConnectivityType value."
                                                       % values["ConnectivityType"]]
        direction = values["Direction"]
        if direction is not None and not any(str(direction).lower() == d.lower() for d in DIRECTIONS):
            errors["connectivity.Direction"] = ["Direction must be one of: %s." % ", ".join(DIRECTIONS)]
        if errors:
            raise Invalid(errors)
        # Like the server, nothing stops the same connectivity being created twice.
        record = {"id": str(uuid.uuid4()), "environmentGroupId": group["id"], "sourceId": _guid(values["Source"]),
                  "targetId": _guid(values["Target"]), "connectivityTypeId": type_id,
                  "direction": next(d for d in DIRECTIONS if d.lower() == str(direction).lower())}
        _data()["connectivities"][record["id"]] = record
        # The primer: "Response None".
        return no_content()


@bp.route("/connectivities/<conn_id>", methods=["GET", "DELETE"])
def connectivity(conn_id):
    # (guess) Reading and deleting one connectivity.
    missing = missing_endpoint("plutora_connectivity_item")
    if missing is not None:
        return missing
    with _state().lock:
        record = _data()["connectivities"].get(_guid(conn_id))
        if record is None:
            raise not_found("connectivity", conn_id)
        if request.method == "DELETE":
            del _data()["connectivities"][record["id"]]
            return no_content()
        return json_response(connectivity_view(record))


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

    @app.route("/_admin/plutora_info", methods=["GET"])
    def admin_plutora_info():
        # The Plutora-Info header values received, so tests can see what clients sent.
        with state.lock:
            return json_response(list(state.data("plutora")["info_headers"]))

    # Plutora paths are case-insensitive: lower-case them before Flask routes the request.
    inner = app.wsgi_app

    def lower_plutora_paths(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path.lower().startswith("/plutora"):
            environ["PATH_INFO"] = path.lower()
        return inner(environ, start_response)

    app.wsgi_app = lower_plutora_paths
