#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: flexdeploy_environment
short_description: Manage FlexDeploy environments
version_added: 0.1.0
description:
  - Creates, updates and deactivates FlexDeploy environments through the REST v1
    C(topology/environment) API, including the set of instances assigned to them.
  - The environment code is the identity. The environment is read first; a write is sent only when
    something given differs, and options that are not given are left as they are.
  - The FlexDeploy documents show no delete of environments; I(state=absent) deactivates the environment.
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
    description: Shows the environment before and after.
options:
  code:
    description:
      - Environment code (C(environmentCode)), the identity of the environment. A code found with
        another case is the same environment and is renamed to this spelling.
    type: str
    required: true
  name:
    description:
      - Environment name (C(environmentName)). Required to create an environment.
    type: str
  description:
    description:
      - Description of the environment.
    type: str
  active:
    description:
      - Whether the environment is active. C(true) re-activates an environment deactivated by I(state=absent).
    type: bool
  sort_number:
    description:
      - Sort number (C(sortNumber)) that orders environments in FlexDeploy; 0 or more. A negative number
        fails before any request.
    type: int
  build_environment:
    description:
      - Whether builds may run in this environment (C(isBuildEnvironment)).
    type: bool
  instances:
    description:
      - Instances assigned to the environment, each an instance code, name or numeric id. This is the
        exact set; C([]) removes every instance. Removing an instance removes its target.
      - A value is looked up as a code first, then as a name, then as a numeric id, so a code made of
        digits (C(11001)) is that code; digits that are the code (or name) of one instance and the id of
        another are refused, and the task fails, naming both.
    type: list
    elements: str
  state:
    description:
      - C(present) creates or updates the environment.
      - C(absent) deactivates it; an environment that is missing or already inactive is unchanged.
    type: str
    choices: [present, absent]
    default: present
  mode:
    description:
      - C(merge) sends a C(PATCH) with only the attributes that differ.
      - C(replace) sends a C(PUT) of the whole environment (what is given, and the current values of
        what is not), for servers or proxies that only accept full updates. Both give the same result.
    type: str
    choices: [merge, replace]
    default: merge
notes:
  - FlexDeploy refuses a second environment with the same code, so a create that loses a race to
    another writer converges the environment that writer created.
seealso:
  - module: envops.environments.flexdeploy_target
"""

EXAMPLES = r"""
- name: A development environment with two instances
  envops.environments.flexdeploy_environment:
    api_url: http://flexdeploy.example.com:8000/flexdeploy
    username: fdadmin
    password: "{{ flexdeploy_token }}"
    code: DEV
    name: Development
    description: Development environment
    sort_number: 2
    build_environment: false
    instances: [SOA, OSB]

- name: Deactivate an environment (the API has no delete)
  envops.environments.flexdeploy_environment:
    code: OLDQA
    state: absent
"""

RETURN = r"""
environment:
  description:
    - The environment as the server holds it after the task (in check mode, as it would be).
    - Absent when the environment does not exist.
  returned: always
  type: dict
  sample:
    environmentId: 12347
    environmentCode: DEV
    environmentName: Development
    description: Development environment
    isActive: true
    sortNumber: 2
    isBuildEnvironment: false
    instances: [12342, 15101]
diff:
  description: The environment before and after, with instance ids sorted.
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

from ansible_collections.envops.environments.plugins.module_utils.compare import make_diff, values_equal
from ansible_collections.envops.environments.plugins.module_utils.errors import InputError
from ansible_collections.envops.environments.plugins.module_utils.fleet import NOT_PLANNED, hold, write_verified
from ansible_collections.envops.environments.plugins.module_utils.flexdeploy import (
    ENVIRONMENT,
    INSTANCE,
    build_api,
)
from ansible_collections.envops.environments.plugins.module_utils.flexdeploy_views import environment_view as view
from ansible_collections.envops.environments.plugins.module_utils.inputs import at_least, tidy_identifiers
from ansible_collections.envops.environments.plugins.module_utils.resolve import renamed
from ansible_collections.envops.environments.plugins.module_utils.runner import ModuleDefinition

ARGUMENT_SPEC = dict(
    code=dict(type="str", required=True),
    name=dict(type="str"),
    description=dict(type="str"),
    active=dict(type="bool"),
    sort_number=dict(type="int"),
    build_environment=dict(type="bool"),
    instances=dict(type="list", elements="str"),
    state=dict(type="str", default="present", choices=["present", "absent"]),
    mode=dict(type="str", default="merge", choices=["merge", "replace"]),
)

