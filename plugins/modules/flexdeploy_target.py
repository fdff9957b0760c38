#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: flexdeploy_target
short_description: Manage FlexDeploy targets (environment instances)
version_added: 0.1.0
description:
  - Configures a FlexDeploy target, the pairing of an environment and an instance, through the
    REST v1 C(topology/environmentinstance) API; its active flag, its endpoints with their resource
    ids, and its property values, including encrypted ones.
  - The target is read first; a write (C(PATCH) or C(PUT)) is sent only when something given differs.
  - Options that are not given are left as they are.
  - Encrypted properties read back as C(*****), so their values cannot be compared. A property that
    refers to a credential (I(credential_id)) is compared by its credential id. A plain secret value
    is sent only when the property has no value yet, or on every run with I(update_secrets=always).
author:
  - envops maintainers (@envops)
extends_documentation_fragment:
  - envops.environments.flexdeploy
  - envops.environments.input_rules
  - envops.environments.fleet
attributes:
  check_mode:
    support: full
    description: Reads only; reports what would change and sends no write.
  diff_mode:
    support: full
    description: Shows the target before and after; secret values are never shown.
options:
  environment:
    description:
      - The environment of the target, by environment code, environment name or numeric id.
      - A value is looked up as a code first, then as a name, then as a numeric id, so a code made of
        digits (C(11001)) is that code; digits that are the code (or name) of one environment and the id of
        another are refused, and the task fails, naming both.
      - A name shared by several environments is refused; give the code or the id then.
    type: str
    required: true
  instance:
    description:
      - The instance of the target, by instance code, instance name or numeric id, looked up in that
        order as the environment is.
      - The instance must already belong to I(environment) (see M(envops.environments.flexdeploy_environment)).
    type: str
    required: true
  active:
    description:
      - Whether the target is active.
    type: bool
  endpoints:
    description:
      - Endpoints of the target, each with the resource type ids it serves.
      - With I(mode=merge) the endpoints and resource ids given are added; none is removed.
      - With I(mode=replace) this is the exact list; endpoints not listed are unassigned and
        resource ids not listed are removed.
    type: list
    elements: dict
    suboptions:
      id:
        description:
          - Endpoint id.
        type: int
        required: true
      resource_ids:
        description:
          - Resource type ids of the endpoint on this target (integers).
        type: list
        elements: int
  properties:
    description:
      - Property values of the target, a dictionary from property name to either a plain value or a
        dictionary with the keys C(value), C(credential_id) (the id of a FlexDeploy credential holding
        an encrypted value; not together with C(value)) and C(expression) (C(true) when C(value) is an
        expression).
      - A property given as C(null) is cleared.
      - With I(mode=merge) only the properties given change. With I(mode=replace) every property of
        the target that is given neither here nor in I(secret_properties) is cleared, as the API's
        C(PUT) does.
      - Do not put secret values here; use I(secret_properties).
    type: dict
  secret_properties:
    description:
      - Plain values of encrypted properties, a dictionary from property name to the secret value.
        The values are never logged nor shown in C(diff).
      - A value is sent when the property has no value yet, or always with I(update_secrets=always).
    type: dict
  update_secrets:
    description:
      - C(on_create) sends a secret value only to a property that has none yet, so a converged
        target reports no change.
      - C(always) sends the secret values on every run (and so always reports a change).
    type: str
    choices: [on_create, always]
    default: on_create
  mode:
    description:
      - C(merge) sends a C(PATCH) with what differs; endpoints and resource ids are only added and
        properties not given keep their values.
      - C(replace) sends a C(PUT) of the whole target; I(endpoints) and the properties given are
        the exact sets (see I(endpoints) and I(properties)). Options not given are kept.
    type: str
    choices: [merge, replace]
    default: merge
notes:
  - A numeric I(environment) or I(instance) is tried as an id first, then as a code or a name.
  - With I(mode=replace), an encrypted property that is kept (or given as C(credential_id)) is sent in the
    C(PUT) with its C(credentialId) and no value. That rests on a guess, since the FlexDeploy documents show a
    C(credentialId) sent only in the C(PATCH) example. When the server's answer shows such a property
    cleared, the module points it at the same credential again with the documented C(PATCH) form and
    warns; when that fails too, the task fails naming the properties.
  - A property name the target does not have fails before any write, listing the target's properties.
seealso:
  - module: envops.environments.flexdeploy_environment
