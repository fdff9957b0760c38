#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: plutora_environment_group
short_description: Manage Plutora environment groups and the connectivities between their environments
version_added: 0.1.0
description:
  - Creates, updates and deletes Plutora environment groups (C(environmentgroups)) and creates the
    connectivities (C(connectivities)) between environments of a group.
  - Environments are given by name (or GUID) and resolved with one filtered call; the connectivity type is a
    C(EnvironmentMapConnectivityType) lookup value such as C(HTTPS), looked up only when a connectivity has to
    be created or compared by GUID.
  - Existing connectivities are read back first, so a connectivity is never created twice (see the notes
    for servers that cannot list them).
  - Options that are not given are left as they are on the server.
author:
  - envops maintainers (@envops)
extends_documentation_fragment:
  - envops.environments.plutora
  - envops.environments.input_rules
  - envops.environments.fleet
attributes:
  check_mode:
    support: full
    description: Reads only; reports what would change and sends no write.
  diff_mode:
    support: full
    description: Shows the group before and after, with environments by name and its connections.
options:
  name:
    description:
      - Name of the environment group, its identity (matched without case).
    type: str
    required: true
  state:
    description:
      - C(present) creates or updates the group and creates missing connections.
      - C(absent) deletes the group; unchanged when it does not exist.
    type: str
    choices: [present, absent]
    default: present
  description:
    description:
      - Free-form description.
    type: str
  color:
    description:
      - Colour of the group in the form C(#rrggbb). Compared without case.
    type: str
  environments:
    description:
      - The environments of the group, by name or GUID. The exact set wanted.
      - Plutora needs the environments when a group is created, so this is required to create one.
    type: list
    elements: str
  connections:
    description:
      - Connectivities between environments of the group. Missing ones are created; existing ones are
        left as they are (connections on the server that are not listed are not removed).
      - Both ends must be environments of the group.
    type: list
    elements: dict
    suboptions:
      source:
        description:
          - The environment the connection starts at, by name or GUID.
        type: str
        required: true
      target:
        description:
          - The environment the connection goes to, by name or GUID.
        type: str
        required: true
      type:
        description:
          - The connectivity type, an C(EnvironmentMapConnectivityType) lookup value such as C(HTTPS),
            C(File) or C(Web Services) (or its GUID). An unknown value fails and lists the valid ones.
        type: str
        required: true
      direction:
        description:
          - Direction of the connection as Plutora names it; the primer shows C(InAndOut). The server
            checks the value.
        type: str
        default: InAndOut
notes:
  - Two requests of this module rest on a guess, because no Plutora document shows them.
    C(GET connectivities) with a C(environmentGroupId) filter reads a group's existing connectivities
    (the primer shows only C(POST connectivities)); and C(PUT environmentgroups/{id}) changes an existing
    group, its environments included (the primer only says environments "can be added after creation").
  - On a server that answers C(GET connectivities) with HTTP 404 or 405, a task that gives I(connections)
    for an existing group fails before any write, naming the endpoint, since it cannot tell which
    connections exist and Plutora would take the same connection twice. For a group the task creates,
    the connections are created (it has none yet) and a warning says they could not be read back.
  - On a server that answers C(PUT environmentgroups/{id}) with HTTP 404 or 405, or that ignores the
    environments sent with it, the task fails naming the endpoint; nothing else is sent.
  - Nothing stops two writers creating the same connectivity. Twins of a listed connection that appear
    while the task writes (another controller) are all alike, so every writer keeps the one with the
    lowest GUID and deletes the others (C(DELETE connectivities/{id}), a guess; on a server without it
    the task fails naming them). A listed connection held several times from before the task is
    reported in a warning and left as it is (an export applied right away changes nothing).
seealso:
  - module: envops.environments.plutora_environment
  - module: envops.environments.plutora_token
"""

EXAMPLES = r"""
- name: The primer's group of two connected environments
  envops.environments.plutora_environment_group:
    name: My Environment Group
    description: My Environment Group description
    color: "#ffffff"
    environments:
      - My Environment
      - My second Environment
    connections:
      - source: My Environment
        target: My second Environment
        type: HTTPS
        direction: InAndOut

- name: Delete the group
  envops.environments.plutora_environment_group:
    name: My Environment Group
    state: absent
"""

RETURN = r"""
environment_group:
  description:
    - The group as the server holds it after the task (in check mode, as it would be); empty when it does
      not exist.
    - C(connections) holds the group's connectivities as read from the server; it is there only when the
      I(connections) option is given.
  returned: always
  type: dict
  sample:
    id: ea63d7e9-565f-47c7-ae38-d41dcbb334bd
    name: My Environment Group
    description: My Environment Group description
    color: "#ffffff"
    environmentIDs:
      - a99b8e84-bec3-4085-8df1-969ae176d119
      - 49a77309-2684-4ac6-a4e9-9f4bd8f1ec0a
    connections:
      - source: My Environment
        target: My second Environment
        type: HTTPS
        direction: InAndOut
diff:
  description: The group before and after, with environments by name and its connections.
  returned: always
  type: dict
  contains:
    before:
      description: State before the task.
      type: dict
      returned: always
    after:
      description: State after the task.
      type: dict
      returned: always
"""

import copy

from ansible_collections.envops.environments.plugins.module_utils.compare import ci_get, make_diff
from ansible_collections.envops.environments.plugins.module_utils.errors import (
    ConcurrentWriteError,
    InputError,
    MissingEndpointError,
    UnexpectedResponseError,
)
from ansible_collections.envops.environments.plugins.module_utils.fleet import (
    NOT_PLANNED,
    first_guid,
    hold,
    write_verified,
)
from ansible_collections.envops.environments.plugins.module_utils.inputs import tidy_identifiers
from ansible_collections.envops.environments.plugins.module_utils.plutora import (
    GUESS_GROUP_PUT,
    absent,
    build_api,
    check_color,
    ci_set,
    end_id,
    is_guid,
    same_guid,
)
from ansible_collections.envops.environments.plugins.module_utils.plutora_views import (
    connection_view,
    environment_group_view as view,
)
from ansible_collections.envops.environments.plugins.module_utils.resolve import renamed, same_name
from ansible_collections.envops.environments.plugins.module_utils.runner import ModuleDefinition

CONNECTION_SPEC = dict(
    source=dict(type="str", required=True),
    target=dict(type="str", required=True),
    type=dict(type="str", required=True),
    direction=dict(type="str", default="InAndOut"),
)
ARGUMENT_SPEC = dict(
    name=dict(type="str", required=True),
    state=dict(type="str", default="present", choices=["present", "absent"]),
    description=dict(type="str"),
    color=dict(type="str"),
    environments=dict(type="list", elements="str"),
    connections=dict(type="list", elements="dict", options=CONNECTION_SPEC),
)

PATH = "environmentgroups"
CONNECTIVITY_TYPE = "EnvironmentMapConnectivityType"


class GroupPlan:
    """Fields to change and connectivities to create, worked out before any write."""

    def __init__(self, params, api, current, unlisted_ok=False):
        self.params = params
        self.api = api
        self.current = current
        self.unlisted_ok = unlisted_ok
        self.unlisted = None        # why the connectivities could not be listed (a group this task created)
        self.fields = {}
        self.new_connections = []   # [(body, shown)]
        self.env_names = {}         # lower-case GUID -> name, for every environment read
        self.existing = []          # the group's connectivities as read
        self.duplicates = []        # [(shown, [connectivity records])]: a listed connection held twice or more
        self.race_twins = []        # those of them that appeared while this task wrote (GroupWriter)

    @property
    def writes(self):
        return bool(self.fields or self.new_connections)

    def plan(self):
        p, cur = self.params, self.current or {}
        if self.current is None and not p["environments"]:
            raise InputError("environment group '%s' does not exist; creating it needs environments "
                             "(Plutora requires them when a group is created)." % p["name"])
        wanted_envs = list(p["environments"] or [])
        for conn in p["connections"] or []:
            wanted_envs.extend((conn["source"], conn["target"]))
        found, self.env_names = self.api.resolve_many("environments", "environments", "environment", wanted_envs,
                                                      also_ids=ci_get(cur, "environmentIDs") or [])
        if renamed(p["name"], ci_get(cur, "name")):
            self.fields["name"] = p["name"]
        if p["description"] is not None and p["description"] != ci_get(cur, "description"):
            self.fields["description"] = p["description"]
        if p["color"] is not None and not same_name(p["color"], ci_get(cur, "color")):
            self.fields["color"] = p["color"].lower()
        members = [str(i).lower() for i in ci_get(cur, "environmentIDs") or []]
        if p["environments"] is not None:
            wanted_ids = list(dict.fromkeys(str(found[v]["id"]).lower() for v in p["environments"]))
            if sorted(wanted_ids) != sorted(members):
                self.fields["environmentIDs"] = [found[v]["id"] for v in dict.fromkeys(p["environments"])]
                members = wanted_ids
        if p["connections"] is not None:
            self._plan_connections(found, members)
        return self

    def _plan_connections(self, found, members):
        if self.current is not None:
            try:
                self.existing = self.api.connectivities(ci_get(self.current, "id"))
            except MissingEndpointError as exc:
                if self.unlisted_ok:
                    # The group was created by this task a moment ago: it has no connectivities yet.
                    self.unlisted = exc.message
                    self.existing = []
                    return self._plan_new_connections(found, members)
                # Without the list nothing tells which connections exist, and Plutora takes the
                # same connectivity twice: creating them blindly would duplicate them.
                raise MissingEndpointError(
                    "%s Without it the connections of an existing group cannot be compared, and creating them "
                    "again would duplicate them, so nothing was written. Leave out connections for this group "
                    "(manage them in Plutora), or run against a server that lists connectivities."
                    % exc.message, method=exc.method, url=exc.url, status=exc.status)
        self._plan_new_connections(found, members)

    def _plan_new_connections(self, found, members):
        for index, conn in enumerate(self.params["connections"]):
            source, target = found[conn["source"]], found[conn["target"]]
            for end, value in (("source", source), ("target", target)):
                if str(value["id"]).lower() not in members:
                    raise InputError("connections[%d].%s: the environment '%s' is not in the group; add it to "
                                     "environments." % (index, end, value["name"]))
            held = [c for c in self.existing if self._same_connection(c, source, target, conn)]
            if held:
                if len(held) > 1 and not any(held == other for _shown, other in self.duplicates):
                    self.duplicates.append((connection_view(held[0], self.env_names), held))
                continue
            kind = self.api.lookup("connections[%d].type" % index, CONNECTIVITY_TYPE, conn["type"])
            body = {"source": source["id"], "target": target["id"], "connectivityType": kind["id"],
                    "direction": conn["direction"]}
            shown = {"source": source["name"], "target": target["name"], "type": kind["value"],
                     "direction": conn["direction"]}
            if not any(shown == other for _body, other in self.new_connections):
                self.new_connections.append((body, shown))

    def _same_connection(self, record, source, target, conn):
        if not (same_guid(end_id(record, "source"), source["id"]) and same_guid(end_id(record, "target"), target["id"])):
            return False
        if not same_name(ci_get(record, "direction"), conn["direction"]):
            return False
        type_name = ci_get(record, "connectivityType")
        if not is_guid(conn["type"]) and type_name and not is_guid(type_name):
            return same_name(type_name, conn["type"])
        kind = self.api.lookup("connections.type", CONNECTIVITY_TYPE, conn["type"])
        return same_guid(end_id(record, "connectivityType"), kind["id"])


def with_connections(record, plan, extra=()):
    if plan.params["connections"] is None or not record:
        return record
    record = dict(record)
    record["connections"] = [connection_view(c, plan.env_names) for c in plan.existing] + list(extra)
    return record


def extras(held):
    """Connectivities alike but the one every writer keeps alike (the lowest GUID)."""
    keep = first_guid(held, lambda c: ci_get(c, "id"))
    return [c for c in held if c is not keep]


def check_input(params):
    """Mistakes that need no server to spot, raised before anything is sent."""
    tidy_identifiers(params, "name", "environments[]", "connections[].source", "connections[].target",
                     "connections[].type", "connections[].direction")
    check_color(params)


def run(module, api):
    params = module.params
    check_input(params)
    with hold(module, api, "environment group", params["name"]):
        found = api.find(PATH, params["name"], "environment group")
        current = api.get_record(PATH, ci_get(found, "id")) if found else None

        if params["state"] == "absent":
            return absent(module, api, PATH, current, lambda record: view(record, api.resolve_many(
                "environments", "environments", "environment", [], also_ids=ci_get(record, "environmentIDs") or [])[1]))
        return present(module, api, current)


def present(module, api, current):
    params = module.params
    plan = GroupPlan(params, api, current).plan()
    before = with_connections(current, plan)
    for shown, held in plan.duplicates:
        # Made before this task (by hand, or by a version of this module that could not tell):
        # reported, and left as they are, so that applying an export changes nothing.
        module.warn("The connection %s -> %s (%s, %s) of environment group '%s' is held %d times (ids %s); delete "
                    "all but one in Plutora." % (shown["source"], shown["target"], shown["type"], shown["direction"],
                                                 params["name"], len(held), ", ".join(ci_get(c, "id") for c in held)))
    if current is not None and not plan.writes:
        return False, before, make_diff(view(before, plan.env_names), view(before, plan.env_names))

    if module.check_mode:
        skeleton = {"id": None, "name": params["name"], "description": None, "color": None, "environmentIDs": []}
        predicted = copy.deepcopy(current) if current else skeleton
        for key, value in plan.fields.items():
            ci_set(predicted, key, value)
        predicted = with_connections(predicted, plan, [shown for _body, shown in plan.new_connections])
        return True, predicted, make_diff(view(before, plan.env_names), view(predicted, plan.env_names))

    created, found = False, current is not None
    if current is None:
        body = {"Name": params["name"], "Description": params["description"], "Color": plan.fields.get("color"),
                "EnvironmentIDs": plan.fields["environmentIDs"]}
        # Another writer may have created it meanwhile: then its record is converged like one found.
        current, created = api.create_unique(PATH, body, params["name"], "environment group")
    writer = GroupWriter(module, api, ci_get(current, "id"), created, plan.existing if not created else [])
    wrote, record = write_verified(api, "environment group '%s'" % params["name"], current, writer.pending,
                                   writer.write, writer.read, describe,
                                   plan=writer.first(plan) if found else NOT_PLANNED)
    names = dict(plan.env_names)   # the members before the writes, which the last plan may not know
    plan = writer.last
    names.update(plan.env_names)
    if plan.unlisted and writer.wrote_connections:
        # A group this task created, on a server that cannot list connectivities.
        module.warn("%s The connections were created but could not be read back; the result shows them as they "
                    "were sent. A later run that gives connections for this group will fail rather than create "
                    "them twice." % plan.unlisted)
        record = with_connections(record, plan, [shown for _body, shown in plan.new_connections])
    else:
        record = with_connections(record, plan)
    return created or wrote, record, make_diff(view(before, names), view(record, names))


def describe(plan):
    parts = ["fields %s" % ", ".join(sorted(plan.fields))] if plan.fields else []
    parts += ["connection %(source)s -> %(target)s (%(type)s, %(direction)s)" % shown
              for _body, shown in plan.new_connections]
    parts += ["connection %s -> %s held %d times" % (shown["source"], shown["target"], len(held))
              for shown, held in plan.race_twins]
    return "; ".join(parts)


class GroupWriter:
    """The writes of one round and their verification (fleet.write_verified).

    Nothing stops two writers creating the same connectivity. Twins that appear while this task
    writes are alike in every field, so every writer keeps the same one (the lowest GUID) and deletes
    the others it sees, its own or not: the one kept is never deleted, and no data goes with the
    others. A server that cannot delete connectivities (the DELETE rests on a guess) keeps them, and
    the task fails naming them.
    """

    def __init__(self, module, api, group_id, new_group, existing):
        self.module = module
        self.api = api
        self.group_id = group_id
        self.new_group = new_group
        # Connectivity ids before this task's first write: twins among them are not this run's to settle.
        self.known = set(ci_get(c, "id") for c in existing)
        self.last = None
        self.wrote_connections = False

    def pending(self, record):
        return self.first(GroupPlan(self.module.params, self.api, record, unlisted_ok=self.new_group).plan())

    def first(self, plan):
        """pending() of the record `plan` was worked out on (what remains to write, or None)."""
        plan.race_twins = [(shown, held) for shown, held in plan.duplicates
                           if any(ci_get(c, "id") not in self.known for c in held)]
        self.last = plan
        if plan.unlisted and self.wrote_connections:
            # Created a moment ago from the plan, and not to be read back (see present()).
            return plan if plan.fields else None
        return plan if plan.writes or plan.race_twins else None

    def write(self, _record, plan):
        if plan.fields:
            # The group as read right now with only this task's changes (the PUT takes it whole).
            body = dict((k, v) for k, v in self.api.get_record(PATH, self.group_id).items() if k != "connections")
            for key, value in plan.fields.items():
                ci_set(body, key, value)
            try:
                self.api.update(PATH, self.group_id, body, guess=GUESS_GROUP_PUT)
            except MissingEndpointError as exc:
                raise MissingEndpointError(
                    "%s The group was not changed and nothing else was sent; change it in Plutora instead."
                    % exc.message, method=exc.method, url=exc.url, status=exc.status)
        if plan.new_connections and not (plan.unlisted and self.wrote_connections):
            for body, _shown in plan.new_connections:
                self.api.create("connectivities", dict(body, environmentGroup=self.group_id), answer=None)
            self.wrote_connections = True
        twins = [c for _shown, held in plan.race_twins for c in extras(held)]
        try:
            for conn in twins:
                self.api.delete_connectivity(self.group_id, ci_get(conn, "id"))
        except MissingEndpointError as exc:
            raise ConcurrentWriteError(
                "%s Another writer created a connection of environment group '%s' at the same moment as this task, "
                "and the twins (ids %s) cannot be deleted here; delete all but one in Plutora."
                % (exc.message, self.module.params["name"], ", ".join(str(ci_get(c, "id")) for c in twins)))

    def read(self):
        record = self.api.get_record(PATH, self.group_id)
        check_members(self.last, record)
        return record


def check_members(plan, record):
    """The member environments the server reports after a write are those sent (PUT of a group's
    environments rests on a guess: a server that ignored them must not pass for converged)."""
    sent = plan.fields.get("environmentIDs")
    if sent is None:
        return
    have = sorted(str(i).lower() for i in ci_get(record, "environmentIDs") or [])
    wanted = sorted(str(i).lower() for i in sent)
    if have != wanted:
        raise UnexpectedResponseError(
            "Plutora accepted the environment group '%s' but holds the environments %s instead of %s: this server "
            "does not take member environments through %s (a request no Plutora document shows). Change the "
            "group's environments in Plutora instead." % (ci_get(record, "name"), have, wanted, GUESS_GROUP_PUT))


DEFINITION = ModuleDefinition("plutora", ARGUMENT_SPEC, build_api, run, "environment_group")


def main():
    DEFINITION.main()


if __name__ == "__main__":
    main()
