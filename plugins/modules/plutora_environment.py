#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: plutora_environment
short_description: Manage Plutora environments with their hosts and layers
version_added: 0.1.0
description:
  - Creates, updates and deletes Plutora environments through the REST API, together with their hosts and
    layers ("Techs & Specs").
  - Environment fields change through C(PUT environments/{id}); hosts and layers through their own
    C(hosts) and C(layers) endpoints, since Plutora ignores them in an environment C(PUT).
  - Everything is given by name (system, usage, status, stack layer); GUIDs are accepted too. The
    environment is found with the API's name filter, and its full record (which carries the names of its
    system and lookup values and its hosts and layers) is compared first. Look-ups run only when a write
    needs a GUID, once per lookup type per task.
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
    description: Shows the environment before and after, with names instead of GUIDs and its hosts and layers.
options:
  name:
    description:
      - Name of the environment, its identity. Plutora matches names without case; an environment found with a
        different case is renamed to this spelling.
    type: str
    required: true
  state:
    description:
      - C(present) creates or updates the environment, its hosts and layers.
      - C(absent) deletes the environment (and with it its hosts and layers); unchanged when it does not exist.
    type: str
    choices: [present, absent]
    default: present
  description:
    description:
      - Free-form description.
    type: str
  url:
    description:
      - URL of the environment.
    type: str
  vendor:
    description:
      - Vendor of the environment. Required to create one.
    type: str
  system:
    description:
      - The linked system, by name or GUID. Required to create an environment.
    type: str
  usage:
    description:
      - What the environment is used for, a C(UsedForWorkItem) lookup value such as C(Dev) or C(UAT) (or its
        GUID). Required to create an environment. An unknown value fails and lists the valid ones.
    type: str
  status:
    description:
      - Status, an C(EnvironmentStatus) lookup value such as C(Active) (or its GUID). Required to create an
        environment. An unknown value fails and lists the valid ones.
    type: str
  color:
    description:
      - Colour of the environment in the form C(#rrggbb). Compared without case.
      - When an environment is created without it, C(#ffffff) is used.
    type: str
  shared:
    description:
      - Whether the environment is shared. When an environment is created without it, C(false) is used.
    type: bool
  hosts:
    description:
      - Hosts of the environment, each with its layers. Hosts are matched by name, layers by component name
        within their host (an exact match first, else one that differs only in case); both are created
        when missing and updated when they differ.
      - Hosts and layers on the server that are not listed stay, unless I(purge_hosts=true).
    type: list
    elements: dict
    suboptions:
      name:
        description:
          - Name of the host.
        type: str
        required: true
      layers:
        description:
          - Layers (components) of the host. When not given, the host's layers are left as they are.
        type: list
        elements: dict
        suboptions:
          component_name:
            description:
              - Name of the component, the layer's identity within its host.
            type: str
            required: true
          version:
            description:
              - Version of the component.
            type: str
          stack_layer:
            description:
              - A C(StackLayer) lookup value such as C(Application) or C(Database) (or its GUID). Required to
                create a layer.
            type: str
  purge_hosts:
    description:
      - Delete hosts not listed in I(hosts), and layers not listed under a host whose I(layers) are given.
      - Has no effect when I(hosts) is not given.
    type: bool
    default: false
notes:
  - A whole-record C(PUT environments/{id}) is sent from the record as read right before it, with only
    the fields this task changes, so a field another writer changed meanwhile is kept.
  - Nothing stops two writers creating the same host. A new host is created bare and its layers
    follow once it is the only host of its name. Of twins that appear while the task writes (another
    controller), every writer keeps the same one (the lowest GUID, or one that has layers already) and
    deletes the other bare ones; hosts that were there twice before the task are not touched (the task
    fails naming them). An environment created twice at the same moment (on a server that allows it)
    is settled the same way, this task's own yielding.
seealso:
  - module: envops.environments.plutora_system
  - module: envops.environments.plutora_environment_group
  - module: envops.environments.plutora_token
"""

EXAMPLES = r"""
- name: The environment of the Plutora primer, with a host and a layer
  envops.environments.plutora_environment:
    name: My Environment
    vendor: Plutora
    system: My System
    usage: Dev
    status: Active
    color: "#ffffff"
    shared: true
    hosts:
      - name: My Host
        layers:
          - component_name: My Application
            version: "1.0"
            stack_layer: Application

- name: Change the description, the colour and a layer version; leave everything else alone
  envops.environments.plutora_environment:
    name: My Environment
    description: Here is the description of My Environment
    color: "#ffff00"
    hosts:
      - name: My Host
        layers:
          - component_name: My Application
            version: "2.0"

- name: Exactly these hosts and layers
  envops.environments.plutora_environment:
    name: My Environment
    purge_hosts: true
    hosts:
      - name: My Host
        layers:
          - component_name: My Application
            stack_layer: Application

- name: Delete the environment
  envops.environments.plutora_environment:
    name: My Environment
    state: absent
"""

RETURN = r"""
environment:
  description:
    - The full environment record after the task (in check mode, as it would be; new hosts and layers then
      have C(id) null), with nested C(hosts[].layers[]). Empty when the environment does not exist.
  returned: always
  type: dict
  sample:
    id: a99b8e84-bec3-4085-8df1-969ae176d119
    name: My Environment
    vendor: Plutora
    linkedSystemId: 2a8ad43b-81be-4d1a-8fff-0cb85b9905dc
    linkedSystem: My System
    usageWorkItem: Dev
    environmentStatus: Active
    color: "#ffffff"
    isSharedEnvironment: true
    hosts:
      - id: 1dd98953-a4fd-40dd-a416-dd7469ea157f
        name: My Host
        layers:
          - id: 4c7f6709-7258-4f50-ae79-08597b4f1454
            componentName: My Application
            version: "1.0"
            stackLayer: Application
diff:
  description: The environment before and after, by names, with its hosts and layers.
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

from ansible_collections.envops.environments.plugins.module_utils.compare import ci_get, make_diff, values_equal
from ansible_collections.envops.environments.plugins.module_utils.errors import InputError
from ansible_collections.envops.environments.plugins.module_utils.fleet import (
    NOT_PLANNED,
    first_guid,
    hold,
    without_twins,
    write_verified,
)
from ansible_collections.envops.environments.plugins.module_utils.inputs import tidy_identifiers
from ansible_collections.envops.environments.plugins.module_utils.plutora import (
    absent,
    build_api,
    check_color,
    ci_set,
    is_guid,
    require_for_create,
    same_guid,
)
from ansible_collections.envops.environments.plugins.module_utils.plutora_views import environment_view as view
from ansible_collections.envops.environments.plugins.module_utils.resolve import pick_by_name, renamed, same_name
from ansible_collections.envops.environments.plugins.module_utils.runner import ModuleDefinition

LAYER_SPEC = dict(
    component_name=dict(type="str", required=True),
    version=dict(type="str"),
    stack_layer=dict(type="str"),
)
HOST_SPEC = dict(
    name=dict(type="str", required=True),
    layers=dict(type="list", elements="dict", options=LAYER_SPEC),
)
ARGUMENT_SPEC = dict(
    name=dict(type="str", required=True),
    state=dict(type="str", default="present", choices=["present", "absent"]),
    description=dict(type="str"),
    url=dict(type="str"),
    vendor=dict(type="str"),
    system=dict(type="str"),
    usage=dict(type="str"),
    status=dict(type="str"),
    color=dict(type="str"),
    shared=dict(type="bool"),
    hosts=dict(type="list", elements="dict", options=HOST_SPEC),
    purge_hosts=dict(type="bool", default=False),
)

PATH = "environments"
CREATE_DEFAULTS = {"color": "#ffffff", "shared": False}
# Options compared as plain values: option -> key of the record.
PLAIN = (("description", "description"), ("url", "url"), ("vendor", "vendor"), ("shared", "isSharedEnvironment"))
# Options naming a lookup value: option -> (lookup type, GUID key, name key of the full record).
LOOKUPS = (("usage", "UsedForWorkItem", "usageWorkItemId", "usageWorkItem"),
           ("status", "EnvironmentStatus", "environmentStatusId", "environmentStatus"))


def check_input(params):
    """Mistakes that need no server to spot, raised before anything is sent."""
    tidy_identifiers(params, "name", "system", "usage", "status", "hosts[].name", "hosts[].layers[].component_name",
                     "hosts[].layers[].stack_layer")
    check_color(params)
    names = [host["name"] for host in params["hosts"] or []]
    for index, host in enumerate(params["hosts"] or []):
        if [n.lower() for n in names].count(host["name"].lower()) > 1:
            raise InputError("hosts: the host '%s' is listed more than once." % host["name"])
        components = [layer["component_name"].lower() for layer in host["layers"] or []]
        for layer in host["layers"] or []:
            if components.count(layer["component_name"].lower()) > 1:
                raise InputError("hosts[%d].layers: the component '%s' is listed more than once in host '%s'."
                                 % (index, layer["component_name"], host["name"]))


def match(option, records, name, key, kind):
    """The record whose `key` (in any case) is `name`, by the shared comparison (surrounding blanks
    aside, exact before case-insensitive): host "app01 " on the server is the host `app01`."""
    return pick_by_name(records, name, option, kind, name_key=key, advice="rename all but one in Plutora first")


class Plan:
    """What to send: environment fields, then host and layer writes, decided before any write."""

    def __init__(self, params, api, current):
        self.params = params
        self.api = api
        self.current = current
        self.fields = {}           # record key -> value, for POST or PUT environments
        self.names = {}            # record key -> name, to predict the record
        self.new_hosts = []        # [(host name, [layer bodies])]
        self.new_layers = []       # [(host record, layer body)]
        self.layer_updates = []    # [(layer record, updated layer record)]
        self.host_deletes = []     # [host record]
        self.layer_deletes = []    # [(host record, layer record)]

    @property
    def writes(self):
        return bool(self.fields or self.new_hosts or self.new_layers or self.layer_updates
                    or self.host_deletes or self.layer_deletes)

    # Environment fields --------------------------------------------------------------------
    def plan_fields(self):
        p, cur = self.params, self.current or {}
        if renamed(p["name"], ci_get(cur, "name")):
            self.fields["name"] = p["name"]
        for option, key in PLAIN:
            if p[option] is not None and not values_equal(p[option], ci_get(cur, key)):
                self.fields[key] = p[option]
        if p["color"] is not None and not same_name(p["color"], ci_get(cur, "color")):
            self.fields["color"] = p["color"].lower()
        for option, lookup_type, id_key, name_key in LOOKUPS:
            wanted = p[option]
            if wanted is None or self._same(wanted, cur, id_key, name_key):
                continue
            value = self.api.lookup(option, lookup_type, wanted)
            if not same_guid(value["id"], ci_get(cur, id_key)):
                self.fields[id_key] = value["id"]
                self.names[name_key] = value["value"]
        wanted = p["system"]
        if wanted is not None and not self._same(wanted, cur, "linkedSystemId", "linkedSystem"):
            system = self.api.resolve("system", "systems", "system", wanted)
            if not same_guid(system["id"], ci_get(cur, "linkedSystemId")):
                self.fields["linkedSystemId"] = system["id"]
                self.names["linkedSystem"] = system["name"]

    @staticmethod
    def _same(wanted, record, id_key, name_key):
        """Whether the record already names `wanted` (no look-up needed)."""
        if is_guid(wanted):
            return same_guid(wanted, ci_get(record, id_key))
        return same_name(wanted, ci_get(record, name_key))

    # Hosts and layers ----------------------------------------------------------------------
    def plan_hosts(self):
        wanted_hosts = self.params["hosts"]
        if wanted_hosts is None:
            return
        have_hosts = ci_get(self.current or {}, "hosts") or []
        kept = []
        for index, wanted in enumerate(wanted_hosts):
            host = match("hosts[%d].name" % index, have_hosts, wanted["name"], "name", "host")
            if host is None:
                layers = [self._new_layer(index, wanted["name"], layer) for layer in wanted["layers"] or []]
                self.new_hosts.append((wanted["name"], layers))
                continue
            kept.append(host)
            if wanted["layers"] is not None:
                self._plan_layers(index, host, wanted["layers"])
        if self.params["purge_hosts"]:
            self.host_deletes = [h for h in have_hosts if not any(h is k for k in kept)]

    def _plan_layers(self, index, host, wanted_layers):
        have_layers = ci_get(host, "layers") or []
        kept = []
        for position, wanted in enumerate(wanted_layers):
            layer = match("hosts[%d].layers[%d].component_name" % (index, position), have_layers,
                          wanted["component_name"], "componentName", "layer")
            if layer is None:
                self.new_layers.append((host, self._new_layer(index, ci_get(host, "name"), wanted)))
                continue
            kept.append(layer)
            updated = self._updated_layer(index, layer, wanted)
            if updated is not None:
                self.layer_updates.append((layer, updated))
        if self.params["purge_hosts"]:
            self.layer_deletes.extend((host, l) for l in have_layers if not any(l is k for k in kept))

    def _stack_layer(self, index, value):
        return self.api.lookup("hosts[%d].layers.stack_layer" % index, "StackLayer", value)

    def _new_layer(self, index, host_name, wanted):
        if wanted["stack_layer"] is None:
            values = ", ".join(str(ci_get(v, "value")) for v in self.api.lookup_values("StackLayer"))
            raise InputError("hosts[%d].layers: stack_layer is required to create the layer '%s' on host '%s'; "
                             "valid values: %s." % (index, wanted["component_name"], host_name, values))
        stack = self._stack_layer(index, wanted["stack_layer"])
        return {"ComponentName": wanted["component_name"], "Version": wanted["version"],
                "StackLayerID": stack["id"], "_stackLayer": stack["value"]}

    def _updated_layer(self, index, layer, wanted):
        """The whole layer record with the wanted changes, or None when it already matches."""
        changes = {}
        if renamed(wanted["component_name"], ci_get(layer, "componentName")):
            changes["componentName"] = wanted["component_name"]
        if wanted["version"] is not None and not values_equal(wanted["version"], ci_get(layer, "version")):
            changes["version"] = wanted["version"]
        stack = wanted["stack_layer"]
        if stack is not None and not self._same(stack, layer, "stackLayerID", "stackLayer"):
            value = self._stack_layer(index, stack)
            if not same_guid(value["id"], ci_get(layer, "stackLayerID")):
                changes["stackLayerID"] = value["id"]
                changes["stackLayer"] = value["value"]
        if not changes:
            return None
        updated = copy.deepcopy(layer)
        for key, value in changes.items():
            ci_set(updated, key, value)
        return updated


def make_plan(params, api, current):
    if current is None:
        require_for_create("environment", params["name"], params, ("vendor", "system", "usage", "status"))
    plan = Plan(params, api, current)
    plan.plan_fields()
    plan.plan_hosts()
    return plan


def predict(params, current, plan):
    """The record as it will be after the writes (check mode)."""
    record = copy.deepcopy(current) if current else {
        "id": None, "name": params["name"], "description": None, "url": None, "vendor": None,
        "linkedSystemId": None, "linkedSystem": None, "usageWorkItemId": None, "usageWorkItem": None,
        "environmentStatusId": None, "environmentStatus": None, "color": CREATE_DEFAULTS["color"],
        "isSharedEnvironment": CREATE_DEFAULTS["shared"], "hosts": []}
    for key, value in list(plan.fields.items()) + list(plan.names.items()):
        ci_set(record, key, value)
    deleted = set(str(ci_get(host, "id")).lower() for host in plan.host_deletes)
    hosts = [h for h in ci_get(record, "hosts") or [] if str(ci_get(h, "id")).lower() not in deleted]
    dropped = set(str(ci_get(layer, "id")) for _host, layer in plan.layer_deletes)
    updates = dict((str(ci_get(old, "id")), new) for old, new in plan.layer_updates)
    for host in hosts:
        layers = [updates.get(str(ci_get(l, "id")), l) for l in ci_get(host, "layers") or []
                  if str(ci_get(l, "id")) not in dropped]
        layers.extend(predicted_layer(body) for owner, body in plan.new_layers if owner is host
                      or same_guid(ci_get(owner, "id"), ci_get(host, "id")))
        ci_set(host, "layers", layers)
    for name, bodies in plan.new_hosts:
        hosts.append({"id": None, "name": name, "layers": [predicted_layer(body) for body in bodies]})
    ci_set(record, "hosts", hosts)
    return record


def predicted_layer(body):
    return {"id": None, "componentName": body["ComponentName"], "version": body["Version"],
            "stackLayerID": body["StackLayerID"], "stackLayer": body["_stackLayer"]}


def layer_body(body, host_id, env_id):
    sent = dict((k, v) for k, v in body.items() if not k.startswith("_"))
    sent.update({"HostID": host_id, "EnvironmentID": env_id})
    return sent


def create_body(params, plan):
    return {"Name": params["name"], "Description": params["description"], "Url": params["url"],
            "Vendor": params["vendor"], "LinkedSystemId": plan.fields["linkedSystemId"],
            "UsageWorkItemId": plan.fields["usageWorkItemId"],
            "EnvironmentStatusId": plan.fields["environmentStatusId"],
            "Color": plan.fields.get("color", CREATE_DEFAULTS["color"]),
            "IsSharedEnvironment": plan.fields.get("isSharedEnvironment", CREATE_DEFAULTS["shared"])}


def describe(plan):
    parts = ["fields %s" % ", ".join(sorted(plan.fields))] if plan.fields else []
    parts += ["host %s" % name for name, _bodies in plan.new_hosts]
    parts += ["layer %s of host %s" % (body["ComponentName"], ci_get(host, "name")) for host, body in plan.new_layers]
    parts += ["layer %s" % ci_get(new, "componentName") for _old, new in plan.layer_updates]
    parts += ["host %s to delete" % ci_get(host, "name") for host in plan.host_deletes]
    return "; ".join(parts)


class Writer:
    """The writes of one round and the read that verifies them (fleet.write_verified).

    A host is a record of its own, and nothing stops two writers creating the same host. So new
    hosts are created bare, and their layers follow in the next round, once the host is the only
    one of its name: of twins that appeared while this task wrote, every writer keeps the same one
    (the lowest GUID, fleet.first_guid; one that has layers already, if any) and deletes the other
    bare ones it sees. Twins that were there before the task are not its to settle (the plan
    refuses them, naming them).
    """

    def __init__(self, api, params, current):
        self.api = api
        self.params = params
        self.env_id = ci_get(current, "id")
        self.known = set(str(ci_get(host, "id")).lower() for host in ci_get(current, "hosts") or [])

    def write(self, _record, plan):
        apply(self.api, self.env_id, plan)

    def read(self):
        return without_twins(self._read_settled, self.twins)

    def _read_settled(self):
        record = self.api.get_record(PATH, self.env_id)
        surplus = [host for twins in self.twins(record) for host in bare_extras(twins)]
        for host in surplus:
            self.api.delete("hosts", ci_get(host, "id"), gone_ok=True)
        return self.api.get_record(PATH, self.env_id) if surplus else record

    def twins(self, record):
        """[[hosts of one listed name]] where the name came to be held twice or more since this task began."""
        return [same for same in listed_twins(self.params, record)
                if any(str(ci_get(h, "id")).lower() not in self.known for h in same)]


def listed_twins(params, record):
    """[[hosts of one name]] for every name of the hosts option held twice or more."""
    hosts = ci_get(record, "hosts") or []
    found = []
    for wanted in params["hosts"] or []:
        same = [h for h in hosts if same_name(ci_get(h, "name"), wanted["name"])]
        if len(same) > 1:
            found.append(same)
    return found


def bare_extras(twins):
    """Twins to delete: all but the one every writer keeps, and only those without layers."""
    with_layers = [h for h in twins if ci_get(h, "layers")]
    keep = first_guid(with_layers or twins, lambda host: ci_get(host, "id"))
    return [h for h in twins if h is not keep and not ci_get(h, "layers")]


def apply(api, env_id, plan):
    """Send the planned writes to an existing environment (new hosts bare: see Writer)."""
    if plan.fields:
        # Plutora's PUT takes the whole record (its hosts are ignored): the one read right now, with
        # only this task's changes, so that a field another writer changed meanwhile stays.
        body = dict((k, v) for k, v in api.get_record(PATH, env_id).items() if k.lower() != "hosts")
        # The names beside changed GUIDs are updated too, so the body never contradicts itself.
        for key, value in list(plan.fields.items()) + list(plan.names.items()):
            ci_set(body, key, value)
        api.update(PATH, env_id, body)
    for host in plan.host_deletes:
        api.delete("hosts", ci_get(host, "id"), gone_ok=True)
    for _host, layer in plan.layer_deletes:
        api.delete("layers", ci_get(layer, "id"), gone_ok=True)
    for _old, updated in plan.layer_updates:
        api.update("layers", ci_get(updated, "id"), updated)
    for host, body in plan.new_layers:
        api.create("layers", layer_body(body, ci_get(host, "id"), env_id))
    for name, _bodies in plan.new_hosts:
        api.create("hosts", {"Name": name, "EnvironmentID": env_id})


def run(module, api):
    params = module.params
    check_input(params)
    with hold(module, api, "environment", params["name"]):
        found = api.find(PATH, params["name"], "environment")
        current = None
        if found:
            # Hosts another writer is settling at this moment (see Writer) get a moment first.
            current = without_twins(lambda: api.get_record(PATH, ci_get(found, "id")),
                                    lambda record: listed_twins(params, record))

        if params["state"] == "absent":
            return absent(module, api, PATH, current, view)
        return present(module, api, current)


def present(module, api, current):
    params = module.params
    plan = make_plan(params, api, current)
    if current is not None and not plan.writes:
        return False, current, make_diff(view(current), view(current))
    if module.check_mode:
        predicted = predict(params, current, plan)
        return True, predicted, make_diff(view(current), view(predicted))
    before, created = current, False
    if current is None:
        # Another writer may have created it meanwhile: then its record is converged like one found.
        current, created = api.create_unique(PATH, create_body(params, plan), params["name"], "environment")
    writer = Writer(api, params, current)

    def pending(record):
        plan = make_plan(params, api, record)
        return plan if plan.writes else None

    wrote, record = write_verified(api, "environment '%s'" % params["name"], current, pending, writer.write,
                                   writer.read, describe, plan=NOT_PLANNED if before is None else plan)
    return created or wrote, record, make_diff(view(before), view(record))


DEFINITION = ModuleDefinition("plutora", ARGUMENT_SPEC, build_api, run, "environment")


def main():
    DEFINITION.main()


if __name__ == "__main__":
    main()