"""

EXAMPLES = r"""
- name: Configure the SOA target of the DEV environment
  envops.environments.flexdeploy_target:
    api_url: http://flexdeploy.example.com:8000/flexdeploy
    username: fdadmin
    password: "{{ flexdeploy_token }}"
    environment: DEV
    instance: SOA
    active: true
    endpoints:
      - id: 10101
        resource_ids: [11223, 11224]
    properties:
      FDSOA_SERVER_HOST: dev-soa.company.local
      FDSOA_SERVER_PORT: 8001
      FDSOA_REVISIONS_TO_KEEP: 15
      FD_ORACLE_SOA_HOME: /u01/oracle/products/fmw/soa
    secret_properties:
      MDS_PASS: "{{ vault_mds_pass }}"

- name: Point the MDS password at a shared credential; the class path is a Groovy expression
  envops.environments.flexdeploy_target:
    environment: Development
    instance: SOA Server
    properties:
      MDS_PASS:
        credential_id: 52268
      FDSOA_EXT_CLASSPATH:
        value: FD_ORACLE_SOA_HOME + '/lib/ext.jar'
        expression: true

- name: Exactly one endpoint, and only the listed properties keep a value
  envops.environments.flexdeploy_target:
    environment: "12347"
    instance: "12342"
    mode: replace
    endpoints:
      - id: 10101
        resource_ids: [11223]
    properties:
      FDSOA_SERVER_HOST: dev-soa.company.local
      MDS_PASS: {credential_id: 74952}
"""

RETURN = r"""
target:
  description:
    - The target as the server holds it after the task (in check mode, as it would be).
    - Encrypted property values read C(*****).
  returned: always
  type: dict
  sample:
    environmentId: 12347
    instanceId: 12342
    isActive: true
    endPoints: [{endPointId: 10101, resourceIds: [11223, 11224]}]
    properties:
      - {propertyName: FDSOA_SERVER_HOST, propertyValue: dev-soa.company.local, credentialId: null, isExpression: false}
      - {propertyName: MDS_PASS, propertyValue: "*****", credentialId: 74952, isExpression: false}
diff:
  description:
    - The target before and after, by environment and instance code. Encrypted properties show
      their credential id and a masked value; a secret sent by this task shows as C(<new secret value>).
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

from ansible.module_utils.parsing.convert_bool import boolean

from ansible_collections.envops.environments.plugins.module_utils.compare import make_diff, values_equal
from ansible_collections.envops.environments.plugins.module_utils.errors import (
    InputError,
    UnexpectedResponseError,
)
from ansible_collections.envops.environments.plugins.module_utils.fleet import hold, write_verified
from ansible_collections.envops.environments.plugins.module_utils.flexdeploy import (
    ENVIRONMENT,
    INSTANCE,
    build_api,
)
from ansible_collections.envops.environments.plugins.module_utils.flexdeploy_views import (
    MASK,
    endpoints_of,
    is_masked,
    target_view as view,
)
from ansible_collections.envops.environments.plugins.module_utils.inputs import tidy_identifiers
from ansible_collections.envops.environments.plugins.module_utils.resolve import is_id
from ansible_collections.envops.environments.plugins.module_utils.runner import ModuleDefinition

ARGUMENT_SPEC = dict(
    environment=dict(type="str", required=True),
    instance=dict(type="str", required=True),
    active=dict(type="bool"),
    endpoints=dict(type="list", elements="dict", options=dict(
        id=dict(type="int", required=True),
        resource_ids=dict(type="list", elements="int"),
    )),
    properties=dict(type="dict"),
    secret_properties=dict(type="dict", no_log=True),
    update_secrets=dict(type="str", default="on_create", choices=["on_create", "always"]),
    mode=dict(type="str", default="merge", choices=["merge", "replace"]),
)

PROPERTY_KEYS = ("value", "credential_id", "expression")


# Reading the options ---------------------------------------------------------------------------

