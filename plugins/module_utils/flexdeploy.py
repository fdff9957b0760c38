# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""FlexDeploy REST v1: Basic authentication, look-ups of environments, instances and groups,
targets (environment instances), and the global permission table of groups.

Quirks handled here (see docs/api-reference.md, "FlexDeploy"):
* the list filters are not exact (group names match by "contains", case-insensitively), so every
  look-up picks the record from the answer itself with the shared picker (resolve.pick_by_name:
  surrounding blanks are not significant, exact before case-insensitive). The code filter compares
  whole codes, so it would miss a code stored as "QA " and hide a twin "QA"/"QA ": codes are
  looked up in the full list instead (one request all the same);
* environments and instances are referred to by code, name or numeric id, looked up in that
  order in the full list: codes made of digits ("11001") are common, so digits are a code first
  and an id only when no code or name is that text; digits that are the code (or name) of one
  record and the id of another are refused, naming both. A name may be shared by several
  records, which is an error the user must resolve;
* valid object type / action type pairs of global permissions come from the group page's table,
  so they are checked here before any request;
* every answer is checked against the documented shape (a list of records with numeric ids and
  codes, or one record) before anything is decided from it: `.json or []` would read a wrong
  server's answer as "no such record" and lead to a create.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.envops.environments.plugins.module_utils.errors import (
    InputError,
    TransportError,
    ValidationError,
)
from ansible_collections.envops.environments.plugins.module_utils.fleet import without_twins
from ansible_collections.envops.environments.plugins.module_utils.rest_client import client_from_options
from ansible_collections.envops.environments.plugins.module_utils.resolve import (
    close_matches,
    is_id,
    matches,
    pick_by_name,
)

# Object type -> allowed action types, as the group page's table gives them (docs/api-reference.md)
# (CONFIGUREPIPLINE is the document's spelling).
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


def permission_pairs(option, permissions):
    """{object type: [actions]} -> a set of (objectType, actionType), checked against the table.

    Object types and actions are matched case-insensitively and returned upper-case. An unknown
    object type or an action the table does not allow for that type is an InputError naming
    the allowed values.
    """
    pairs = set()
    for object_type, actions in (permissions or {}).items():
        key = str(object_type).strip().upper()
        if key not in PERMISSIONS:
            matches = close_matches(key, PERMISSIONS)
            raise InputError("%s: unknown object type '%s'%s; allowed object types: %s."
                             % (option, object_type, " (did you mean %s?)" % ", ".join(matches) if matches else "",
                                ", ".join(sorted(PERMISSIONS))))
        if isinstance(actions, str):
            actions = [actions]
        if not isinstance(actions, (list, tuple)):
            raise InputError("%s: the actions of %s must be a list, for example [%s]."
                             % (option, key, ", ".join(PERMISSIONS[key])))
        for action in actions:
            action_key = str(action).strip().upper()
            if action_key not in PERMISSIONS[key]:
                raise InputError("%s: action '%s' is not allowed for object type %s; allowed actions: %s."
                                 % (option, action, key, ", ".join(PERMISSIONS[key])))
            pairs.add((key, action_key))
    return pairs


def pairs_of(global_permissions):
    """The set of (objectType, actionType) a group record holds."""
    return set((p.get("objectType"), p.get("actionType")) for p in global_permissions or [])


def deployment_of(group):
    """A group's deploymentPermissions ({} when it has none)."""
    return (group or {}).get("deploymentPermissions") or {}


def permissions_body(pairs):
    return [{"objectType": o, "actionType": a} for o, a in sorted(pairs)]


def permissions_view(pairs):
    """{object type: sorted actions}: how permissions read in `diff`."""
    view = {}
    for object_type, action in sorted(pairs):
        view.setdefault(object_type, []).append(action)
    return view


def build_api(params, redactor):
    redactor.add(params["password"])
    # What the Authorization header carries, should a server or proxy ever echo it.
    redactor.add_basic_credentials(params["username"], params["password"])
    client = client_from_options(
        "flexdeploy", params, params["api_url"].rstrip("/") + "/rest/v1", redactor,
        auth=(params["username"], params["password"]),
        auth_hints={401: "check username and password (FLEXDEPLOY_USERNAME, FLEXDEPLOY_PASSWORD)"},
    )
    return FlexDeployApi(client)


class Kind:
    """How one kind of topology record is searched and named."""

    def __init__(self, label, path, id_key, code_key, name_key):
        self.label = label
        self.path = path
        self.id_key = id_key
        self.code_key = code_key
        self.name_key = name_key

    def containing(self, records, part):
        """The records whose code or name contains `part`, without case (the *_info filters)."""
        part = part.lower()
        return [r for r in records
                if any(part in str(r.get(key) or "").lower() for key in (self.code_key, self.name_key))]


GROUP_PATH = "administration/security/group"
ENVIRONMENT = Kind("environment", "topology/environment", "environmentId", "environmentCode", "environmentName")
INSTANCE = Kind("instance", "topology/instance", "instanceId", "instanceCode", "instanceName")


