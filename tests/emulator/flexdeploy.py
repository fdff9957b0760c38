# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""FlexDeploy REST v1 under /flexdeploy/rest/v1 (docs/api-reference.md, "FlexDeploy").

Authentication is HTTP Basic (an API token may stand in for the password). A wrong user or
password gets 401; the read-only user gets 403 on any write. Errors carry a JSON body.

Resources and the documented behaviours they follow:
* topology/environment[/{id}]: list filtered by environmentCode / environmentName, GET, POST,
  PUT (replaces every attribute), PATCH (null attributes are ignored; a given `instances` list
  replaces the old one, as the v0 PATCH example shows).
* topology/instance[/{id}]: read only, list filtered by instanceCode, instanceName, groupCode,
  subGroupCode; `environments` lists the environments holding the instance.
* topology/environmentinstance/{environmentId}/{instanceId} (a target): GET, PUT, PATCH.
  PUT: ids in the body ignored, isActive defaults to true, endpoints not listed are unassigned,
  properties not listed are cleared, `properties` required. PATCH: nulls ignored, endpoints and
  resource ids are added and never removed, only listed properties change. Encrypted properties
  read back as "*****" with a credentialId; a plain value sent for one is stored in its
  credential (the PUT example keeps credentialId 74952), a credentialId sent points it at that
  credential (the PATCH example switches it to 52268).
* administration/security/group[/{id}]: list with groupName matching "contains",
  case-insensitively; GET, POST (null isActive -> true, null isFlexDeployAdministrator and
  allEnvironments -> false), PUT, PATCH (nulls ignored); globalPermissions validated against the
  object type / action type table of the group seed (400 naming the pair); deployment
  environments must exist (400).