def wanted_properties(properties, secret_properties):
    """{name: {value, credential_id, expression, secret}} from the two property options."""
    wanted = {}
    for name, spec in (properties or {}).items():
        name = _property_name("properties", name)
        if isinstance(spec, dict):
            unknown = sorted(set(spec) - set(PROPERTY_KEYS))
            if unknown:
                raise InputError("properties: %s has unknown key(s) %s; allowed keys: %s."
                                 % (name, ", ".join(unknown), ", ".join(PROPERTY_KEYS)))
            credential_id = spec.get("credential_id")
            if credential_id is not None:
                if not is_id(credential_id) or int(credential_id) < 1:
                    raise InputError("properties: credential_id of %s must be a numeric credential id, not '%s'."
                                     % (name, credential_id))
                if spec.get("value") is not None:
                    raise InputError("properties: %s has both value and credential_id; give one of them." % name)
                credential_id = int(credential_id)
            expression = spec.get("expression")
            if expression is not None:
                try:
                    expression = boolean(expression, strict=True)
                except TypeError:
                    raise InputError("properties: expression of %s must be true or false, not '%s'."
                                     % (name, expression))
            wanted[name] = {"value": spec.get("value"), "credential_id": credential_id,
                            "expression": expression, "secret": False}
        else:
            wanted[name] = {"value": spec, "credential_id": None, "expression": None, "secret": False}
    for name, value in (secret_properties or {}).items():
        name = _property_name("secret_properties", name)
        if name in wanted:
            raise InputError("%s is given in both properties and secret_properties; give it once." % name)
        if isinstance(value, (dict, list)):
            raise InputError("secret_properties: the value of %s must be the plain secret; to refer to a "
                             "credential use properties with credential_id." % name)
        wanted[name] = {"value": value, "credential_id": None, "expression": None, "secret": True}
    return wanted


def _property_name(option, name):
    text = str(name).strip() if name is not None else ""
    if not text or text.lower() in ("none", "null"):
        raise InputError("%s: a property without a name was given; every key must be a property name." % option)
    return text


def wanted_endpoints(endpoints):
    """{endpoint id: set of resource ids}; an endpoint listed twice is an error."""
    if endpoints is None:
        return None
    wanted = {}
    for index, item in enumerate(endpoints):
        # FlexDeploy ids are positive numbers; anything else is refused before a request.
        if item["id"] < 1 or any(ref < 1 for ref in item.get("resource_ids") or []):
            raise InputError("endpoints[%d]: id and resource_ids must be positive ids, got %s and %s."
                             % (index, item["id"], item.get("resource_ids")))
        if item["id"] in wanted:
            raise InputError("endpoints: endpoint %s is listed twice; list each endpoint once with all "
                             "its resource_ids." % item["id"])
        wanted[item["id"]] = set(item.get("resource_ids") or [])
    return wanted


# Comparing -------------------------------------------------------------------------------------

def endpoints_changed(wanted, have, mode):
    """merge: is anything wanted missing? replace: do the endpoint sets or resource id sets differ?"""
    if wanted is None:
        return False
    if mode == "replace":
        return wanted != have
    return any(eid not in have or not ids <= have[eid] for eid, ids in wanted.items())


def endpoints_body(endpoints):
    return [{"endPointId": eid, "resourceIds": sorted(ids)} for eid, ids in sorted(endpoints.items())]


def has_value(prop):
    return is_masked(prop) or prop.get("propertyValue") is not None


def keep_item(prop):
    """The item that leaves a property as it is when the whole target is PUT."""
    masked = is_masked(prop)
    return {"propertyName": prop["propertyName"], "propertyValue": None if masked else prop.get("propertyValue"),
            "credentialId": prop.get("credentialId"), "isExpression": bool(prop.get("isExpression"))}


def property_change(name, want, have, update_secrets):
    """(changed, item to send, secret sent) for one wanted property against the target's."""
    expression = bool(have.get("isExpression")) if want["expression"] is None else want["expression"]
    expression_changed = expression != bool(have.get("isExpression"))
    masked = is_masked(have)
    if want["credential_id"] is not None:
        item = {"propertyName": name, "propertyValue": None, "credentialId": want["credential_id"],
                "isExpression": expression}
        return want["credential_id"] != have.get("credentialId") or expression_changed, item, False
    if want["secret"] or (masked and want["value"] is not None):
        # A masked value cannot be compared: send it only when asked to, or when none is set.
        send = update_secrets == "always" if masked else not values_equal(want["value"], have.get("propertyValue"))
        if not send:
            item = dict(keep_item(have), isExpression=expression)
            return expression_changed, item, False
        item = {"propertyName": name, "propertyValue": want["value"], "credentialId": None, "isExpression": expression}
        return True, item, True
    item = {"propertyName": name, "propertyValue": want["value"], "credentialId": None, "isExpression": expression}
    changed = masked or not values_equal(want["value"], have.get("propertyValue")) or expression_changed
    return changed, item, False