def pick_one(option, kind, records, ref, key, advice="give the code or the numeric id instead"):
    """The record whose `key` (code or name) is `ref`, by the shared comparison (resolve.pick_by_name:
    surrounding blanks aside, exact before case-insensitive), else None.

    Several records sharing the value (names are not unique) is an InputError naming them.
    """
    return pick_by_name(records, ref, option, kind.label, name_key=key, id_key=kind.id_key,
                        describe=lambda r: "'%s' id %s" % (r.get(kind.code_key), r.get(kind.id_key)),
                        verb="have the code" if key == kind.code_key else "are named",
                        advice=advice)


def lost_create_message(exc, what):
    return ("%s; no %s exists afterwards. The POST was not repeated (it is not safe to send twice); "
            "the server may still create it, so run the task again to converge." % (exc.message, what))


class FlexDeployApi:
    product = "flexdeploy"

    def __init__(self, client):
        self.client = client
        self._by_ref = {}      # (kind label, reference) -> record
        self._full_list = {}   # kind label -> every record (fetched at most once per task)

    # Answers ---------------------------------------------------------------------------
    @staticmethod
    def kind_records(response, kind):
        """A list answer of environments or instances, checked: objects with numeric id and code."""
        return response.records("%s records" % kind.label, keys=(kind.id_key, kind.code_key),
                                int_keys=(kind.id_key,))

    @staticmethod
    def kind_record(response, kind):
        return response.record("%s record" % kind.label, keys=(kind.id_key, kind.code_key), int_keys=(kind.id_key,))

    @staticmethod
    def group_records(response):
        return response.records("group records", keys=("groupId", "groupName"), int_keys=("groupId",))

    @staticmethod
    def group_record(response):
        return response.record("group record", keys=("groupId", "groupName"), int_keys=("groupId",))

    @staticmethod
    def target_record(response):
        """A target, checked down to its properties (the module compares them by name)."""
        record = response.record("target (environment instance)", keys=("environmentId", "instanceId"))
        properties = record.get("properties")
        if properties is not None:
            response.records("target properties", keys=("propertyName",), body=properties)
        endpoints = record.get("endPoints")
        if endpoints is not None:
            response.records("target endpoints", keys=("endPointId",), int_keys=("endPointId",), body=endpoints)
        return record

    # Topology look-ups -------------------------------------------------------------------
    def search(self, kind, **filters):
        return self.kind_records(self.client.get(kind.path, params=filters), kind)

    def get_by_id(self, kind, record_id):
        """One environment or instance by numeric id (NotFoundError when there is none)."""
        return self.kind_record(self.client.get("%s/%d" % (kind.path, int(record_id))), kind)

    def find_by_code(self, kind, code, option="code"):
        """The record whose code is `code` (see pick_one), or None.

        Picked from the full list (one request, like the code filter, which would miss a code stored
        with surrounding blanks); never cached, since the caller may write that record.
        """
        return pick_one(option, kind, self.search(kind), code, kind.code_key,
                        advice="change all but one code in FlexDeploy first")

    def full_list(self, kind):
        """Every record of the kind, read at most once per task."""
        if kind.label not in self._full_list:
            self._full_list[kind.label] = self.search(kind)
        return self._full_list[kind.label]

    def resolve(self, option, kind, ref):
        """The record a code, name or numeric id refers to (in that order; see _pick); InputError
        when unknown or ambiguous."""
        ref = str(ref).strip()
        if not ref:
            raise InputError("%s: an empty %s reference was given." % (option, kind.label))
        key = (kind.label, ref)
        if key not in self._by_ref:
            self._by_ref[key] = self._pick(option, kind, ref, self.full_list(kind))
        return self._by_ref[key]

    def resolve_ids(self, option, kind, refs):
        """Ids of several references, all from the one full list of the kind."""
        return [self.resolve(option, kind, ref)[kind.id_key] for ref in refs]

    def _pick(self, option, kind, ref, records):
        """Code first, then name, then numeric id. Digits that name one record by code (or name)
        and another by id are an InputError naming both: either reading could be the one meant."""
        how, record = "code", pick_one(option, kind, records, ref, kind.code_key)
        if record is None:
            how, record = "name", pick_one(option, kind, records, ref, kind.name_key)
        by_id = None
        if is_id(ref):
            by_id = next((r for r in records if r.get(kind.id_key) == int(ref)), None)
        if record is not None and by_id is not None and by_id[kind.id_key] != record[kind.id_key]:
            raise InputError(
                "%s: '%s' is the %s of the %s %s (id %s) and the id of the %s %s (id %s); a value is read as a "
                "code first, then a name, then an id, but here two records answer to it. Give the other code of "
                "the one you mean (or rename the code made of digits in FlexDeploy)."
                % (option, ref, how, kind.label, record.get(kind.code_key), record[kind.id_key], kind.label,
                   by_id.get(kind.code_key), by_id[kind.id_key]))
        record = record or by_id
        if record is None:
            raise self._unknown(option, kind, ref, records)
        return record

    @staticmethod
    def _unknown(option, kind, ref, records):
        candidates = [r.get(kind.code_key) for r in records] + [r.get(kind.name_key) for r in records]
        matches = close_matches(ref, candidates)
        message = "%s: no %s with the code, name or id '%s' was found" % (option, kind.label, ref)
        if matches:
            message += "; close matches: %s" % ", ".join(matches)
        return InputError(message + ".")

    # Environments ------------------------------------------------------------------------
    def create_environment(self, body):
        """POST a new environment; returns (record, outcome).

        outcome is "created" (the POST's answer), "taken" (the POST was refused and the code now
        exists: another run created it meanwhile) or "unconfirmed" (the answer was lost and the
        record was found by code). The caller converges the last two. A POST is never re-sent.
        """
        code = body["environmentCode"]
        try:
            return self.kind_record(self.client.post(ENVIRONMENT.path, json_body=body), ENVIRONMENT), "created"
        except ValidationError:
            existing = self.find_by_code(ENVIRONMENT, code)
            if existing is None:
                raise
            return existing, "taken"
        except TransportError as exc:
            existing = self.find_by_code(ENVIRONMENT, code)
            if existing is None:
                raise TransportError(lost_create_message(exc, "environment with code '%s'" % code))
            return existing, "unconfirmed"

    def write_environment(self, mode, env_id, body):
        """PATCH (merge: nulls ignored) or PUT (replace: the whole record) of one environment."""
        path = "%s/%s" % (ENVIRONMENT.path, env_id)
        if mode == "replace":
            return self.kind_record(self.client.put(path, json_body=body), ENVIRONMENT)
        return self.kind_record(self.client.patch(path, json_body=body), ENVIRONMENT)

    # Targets -----------------------------------------------------------------------------
    @staticmethod
    def target_path(env_id, instance_id):
        return "topology/environmentinstance/%s/%s" % (env_id, instance_id)

    def get_target(self, env_id, instance_id):
        return self.target_record(self.client.get(self.target_path(env_id, instance_id)))

    def write_target(self, mode, env_id, instance_id, body):
        path = self.target_path(env_id, instance_id)
        if mode == "replace":
            return self.target_record(self.client.put(path, json_body=body))
        return self.target_record(self.client.patch(path, json_body=body))

    # Groups ------------------------------------------------------------------------------
    def list_groups(self, text=None):
        """Groups whose name contains `text` (FlexDeploy's filter ignores case), or every group."""
        params = {"groupName": text} if text is not None else None
        return self.group_records(self.client.get(GROUP_PATH, params=params))

    def get_group(self, group_id):
        return self.group_record(self.client.get("%s/%d" % (GROUP_PATH, int(group_id))))

    def find_group(self, name):
        """The group named `name`, or None.

        FlexDeploy's group filter ignores case, so names are matched without case too: a group
        "Admins" is the group `name: admins` means (and is renamed to that spelling), never a
        reason to create a second one; "Admins " (stored with a blank) is the group `Admins`.
        Several groups matching (exactly, or when case is ignored) is an error naming them.
        """
        # Twins another writer is settling at this moment (see flexdeploy_group) get a moment first.
        records = without_twins(lambda: self.list_groups(name),
                                lambda groups: len(matches(groups, name, "groupName")[0]) > 1)
        return pick_by_name(records, name, "name", "group", name_key="groupName", id_key="groupId",
                            advice="rename or deactivate all but one in FlexDeploy first")

    def groups_named(self, name):
        """Every group `name` picks equally well (find_group's comparison), however many."""
        return matches(self.list_groups(name), name, "groupName")[0]

    def create_group(self, body):
        """POST a new group; returns (record, outcome), outcome "created" or "unconfirmed" (the
        answer was lost and the group was found by name). A POST is never re-sent."""
        try:
            return self.group_record(self.client.post(GROUP_PATH, json_body=body)), "created"
        except TransportError as exc:
            existing = self.find_group(body["groupName"])
            if existing is None:
                raise TransportError(lost_create_message(exc, "group named '%s'" % body["groupName"]))
            return existing, "unconfirmed"

    def retire_twin(self, twin, keeper):
        """Take a group this task created beside its twin out of the way (FlexDeploy documents no
        delete of groups): renamed after the group kept, deactivated, every permission removed."""
        body = {"groupName": "%s (duplicate %s of %s)" % (twin["groupName"], twin["groupId"], keeper["groupId"]),
                "isActive": False, "isFlexDeployAdministrator": False,
                "deploymentPermissions": {"environments": [], "allEnvironments": False}, "globalPermissions": []}
        return self.write_group("merge", twin["groupId"], body)

    def write_group(self, mode, group_id, body):
        path = "%s/%s" % (GROUP_PATH, group_id)
        if mode == "replace":
            return self.group_record(self.client.put(path, json_body=body))
        return self.group_record(self.client.patch(path, json_body=body))
