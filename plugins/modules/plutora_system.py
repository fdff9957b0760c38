#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: plutora_system
short_description: Manage systems in Plutora
version_added: 0.1.0
description:
  - Creates, updates and deletes Plutora systems through the REST API (C(systems), C(systems/{id})).
  - The organization is given by name (or GUID) and resolved through C(GET organizations) only when the
    name the system record already carries differs.
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
    description: Shows the system before and after, with the organization by name.
options:
  name:
    description:
      - Name of the system, its identity. Plutora matches names without case; a system found with a
        different case is renamed to this spelling.
    type: str
    required: true
  state:
    description:
      - C(present) creates or updates the system; C(absent) deletes it (unchanged when it does not exist).
    type: str
    choices: [present, absent]
    default: present
  vendor:
    description:
      - Vendor of the system. Required to create one.
    type: str
  status:
    description:
      - Status of the system. Required to create one.
    type: str
    choices: [Active, Inactive]
  organization:
    description:
      - Organization the system belongs to, by name (for example C(ABC Group)) or GUID. Required to create one.
    type: str
  description:
    description:
      - Free-form description.
    type: str
notes:
  - Plutora refuses to delete a system that still has environments; delete them first.
  - A change is sent with C(PUT systems/{id}), whose body is the record as read by C(GET systems/{id}) with the
    values that differ changed. No Plutora document shows that call for systems in particular, but the primer's
    general rule covers it (C(PUT) is "object modification" of objects such as systems, named by GUID in
    the URL, following its steps for modifying an object), so it is not a guess. The answer's body is not
    relied on; the system is read back after the C(PUT).
  - The C(PUT) is sent from the record as read right before it, with only the fields this task changes,
    so a field another writer changed meanwhile is kept; the system is read back to verify the change.
seealso:
  - module: envops.environments.plutora_environment
  - module: envops.environments.plutora_token
"""

EXAMPLES = r"""
- name: Ensure the system of the primer exists
  envops.environments.plutora_system:
    api_url: https://usapi.plutora.com
    auth_url: https://usoauth.plutora.com/oauth/token
    client_id: "{{ plutora_client_id }}"
    client_secret: "{{ plutora_client_secret }}"
    username: "{{ plutora_username }}"
    password: "{{ plutora_password }}"
    name: My System
    vendor: Plutora
    status: Active
    organization: ABC Group

- name: Retire a system (connection settings from PLUTORA_* environment variables)
  envops.environments.plutora_system:
    name: Old System
    status: Inactive

- name: Delete it
  envops.environments.plutora_system:
    name: Old System
    state: absent
"""

RETURN = r"""
system:
  description:
    - The system as the server holds it after the task (in check mode, as it would be); empty when it does
      not exist.
  returned: always
  type: dict
  sample:
    id: 2a8ad43b-81be-4d1a-8fff-0cb85b9905dc
    name: My System
    vendor: Plutora
    status: Active
    organizationId: 9d3879c9-bb43-4243-afd8-0f1ee6273663
    organization: ABC Group
    description: null
diff:
  description: The system before and after, with the organization by name.
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
from ansible_collections.envops.environments.plugins.module_utils.fleet import hold, write_verified
from ansible_collections.envops.environments.plugins.module_utils.inputs import tidy_identifiers
from ansible_collections.envops.environments.plugins.module_utils.plutora import (
    absent,
    build_api,
    ci_set,
    is_guid,
    require_for_create,
    same_guid,
)
from ansible_collections.envops.environments.plugins.module_utils.plutora_views import system_view as view
from ansible_collections.envops.environments.plugins.module_utils.resolve import renamed, same_name
from ansible_collections.envops.environments.plugins.module_utils.runner import ModuleDefinition

ARGUMENT_SPEC = dict(
    name=dict(type="str", required=True),
    state=dict(type="str", default="present", choices=["present", "absent"]),
    vendor=dict(type="str"),
    status=dict(type="str", choices=["Active", "Inactive"]),
    organization=dict(type="str"),
    description=dict(type="str"),
)

PATH = "systems"


def plan(params, api, current):
    """{record key: new value} for what differs, resolving the organization only when needed."""
    changes = {}
    if renamed(params["name"], ci_get(current, "name")):
        changes["name"] = params["name"]
    for option, key in (("vendor", "vendor"), ("description", "description")):
        if params[option] is not None and params[option] != ci_get(current, key):
            changes[key] = params[option]
    if params["status"] is not None and not same_name(params["status"], ci_get(current, "status")):
        changes["status"] = params["status"]
    wanted = params["organization"]
    if wanted is not None:
        if is_guid(wanted):
            unchanged = same_guid(wanted, ci_get(current, "organizationId"))
        else:
            unchanged = same_name(wanted, ci_get(current, "organization"))
        if not unchanged:
            org = api.organization("organization", wanted)
            if not same_guid(org["id"], ci_get(current, "organizationId")):
                changes["organizationId"] = org["id"]
                changes["organization"] = org["name"]
    return changes


def run(module, api):
    params = module.params
    tidy_identifiers(params, "name", "organization")
    with hold(module, api, "system", params["name"]):
        found = api.find(PATH, params["name"], "system")
        current = api.get_record(PATH, ci_get(found, "id")) if found else None

        if params["state"] == "absent":
            return absent(module, api, PATH, current, view)
        return present(module, api, current)


def present(module, api, current):
    params = module.params
    created = False
    before = current
    if current is None:
        require_for_create("system", params["name"], params, ("vendor", "status", "organization"))
        org = api.organization("organization", params["organization"])
        body = {"Name": params["name"], "Vendor": params["vendor"], "Status": params["status"],
                "OrganizationId": org["id"], "Description": params["description"]}
        predicted = {"id": None, "name": params["name"], "vendor": params["vendor"], "status": params["status"],
                     "organizationId": org["id"], "organization": org["name"], "description": params["description"]}
        if module.check_mode:
            return True, predicted, make_diff({}, view(predicted))
        # Another writer may have created it meanwhile: then its record is converged like one found.
        current, created = api.create_unique(PATH, body, params["name"], "system")
    elif module.check_mode:
        changes = plan(params, api, current)
        if not changes:
            return False, current, make_diff(view(current), view(current))
        predicted = copy.deepcopy(current)
        for key, value in changes.items():
            ci_set(predicted, key, value)
        return True, predicted, make_diff(view(current), view(predicted))

    system_id = ci_get(current, "id")

    def put(_record, changes):
        # Plutora's PUT takes the whole record: the one read right now, with only this task's changes.
        body = api.get_record(PATH, system_id)
        for key, value in changes.items():
            ci_set(body, key, value)
        api.update(PATH, system_id, body)

    wrote, record = write_verified(api, "system '%s'" % params["name"], current,
                                   lambda record: plan(params, api, record) or None, put,
                                   lambda: api.get_record(PATH, system_id))
    return created or wrote, record, make_diff(view(before), view(record))


DEFINITION = ModuleDefinition("plutora", ARGUMENT_SPEC, build_api, run, "system")


def main():
    DEFINITION.main()


if __name__ == "__main__":
    main()