class Plan:
    """What differs between the options and the target, the body to send and the predicted target."""

    def __init__(self, params):
        self.params = params
        self.current = None
        self.mode = params["mode"]
        self.wanted_props = wanted_properties(params["properties"], params["secret_properties"])
        self.wanted_endpoints = wanted_endpoints(params["endpoints"])
        self.secrets_sent = set()
        self.changed = False
        self.body = {}

    def secret_values(self):
        return [want["value"] for want in self.wanted_props.values() if want["secret"]]

    def compare(self, current):
        """Whether the target differs; fills `body` and `secrets_sent`."""
        self.current = current
        self._check_property_names()
        return self._build()

    def _check_property_names(self):
        known = [p["propertyName"] for p in self.current.get("properties") or []]
        unknown = sorted(set(self.wanted_props) - set(known))
        if unknown:
            raise InputError("properties: the target has no propert%s named %s; its properties are: %s."
                             % ("ies" if len(unknown) > 1 else "y", ", ".join(unknown), ", ".join(known) or "none"))

    def _build(self):
        cur = self.current
        active = self.params["active"]
        active_changed = active is not None and active != cur.get("isActive")
        have_endpoints = endpoints_of(cur)
        ep_changed = endpoints_changed(self.wanted_endpoints, have_endpoints, self.mode)
        items, props_changed = self._property_items()
        self.changed = active_changed or ep_changed or props_changed
        if self.mode == "replace":
            self.body = {
                "isActive": cur.get("isActive") if active is None else active,
                "endPoints": endpoints_body(have_endpoints if self.wanted_endpoints is None else self.wanted_endpoints),
                "properties": items,
            }
        else:
            if active_changed:
                self.body["isActive"] = active
            if ep_changed:
                self.body["endPoints"] = endpoints_body(self.wanted_endpoints)
            if items:
                self.body["properties"] = items
        return self.changed

    def _property_items(self):
        """(items to send, whether any property changes)."""
        by_name = dict((p["propertyName"], p) for p in self.current.get("properties") or [])
        items, changed = [], False
        for name, want in sorted(self.wanted_props.items()):
            differs, item, secret_sent = property_change(name, want, by_name[name], self.params["update_secrets"])
            if secret_sent:
                self.secrets_sent.add(name)
            changed = changed or differs
            if differs or self.mode == "replace":
                items.append(item)
        if self.mode != "replace":
            return items, changed
        given = self.params["properties"] is not None or self.params["secret_properties"] is not None
        for name, prop in sorted(by_name.items()):
            if name in self.wanted_props or not has_value(prop):
                continue
            if given:
                changed = True  # not listed in a PUT: the API clears it
            else:
                items.append(keep_item(prop))
        return items, changed

    def predict(self):
        """The target as the API will hold it after the write."""
        record = copy.deepcopy(self.current)
        body = self.body
        if body.get("isActive") is not None:
            record["isActive"] = body["isActive"]
        if "endPoints" in body:
            endpoints = endpoints_of(body) if self.mode == "replace" else endpoints_of(record)
            if self.mode != "replace":
                for eid, ids in endpoints_of(body).items():
                    endpoints.setdefault(eid, set()).update(ids)
            record["endPoints"] = endpoints_body(endpoints)
        sent = dict((item["propertyName"], item) for item in body.get("properties") or [])
        for prop in record.get("properties") or []:
            item = sent.get(prop["propertyName"])
            if item is None:
                if self.mode == "replace":
                    prop.update(propertyValue=None, credentialId=None)
                continue
            prop["isExpression"] = item["isExpression"]
            if item["credentialId"] is not None:
                prop.update(propertyValue=MASK, credentialId=item["credentialId"])
            elif prop["propertyName"] in self.secrets_sent:
                # The server keeps the property's credential (or makes one) and masks the value.
                prop["propertyValue"] = MASK
            else:
                prop.update(propertyValue=item["propertyValue"], credentialId=None)
        return record


def find_target(api, environment, instance):
    """(environment id, instance id, labels): codes, names or ids resolved (in that order, see
    flexdeploy.FlexDeployApi.resolve), which also explains a target that cannot exist: unknown
    environment or instance, or an instance that does not belong to the environment."""
    env = api.resolve("environment", ENVIRONMENT, environment)
    inst = api.resolve("instance", INSTANCE, instance)
    env_id, inst_id = env[ENVIRONMENT.id_key], inst[INSTANCE.id_key]
    labels = (env.get(ENVIRONMENT.code_key), inst.get(INSTANCE.code_key))
    if inst_id not in (env.get("instances") or []):
        raise InputError("instance: %s (id %s) is not an instance of environment %s (id %s); add it to the "
                         "environment's instances first." % (labels[1], inst_id, labels[0], env_id))
    return env_id, inst_id, labels