Behaviours no document shows are marked (guess) where they are implemented.
"""

from __future__ import absolute_import, division, print_function

import copy
import json

from flask import Blueprint, Response, current_app, request

from .core import WRITE_METHODS, guess_off
from .credentials import CREDENTIALS

MASK = "*****"

# Object type -> allowed action types, verbatim from the group page's table (docs/api-reference.md)
# (CONFIGUREPIPLINE is spelled as the document spells it).
PERMISSIONS = {
    "PROJECTPAGE": ("VIEW",),
    "APPROVAL": ("READ", "UPDATE"),
    "WINDOW": ("READ", "UPDATE"),
    "NOTIFICATION": ("READ", "UPDATE", "DELETE"),
    "WORKFLOW": ("READ", "UPDATE"),
    "REPORT": ("READ",),
    "ENVINSTANCE": ("READ", "UPDATE"),
    "ENVIRONMENT": ("READ", "UPDATE"),
    "INSTANCE": ("READ", "UPDATE"),
    "ENDPOINT": ("READ", "UPDATE"),
    "SCHEDULEDTASK": ("READ", "UPDATE"),
    "PLUGIN": ("READ", "UPLOAD"),
    "PROPERTYSET": ("READ",),
    "DEFAULTS": ("READ", "UPDATE"),
    "FLEXFIELDS": ("READ", "UPDATE"),
    "TEMPLATE": ("READ", "UPDATE"),
    "USER": ("READ",),
    "GROUP": ("READ",),
    "TESTTOOL": ("READ", "UPDATE"),
    "TESTTYPE": ("READ", "UPDATE"),
    "ISSUETRACKINGSYSTEM": ("READ", "UPDATE"),
    "CHANGEMANAGEMENTSYSTEM": ("READ", "UPDATE"),
    "RELEASE": ("READ", "UPDATE", "CREATESNAPSHOT", "CONFIGUREPROJECTLIST", "CONFIGUREPIPLINE",
                "CONFIGURECMS", "MANAGELIFECYCLE", "GRANTPERMISSIONS"),
    "PIPELINE": ("READ", "UPDATE"),
    "OBJECTTYPE": ("READ", "UPDATE"),
    "CLOUDACCOUNT": ("READ", "UPDATE"),
    "ARTIFACTREPOACCOUNT": ("READ", "UPDATE"),
    "CISERVERACCOUNT": ("READ", "UPDATE"),
    "ANALYSISTOOLACCOUNT": ("READ", "UPDATE"),
    "OTHERTOOLSACCOUNT": ("READ", "UPDATE"),
    "ACCOUNTPROVIDER": ("READ", "UPDATE"),
    "REALM": ("READ",),
    "CREDENTIAL": ("READ", "UPDATE", "DELETE"),
    "CREDENTIALSTORE": ("READ",),
    "CREDENTIALSTOREPROVIDER": ("READ",),
    "WEBHOOKFUNCTION": ("READ", "UPDATE", "DELETE"),
    "WEBHOOKPROVIDER": ("READ", "UPDATE"),
    "WEBHOOKMESSAGE": ("READ", "VIEWLOGS", "VIEWCONTENT", "EXECUTE"),
}

SOA_PROPERTIES = [
    ("FDSOA_EXT_CLASSPATH", False), ("FDSOA_REVISIONS_TO_KEEP", False), ("FDSOA_SERVER_HOST", False),
    ("FDSOA_SERVER_PORT", False), ("FD_ORACLE_SOA_HOME", False), ("MDS_PASS", True),
]


def _instance(instance_id, code, name, description, group, properties, sub_group=None):
    # `properties` are the target property definitions the instance's plugin operations bring:
    # [(name, encrypted)] (guess: no document lists them apart from the SOA example).
    return {"instanceId": instance_id, "instanceCode": code, "instanceName": name, "description": description,
            "isActive": True, "workflows": [], "pluginOperations": [], "groupCode": group,
            "subGroupCode": sub_group, "isDeploymentTarget": True,
            "propertyDefinitions": [{"name": n, "encrypted": e} for n, e in properties]}


def _environment(env_id, code, name, description, sort_number, build, instances, active=True):
    return {"environmentId": env_id, "environmentCode": code, "environmentName": name, "description": description,
            "isActive": active, "sortNumber": sort_number, "isBuildEnvironment": build, "instances": list(instances)}


def seed():
    # Ids from the seed examples: environments 11001 (group example), 11101 (v0 page), 12347 and
    # instance 12342 (the target example), instances 15100-15103 (v0 page). Codes and names other
    # than ENV1 / "Env 1" are (guess).
    instances = {}
    for record in (
        _instance(12342, "SOA", "SOA Server", "Oracle SOA Suite managed servers", "ORACLE", SOA_PROPERTIES, "SOA"),
        _instance(15100, "WLS", "WebLogic Server", "WebLogic domain", "ORACLE",
                  [("WLS_ADMIN_URL", False), ("WLS_ADMIN_USER", False), ("WLS_ADMIN_PASSWORD", True)]),
        _instance(15101, "OSB", "Service Bus", "Oracle Service Bus", "ORACLE",
                  [("OSB_SERVER_HOST", False), ("OSB_SERVER_PORT", False)]),
        _instance(15102, "EBS", "E-Business Suite", "Oracle EBS application tier", "ORACLE",
                  [("EBS_APPS_USER", False), ("EBS_APPS_PASSWORD", True)]),
        _instance(15103, "DB", "Database", "Oracle database", "ORACLE",
                  [("DB_JDBC_URL", False), ("DB_USER", False), ("DB_PASSWORD", True)]),
    ):
        instances[record["instanceId"]] = record
    environments = {}
    for record in (
        _environment(11001, "QA", "Quality Assurance", "QA environment", 3, False, [15101]),
        _environment(11101, "ENV1", "Env 1", "This is Environment 1", 1, True, [15100]),
        _environment(12347, "DEV", "Development", "Development environment", 2, False, [12342, 15101]),
        _environment(12348, "PROD", "Production", "Production environment", 9, False, [12342, 15103]),
        # Two environments sharing a name, to show that names can be ambiguous (guess: FlexDeploy
        # keeps codes unique, not names).
        _environment(12350, "SBX1", "Sandbox", "First sandbox", 20, False, []),
        _environment(12351, "SBX2", "Sandbox", "Second sandbox", 21, False, []),
    ):
        environments[record["environmentId"]] = record
    credentials = {74952: "seed-mds-pass-0a7e", 52268: "seed-mds-pass-b913"}
    targets = {
        (12347, 12342): {
            "isActive": True,
            "endPoints": {10101: [11223, 11224], 10111: [11223]},
            "properties": {
                "FDSOA_EXT_CLASSPATH": _prop(None),
                "FDSOA_REVISIONS_TO_KEEP": _prop(15),
                "FDSOA_SERVER_HOST": _prop("dev-soa.company.local"),
                "FDSOA_SERVER_PORT": _prop(8001),
                "FD_ORACLE_SOA_HOME": _prop("/u01/oracle/products/fmw/soa"),
                "MDS_PASS": _prop(None, credential_id=74952),
            },
        },
    }
    groups = {}
    for group in (
        {"groupId": 10000, "groupName": "Simple Group Put", "description": "This is an updated group.",
         "isActive": True, "isFlexDeployAdministrator": False,
         "deploymentPermissions": {"environments": [11001], "allEnvironments": False},
         "globalPermissions": [{"actionType": "UPDATE", "objectType": "APPROVAL"},
                               {"actionType": "READ", "objectType": "NOTIFICATION"}]},
        {"groupId": 10001, "groupName": "Administrators", "description": "FlexDeploy administrators",
         "isActive": True, "isFlexDeployAdministrator": True,
         "deploymentPermissions": {"environments": [], "allEnvironments": True}, "globalPermissions": []},
        {"groupId": 10002, "groupName": "Readers", "description": "Read access",
         "isActive": True, "isFlexDeployAdministrator": False,
         "deploymentPermissions": {"environments": [], "allEnvironments": False},
         "globalPermissions": [{"actionType": "READ", "objectType": "REPORT"}]},
        # Two groups with the same exact name (guess: no document says group names are unique).
        {"groupId": 10003, "groupName": "Operations", "description": "Operations (EMEA)",
         "isActive": True, "isFlexDeployAdministrator": False,
         "deploymentPermissions": {"environments": [12348], "allEnvironments": False}, "globalPermissions": []},
        {"groupId": 10004, "groupName": "Operations", "description": "Operations (US)",
         "isActive": True, "isFlexDeployAdministrator": False,
         "deploymentPermissions": {"environments": [12348], "allEnvironments": False}, "globalPermissions": []},
    ):
        groups[group["groupId"]] = group
    return {"environments": environments, "instances": instances, "targets": targets, "credentials": credentials,
            "groups": groups, "next_id": {"environment": 13000, "group": 11000, "credential": 80000}}


def _prop(value, credential_id=None, expression=False):
    return {"value": value, "credentialId": credential_id, "isExpression": expression}


bp = Blueprint("flexdeploy", __name__, url_prefix="/flexdeploy/rest/v1")


def _state():
    return current_app.extensions["emulator_state"]


def _data():
    return _state().data("flexdeploy")


def json_response(body, status=200):
    return Response(json.dumps(body), status=status, content_type="application/json")


def error_response(status, message):
    return json_response({"status": status, "message": message}, status)


class ApiFailure(Exception):
    """Raised inside a handler to answer with an error status and a JSON message."""

    def __init__(self, status, message):
        super(ApiFailure, self).__init__(message)
        self.status = status
        self.message = message


@bp.errorhandler(ApiFailure)
def _failure(exc):
    return error_response(exc.status, exc.message)


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


def _body(bad_status):
    """The JSON object of the request; a body that is not one fails with `bad_status`."""
    try:
        body = json.loads(request.data or b"null")
    except ValueError:
        raise ApiFailure(bad_status, "The request body is not valid JSON.")
    if not isinstance(body, dict):
        raise ApiFailure(bad_status, "The request body must be a JSON object.")
    return body


def _int_id(value, what, bad_status):
    if isinstance(value, bool) or not isinstance(value, int):
        raise ApiFailure(bad_status, "%s must be an integer id, not %s." % (what, json.dumps(value)))
    return value


def _matches(filter_value, actual, contains):
    # (guess) codes match exactly and names by "contains", both ignoring case, like the group filter.
    if filter_value is None:
        return True
    actual = (actual or "").lower()
    return filter_value.lower() in actual if contains else filter_value.lower() == actual


# Environments -------------------------------------------------------------------------------

ENV_DEFAULTS = {"description": None, "isActive": True, "sortNumber": None, "isBuildEnvironment": False,
                "instances": []}


def render_environment(env):
    return copy.deepcopy(env)


def _validate_environment(env, env_id):
    # No document gives the environment's error statuses; a 400 with a message is (guess).
    data = _data()
    for key in ("environmentCode", "environmentName"):
        if not isinstance(env.get(key), str) or not env[key].strip():
            raise ApiFailure(400, "%s is required." % key)
    for other in data["environments"].values():
        if other["environmentId"] != env_id and other["environmentCode"].lower() == env["environmentCode"].lower():
            raise ApiFailure(400, "An environment with code %s already exists." % env["environmentCode"])
    if not isinstance(env.get("instances"), list):
        raise ApiFailure(400, "instances must be a list of instance ids.")
    for ref in env["instances"]:
        if _int_id(ref, "instances", 400) not in data["instances"]:
            raise ApiFailure(400, "Instance %s does not exist." % ref)
    env["instances"] = list(dict.fromkeys(env["instances"]))
    if env.get("sortNumber") is not None:
        _int_id(env["sortNumber"], "sortNumber", 400)
    for key in ("isActive", "isBuildEnvironment"):
        if not isinstance(env.get(key), bool):
            raise ApiFailure(400, "%s must be true or false." % key)


def _drop_unassigned_targets(env):
    # A target is an environment instance: removing the instance removes its target (guess).
    targets = _data()["targets"]
    for key in [k for k in targets if k[0] == env["environmentId"] and k[1] not in env["instances"]]:
        del targets[key]


ENV_FIELDS = ("environmentCode", "environmentName", "description", "isActive", "sortNumber",
              "isBuildEnvironment", "instances")


@bp.route("/topology/environment", methods=["GET", "POST"])
def environments():
    with _state().lock:
        data = _data()
        if request.method == "GET":
            code, name = request.args.get("environmentCode"), request.args.get("environmentName")
            found = [render_environment(e) for _id, e in sorted(data["environments"].items())
                     if _matches(code, e["environmentCode"], False) and _matches(name, e["environmentName"], True)]
            return json_response(found)
        body = _body(400)
        env = dict(ENV_DEFAULTS)
        env.update((k, body[k]) for k in ENV_FIELDS if body.get(k) is not None)
        env_id = data["next_id"]["environment"]
        env["environmentId"] = env_id
        _validate_environment(env, env_id)
        data["next_id"]["environment"] += 1
        data["environments"][env_id] = env
        return json_response(render_environment(env), 201)


@bp.route("/topology/environment/<int:env_id>", methods=["GET", "PUT", "PATCH"])
def environment(env_id):
    with _state().lock:
        data = _data()
        env = data["environments"].get(env_id)
        if env is None:
            raise ApiFailure(404, "Environment %s not found." % env_id)
        if request.method == "GET":
            return json_response(render_environment(env))
        body = _body(400)
        if request.method == "PUT":
            # PUT replaces all attributes: those not given take their create defaults (guess).
            updated = dict(ENV_DEFAULTS)
            updated.update((k, body.get(k)) for k in ENV_FIELDS if body.get(k) is not None)
        else:
            updated = copy.deepcopy(env)
            updated.update((k, body[k]) for k in ENV_FIELDS if body.get(k) is not None)
        updated["environmentId"] = env_id
        _validate_environment(updated, env_id)
        data["environments"][env_id] = updated
        _drop_unassigned_targets(updated)
        return json_response(render_environment(updated))


# Instances ----------------------------------------------------------------------------------

def render_instance(inst):
    record = dict((k, copy.deepcopy(v)) for k, v in inst.items() if k != "propertyDefinitions")
    record["environments"] = sorted(e["environmentId"] for e in _data()["environments"].values()
                                    if inst["instanceId"] in e["instances"])
    return record


@bp.route("/topology/instance", methods=["GET"])
def instances():
    with _state().lock:
        args = request.args
        found = [render_instance(i) for _id, i in sorted(_data()["instances"].items())
                 if _matches(args.get("instanceCode"), i["instanceCode"], False)
                 and _matches(args.get("instanceName"), i["instanceName"], True)
                 and _matches(args.get("groupCode"), i["groupCode"], False)
                 and _matches(args.get("subGroupCode"), i["subGroupCode"], False)]
        return json_response(found)


@bp.route("/topology/instance/<int:instance_id>", methods=["GET"])
def instance(instance_id):
    with _state().lock:
        inst = _data()["instances"].get(instance_id)
        if inst is None:
            raise ApiFailure(404, "Instance %s not found." % instance_id)
        return json_response(render_instance(inst))


# Targets (environment instances) ------------------------------------------------------------

def _target(env_id, instance_id):
    """The stored target, created empty on first use when the instance belongs to the environment."""
    data = _data()
    env = data["environments"].get(env_id)
    inst = data["instances"].get(instance_id)
    if env is None or inst is None or instance_id not in env["instances"]:
        raise ApiFailure(404, "Environment Instance not found for environment %s and instance %s."
                         % (env_id, instance_id))
    key = (env_id, instance_id)
    if key not in data["targets"]:
        data["targets"][key] = {"isActive": True, "endPoints": {}, "properties": {}}
    target = data["targets"][key]
    for definition in inst["propertyDefinitions"]:
        target["properties"].setdefault(definition["name"], _prop(None))
    return target, inst


def render_target(env_id, instance_id, target, inst):
    properties = []
    for definition in inst["propertyDefinitions"]:
        prop = target["properties"][definition["name"]]
        value = MASK if prop["credentialId"] is not None else prop["value"]
        properties.append({"propertyName": definition["name"], "propertyValue": value,
                           "credentialId": prop["credentialId"], "isExpression": prop["isExpression"]})
    return {
        "instanceId": instance_id,
        "endPoints": [{"endPointId": ep, "resourceIds": list(ids)} for ep, ids in target["endPoints"].items()],
        "environmentId": env_id,
        "isActive": target["isActive"],
        "properties": properties,
    }


def _parse_endpoints(value):
    # The target page documents no 400; malformed input is an internal error (500) (guess).
    if not isinstance(value, list):
        raise ApiFailure(500, "endPoints must be a list.")
    parsed = {}
    for item in value:
        if not isinstance(item, dict):
            raise ApiFailure(500, "Each endPoint must be an object with endPointId and resourceIds.")
        endpoint = _int_id(item.get("endPointId"), "endPointId", 500)
        ids = item.get("resourceIds") or []
        if not isinstance(ids, list):
            raise ApiFailure(500, "resourceIds of endPoint %s must be a list." % endpoint)
        merged = parsed.setdefault(endpoint, [])
        for ref in ids:
            if _int_id(ref, "resourceIds of endPoint %s" % endpoint, 500) not in merged:
                merged.append(ref)
    return parsed


def _parse_properties(value, inst):
    if not isinstance(value, list):
        raise ApiFailure(500, "properties must be a list.")
    known = dict((d["name"], d["encrypted"]) for d in inst["propertyDefinitions"])
    parsed = []
    for item in value:
        name = item.get("propertyName") if isinstance(item, dict) else None
        if not isinstance(name, str) or not name:
            raise ApiFailure(500, "Each property needs a propertyName.")
        if name not in known:
            # (guess) a property the instance does not define is an internal error.
            raise ApiFailure(500, "Property %s is not defined for instance %s." % (name, inst["instanceCode"]))
        credential_id = item.get("credentialId")
        if credential_id is not None:
            _int_id(credential_id, "credentialId of %s" % name, 500)
        parsed.append((name, known[name], item))
    return parsed


def _set_property(target, name, encrypted, item, put=False):
    data = _data()
    prop = target["properties"][name]
    value = item.get("propertyValue")
    credential_id = item.get("credentialId")
    if item.get("isExpression") is not None:
        prop["isExpression"] = bool(item["isExpression"])
    if (put and credential_id is not None and value in (None, "")
            and guess_off(_state(), "flexdeploy_target_put_keeps_credential") is not None):
        # A server without the guess below reads the PUT page literally: a property without a value
        # in the input list is cleared, whatever credentialId comes with it.
        prop.update(value=None, credentialId=None)
        return
    if credential_id is not None:
        # Point the property at an existing credential, as the PATCH example does with 52268. In a
        # PUT with no value this keeps the credential (guess: the documents show a credentialId sent
        # only in the PATCH example, there with an empty value).
        prop["credentialId"] = credential_id
        prop["value"] = None
        return
    if encrypted and value not in (None, ""):
        # A plain value of an encrypted property goes into its credential (the PUT example keeps
        # 74952); a property without one gets a new local credential (guess).
        if prop["credentialId"] is None:
            prop["credentialId"] = data["next_id"]["credential"]
            data["next_id"]["credential"] += 1
        data["credentials"][prop["credentialId"]] = value
        prop["value"] = None
        return
    prop["value"] = None if value == "" and encrypted else value
    prop["credentialId"] = None


@bp.route("/topology/environmentinstance/<int:env_id>/<int:instance_id>", methods=["GET", "PUT", "PATCH"])
def target(env_id, instance_id):
    with _state().lock:
        record, inst = _target(env_id, instance_id)
        if request.method == "GET":
            return json_response(render_target(env_id, instance_id, record, inst))
        body = _body(500)
        if request.method == "PUT":
            if body.get("properties") is None:
                raise ApiFailure(500, "properties is required.")
            properties = _parse_properties(body["properties"], inst)
            endpoints = _parse_endpoints(body.get("endPoints") or [])
            record["isActive"] = True if body.get("isActive") is None else bool(body["isActive"])
            # Endpoints not listed are unassigned, along with their resource types.
            record["endPoints"] = endpoints
            listed = set(name for name, _enc, _item in properties)
            for name in record["properties"]:
                if name not in listed:
                    record["properties"][name] = _prop(None)
            for name, encrypted, item in properties:
                _set_property(record, name, encrypted, item, put=True)
        else:
            properties = _parse_properties(body["properties"], inst) if body.get("properties") is not None else []
            endpoints = _parse_endpoints(body["endPoints"]) if body.get("endPoints") is not None else {}
            if body.get("isActive") is not None:
                record["isActive"] = bool(body["isActive"])
            # Endpoints and resource ids are added, never removed.
            for endpoint, ids in endpoints.items():
                have = record["endPoints"].setdefault(endpoint, [])
                have.extend(i for i in ids if i not in have)
            for name, encrypted, item in properties:
                _set_property(record, name, encrypted, item)
        return json_response(render_target(env_id, instance_id, record, inst))


# Groups -------------------------------------------------------------------------------------

def _validate_group(group):
    data = _data()
    if not isinstance(group.get("groupName"), str) or not group["groupName"].strip():
        raise ApiFailure(400, "groupName is required.")
    for key in ("isActive", "isFlexDeployAdministrator"):
        if not isinstance(group.get(key), bool):
            raise ApiFailure(400, "%s must be true or false." % key)
    deployment = group["deploymentPermissions"]
    if not isinstance(deployment.get("allEnvironments"), bool):
        raise ApiFailure(400, "deploymentPermissions.allEnvironments must be true or false.")
    if not isinstance(deployment.get("environments"), list):
        raise ApiFailure(400, "deploymentPermissions.environments must be a list of environment ids.")
    for ref in deployment["environments"]:
        if _int_id(ref, "deploymentPermissions.environments", 400) not in data["environments"]:
            raise ApiFailure(400, "Environment %s does not exist." % ref)
    deployment["environments"] = list(dict.fromkeys(deployment["environments"]))
    if not isinstance(group.get("globalPermissions"), list):
        raise ApiFailure(400, "globalPermissions must be a list.")
    pairs = []
    for item in group["globalPermissions"]:
        object_type = item.get("objectType") if isinstance(item, dict) else None
        action_type = item.get("actionType") if isinstance(item, dict) else None
        if object_type not in PERMISSIONS or action_type not in PERMISSIONS[object_type]:
            raise ApiFailure(400, "Invalid global permission: objectType %s with actionType %s."
                             % (json.dumps(object_type), json.dumps(action_type)))
        pair = {"actionType": action_type, "objectType": object_type}
        if pair not in pairs:
            pairs.append(pair)
    group["globalPermissions"] = pairs


def _new_group_fields(body):
    """A group from a POST or PUT body, with the documented create defaults for nulls."""
    deployment = body.get("deploymentPermissions") or {}
    if not isinstance(deployment, dict):
        raise ApiFailure(400, "deploymentPermissions must be an object.")
    return {
        "groupName": body.get("groupName"),
        "description": body.get("description"),
        "isActive": True if body.get("isActive") is None else body["isActive"],
        "isFlexDeployAdministrator": (False if body.get("isFlexDeployAdministrator") is None
                                      else body["isFlexDeployAdministrator"]),
        "deploymentPermissions": {
            "environments": deployment.get("environments") if deployment.get("environments") is not None else [],
            "allEnvironments": False if deployment.get("allEnvironments") is None else deployment["allEnvironments"],
        },
        "globalPermissions": body.get("globalPermissions") if body.get("globalPermissions") is not None else [],
    }


def _patched_group(group, body):
    updated = dict((k, copy.deepcopy(v)) for k, v in group.items() if k != "groupId")
    for key in ("groupName", "description", "isActive", "isFlexDeployAdministrator", "globalPermissions"):
        if body.get(key) is not None:
            updated[key] = body[key]
    deployment = body.get("deploymentPermissions")
    if deployment is not None:
        if not isinstance(deployment, dict):
            raise ApiFailure(400, "deploymentPermissions must be an object.")
        # Nulls inside deploymentPermissions are ignored too (guess).
        for key in ("environments", "allEnvironments"):
            if deployment.get(key) is not None:
                updated["deploymentPermissions"][key] = deployment[key]
    return updated


@bp.route("/administration/security/group", methods=["GET", "POST"])
def groups():
    with _state().lock:
        data = _data()
        if request.method == "GET":
            name = request.args.get("groupName")
            found = [copy.deepcopy(g) for _id, g in sorted(data["groups"].items())
                     if _matches(name, g["groupName"], True)]
            return json_response(found)
        group = _new_group_fields(_body(400))
        _validate_group(group)
        group_id = data["next_id"]["group"]
        data["next_id"]["group"] += 1
        record = dict(groupId=group_id, **group)
        data["groups"][group_id] = record
        # The group page lists 200 among its status codes and no 201.
        return json_response(copy.deepcopy(record), 200)


@bp.route("/administration/security/group/<int:group_id>", methods=["GET", "PUT", "PATCH"])
def group(group_id):
    with _state().lock:
        data = _data()
        current = data["groups"].get(group_id)
        if current is None:
            raise ApiFailure(404, "Group %s not found." % group_id)
        if request.method == "GET":
            return json_response(copy.deepcopy(current))
        body = _body(400)
        if request.method == "PUT":
            # PUT replaces the group; nulls take the create defaults (guess).
            updated = _new_group_fields(body)
        else:
            updated = _patched_group(current, body)
        _validate_group(updated)
        record = dict(groupId=group_id, **updated)
        data["groups"][group_id] = record
        return json_response(copy.deepcopy(record))


@bp.route("/<path:unknown>", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
def unknown_resource(unknown):
    # Paths outside the documented resources (or with a non-numeric id) still get a JSON 404.
    raise ApiFailure(404, "No resource at %s %s." % (request.method, request.path))


def register(app, state):
    state.register("flexdeploy", seed)
    app.register_blueprint(bp)