# Option -> API attribute, for the plain attributes.
# (The name is compared apart: surrounding blanks are not significant in it.)
FIELDS = (
    ("description", "description"),
    ("active", "isActive"),
    ("sort_number", "sortNumber"),
    ("build_environment", "isBuildEnvironment"),
)
RECORD_KEYS = ("environmentCode", "environmentName", "description", "isActive", "sortNumber",
               "isBuildEnvironment", "instances")
CREATE_DEFAULTS = {"description": None, "isActive": True, "sortNumber": None, "isBuildEnvironment": False,
                   "instances": []}


def instance_changes(api, wanted, have):
    """The instance ids to set, or None when the exact set is already there.

    Every reference is resolved (which also proves every instance exists before a write), digits
    included: a code made of digits is a code first (see flexdeploy.FlexDeployApi.resolve).
    """
    if wanted is None:
        return None
    ids = api.resolve_ids("instances", INSTANCE, wanted)
    if set(ids) == set(have or []):
        return None
    return sorted(set(ids))


def changed_attributes(params, current, instance_ids):
    """{API attribute: wanted value} for every given option that differs from the environment."""
    current = current or {}
    changes = {}
    if current and renamed(params["code"], current.get("environmentCode")):
        changes["environmentCode"] = params["code"]
    if params["name"] is not None and renamed(params["name"], current.get("environmentName")):
        changes["environmentName"] = params["name"]
    for option, key in FIELDS:
        if params[option] is not None and not values_equal(params[option], current.get(key)):
            changes[key] = params[option]
    if instance_ids is not None:
        changes["instances"] = instance_ids
    return changes


def full_record(current, changes):
    """The whole environment after `changes`: the body of a PUT and the prediction of any write."""
    record = dict(CREATE_DEFAULTS)
    record.update((k, copy.deepcopy(current[k])) for k in RECORD_KEYS if current and k in current)
    record.update(copy.deepcopy(changes))
    if current and "environmentId" in current:
        record["environmentId"] = current["environmentId"]
    return record


def run(module, api):
    params = module.params
    tidy_identifiers(params, "code", "name", "instances[]")
    at_least(params, "sort_number", 0, "a sort number")
    with hold(module, api, "environment", params["code"]):
        current = api.find_by_code(ENVIRONMENT, params["code"])
        if params["state"] == "absent":
            if current is None or not current.get("isActive"):
                return False, current, make_diff(view(current), view(current))
            return converge(module, api, current, lambda record: {"isActive": False} if record.get("isActive") else {})
        if current is None and not params["name"]:
            raise InputError("name: required to create environment %s, which does not exist." % params["code"])
        return converge(module, api, current, lambda record: changed_attributes(
            params, record, instance_changes(api, params["instances"], (record or {}).get("instances"))))


def converge(module, api, current, changes_of):
    """Create the environment if needed, then write until a read of it holds what was asked for.

    changes_of(record): {attribute: wanted value} of what differs (nothing when it is as asked).
    """
    params = module.params
    changes = changes_of(current)
    if current is not None and not changes:
        return False, current, make_diff(view(current), view(current))
    if current is None:
        changes["environmentCode"] = params["code"]
    predicted = full_record(current, changes)
    if module.check_mode:
        return True, predicted, make_diff(view(current), view(predicted))
    before, created = current, False
    if current is None:
        current, outcome = api.create_environment(dict((k, predicted[k]) for k in RECORD_KEYS))
        # "taken": another run created it meanwhile; what this task changes in it is verified below.
        created = outcome != "taken"
    env_id = current["environmentId"]

    def write(record, changes):
        if params["mode"] == "replace":
            full = full_record(record, changes)
            api.write_environment("replace", env_id, dict((k, full[k]) for k in RECORD_KEYS))
        else:
            api.write_environment("merge", env_id, changes)

    wrote, record = write_verified(api, "environment %s" % params["code"], current,
                                   lambda record: changes_of(record) or None, write,
                                   lambda: api.get_by_id(ENVIRONMENT, env_id),
                                   plan=NOT_PLANNED if before is None else changes)
    return created or wrote, record, make_diff(view(before), view(record))


DEFINITION = ModuleDefinition("flexdeploy", ARGUMENT_SPEC, build_api, run, "environment")


def main():
    DEFINITION.main()


if __name__ == "__main__":
    main()