def run(module, api):
    params = module.params
    tidy_identifiers(params, "environment", "instance")
    # Options are checked before any request; secrets join the redactor before any can be sent.
    plan = Plan(params)
    for secret in plan.secret_values():
        api.client.redactor.add(secret)

    env_id, inst_id, labels = find_target(api, params["environment"], params["instance"])
    with hold(module, api, "target", "%s/%s" % (env_id, inst_id)):
        current = api.get_target(env_id, inst_id)
        # A plain value given in `properties` for a property the target keeps encrypted (a documented
        # misuse) is a secret from the moment that is known: masked in check mode and in `invocation` too.
        for value in given_for_encrypted(params["properties"], current):
            api.client.redactor.add(value)
        if not plan.compare(current):
            return False, current, make_diff(view(current, labels), view(current, labels))
        predicted = plan.predict()
        if module.check_mode:
            return True, predicted, make_diff(view(current, labels), view(predicted, labels, plan.secrets_sent))
        rounds = []

        def pending(record):
            # After the first write a secret is set; a redo sends it again only when it is gone.
            again = plan if not rounds else Plan(dict(params, update_secrets="on_create"))
            rounds.append(again)
            return again if again.compare(record) else None

        def write(_record, again):
            record = api.write_target(params["mode"], env_id, inst_id, again.body)
            if params["mode"] == "replace":
                record = keep_credentials(module, api, (env_id, inst_id), again.body, record)
            for value in encrypted_plain_values(again.body, record):
                api.client.redactor.add(value)

        _wrote, record = write_verified(api, "target %s/%s" % labels, current, pending, write,
                                        lambda: api.get_target(env_id, inst_id))
    return True, record, make_diff(view(current, labels), view(record, labels, plan.secrets_sent))


def credentials_lost(body, record):
    """Items sent with a credentialId whose property the server's answer does not show with it."""
    have = dict((p["propertyName"], p.get("credentialId")) for p in record.get("properties") or [])
    return [item for item in body.get("properties") or []
            if item.get("credentialId") is not None and have.get(item["propertyName"]) != item["credentialId"]]


def keep_credentials(module, api, ids, body, record):
    """After a PUT: put back the credentials of encrypted properties a server cleared.

    A PUT keeps an encrypted property by sending its credentialId with no value, which no document
    shows (a guess); the PATCH example does show a credentialId sent with an empty value.
    """
    lost = credentials_lost(body, record)
    if not lost:
        return record
    names = ", ".join(sorted(item["propertyName"] for item in lost))
    module.warn("The server cleared the encrypted propert%s %s on PUT, although the PUT named %s credential "
                "(keeping a credential that way rests on a guess); %s pointed at %s credential again with PATCH."
                % ("ies" if len(lost) > 1 else "y", names, "their" if len(lost) > 1 else "its",
                   "they are" if len(lost) > 1 else "it is", "their" if len(lost) > 1 else "its"))
    restore = {"properties": [dict(item, propertyValue="") for item in lost]}
    record = api.write_target("merge", ids[0], ids[1], restore)
    if credentials_lost(restore, record):
        raise UnexpectedResponseError(
            "The server cleared the encrypted properties %s on PUT and did not take their credentials back with "
            "PATCH; they have no value now. Set them again with secret_properties, or with properties and "
            "credential_id." % names)
    return record


def given_for_encrypted(properties, record):
    """Plain values the `properties` option gives to properties the target keeps encrypted."""
    masked = set(p["propertyName"] for p in record.get("properties") or [] if is_masked(p))
    values = []
    for name, value in (properties or {}).items():
        value = value.get("value") if isinstance(value, dict) else value
        if name in masked and value not in (None, ""):
            values.append(str(value))
    return values


def encrypted_plain_values(body, record):
    """Values sent through `properties` that the server stored encrypted: secrets from now on."""
    masked = set(p["propertyName"] for p in record.get("properties") or [] if is_masked(p))
    return [item["propertyValue"] for item in body.get("properties") or []
            if item["propertyName"] in masked and item["propertyValue"] not in (None, "")]


DEFINITION = ModuleDefinition("flexdeploy", ARGUMENT_SPEC, build_api, run, "target")


def main():
    DEFINITION.main()


if __name__ == "__main__":
    main()
