#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: flexdeploy_group_info
short_description: Read FlexDeploy security groups
version_added: 0.1.0
description:
  - Reads FlexDeploy security groups through the REST v1 API, one by id, or a list selected by name
    and active flag.
  - I(name_contains) is the API's own C(groupName) filter, which matches part of the name without case;
    I(name) uses the same filter and then keeps the groups named I(name), compared as
    M(envops.environments.flexdeploy_group) finds a group (without case, surrounding blanks aside).
  - Never changes anything; C(changed) is always false.
author:
  - envops maintainers (@envops)
extends_documentation_fragment:
  - envops.environments.flexdeploy
  - envops.environments.input_rules
attributes:
  check_mode:
    support: full
    description: Reads only; runs the same in check mode.
  diff_mode:
    support: none
    description: Returns no diff.
options:
  id:
    description:
      - Numeric id of one group. No group with that id gives an empty list.
      - Cannot be combined with I(name) or I(name_contains).
    type: int
  name:
    description:
      - Only groups with this name, compared without case as FlexDeploy does. Group names need not be
        unique, so several may be returned.
    type: str
  name_contains:
    description:
      - Only groups whose name contains this text, ignoring case.
    type: str
  active:
    description:
      - C(true) for active groups only, C(false) for inactive ones only. Not given, both.
    type: bool
  module_args:
    description:
      - Whether to add C(module_args) to each group.
      - C(false) leaves it out, and with it the list of environments that naming the deployment
        environments takes, and the search for groups sharing the name of a group given by I(id).
    type: bool
    default: true
seealso:
  - module: envops.environments.flexdeploy_group
"""

EXAMPLES = r"""
- name: One group (credentials from FLEXDEPLOY_* environment variables)
  envops.environments.flexdeploy_group_info:
    name: Release Managers
  register: release_managers

- name: Its global permissions
  ansible.builtin.debug:
    msg: "{{ release_managers.groups[0].globalPermissions }}"

- name: All groups with "ops" in the name
  envops.environments.flexdeploy_group_info:
    name_contains: ops
  register: ops_groups
"""

RETURN = r"""
groups:
  description:
    - The groups found, as the server returns them (empty when none match).
  returned: always
  type: list
  elements: dict
  sample:
    - groupId: 10000
      groupName: Release Managers
      description: Can approve releases
      isActive: true
      isFlexDeployAdministrator: false
      deploymentPermissions: {environments: [11001], allEnvironments: false}
      globalPermissions: [{objectType: APPROVAL, actionType: UPDATE}]
      module_args:
        name: Release Managers
        description: Can approve releases
        active: true
        administrator: false
        all_environments: false
        deployment_environments: [QA]
        global_permissions: {APPROVAL: [UPDATE]}
        mode: replace
  contains:
    module_args:
      description:
        - The options of M(envops.environments.flexdeploy_group) that describe this group as it is;
          passed back unchanged (with the connection options) they report no change and send no write.
        - Deployment environments are given by code; by numeric id (as text) when the code does not
          pick exactly that environment. I(mode=replace), so that they and the global permissions
          are exact sets.
        - C(null) for a group whose name another group has too, surrounding blanks aside (C(Ops2) and
          C('Ops2 ') share a name; M(envops.environments.flexdeploy_group) finds a group by its name and
          refuses a shared one); a warning names such groups.
        - Options whose value is null on the server are left out. No connection option is included.
      returned: when I(module_args=true)
      type: dict
"""

from ansible_collections.envops.environments.plugins.module_utils.errors import NotFoundError
from ansible_collections.envops.environments.plugins.module_utils.flexdeploy import build_api
from ansible_collections.envops.environments.plugins.module_utils.flexdeploy_views import (
    group_module_args,
    references,
    unknown_permissions,
)
from ansible_collections.envops.environments.plugins.module_utils.inputs import at_least, tidy_identifiers
from ansible_collections.envops.environments.plugins.module_utils.module_args import addressed_by_name
from ansible_collections.envops.environments.plugins.module_utils.resolve import bare, same_name
from ansible_collections.envops.environments.plugins.module_utils.runner import ModuleDefinition

ARGUMENT_SPEC = dict(
    id=dict(type="int"),
    name=dict(type="str"),
    name_contains=dict(type="str"),
    active=dict(type="bool"),
    module_args=dict(type="bool", default=True),
)


def with_module_args(module, api, records, listed):
    """Each group plus module_args; `listed` holds every group sharing a name with one of them."""
    refs = references(api)
    result = []
    for record in records:
        name = record.get("groupName")
        if not addressed_by_name(module, record, listed, "group", "flexdeploy_group", "groupName", "groupId"):
            result.append(dict(record, module_args=None))
            continue
        unknown = unknown_permissions(record)
        if unknown:
            module.warn("group '%s': global permissions %s are not in flexdeploy_group's permission table; "
                        "applying its module_args fails until the table knows them." % (name, ", ".join(unknown)))
        result.append(dict(record, module_args=group_module_args(record, refs)))
    return result


def run(module, api):
    params = module.params
    tidy_identifiers(params, "name", "name_contains")
    at_least(params, "id", 1, "a positive id")
    if params["id"] is not None:
        try:
            records = [api.get_group(params["id"])]
        except NotFoundError:
            return False, [], None
        # Groups sharing its name: the search matches names containing the text, so it finds them all.
        listed = api.list_groups(bare(records[0].get("groupName"))) if params["module_args"] else []
    else:
        # The filter matches part of the name; an exact name is also a part of itself.
        text = params["name"] if params["name"] is not None else params["name_contains"]
        records = api.list_groups(text)
        listed = records
        if params["name"] is not None:
            # FlexDeploy compares group names without case; so does this filter (blanks aside).
            records = [r for r in records if same_name(params["name"], r.get("groupName"))]
        if params["name_contains"] is not None:
            records = [r for r in records if params["name_contains"].lower() in str(r.get("groupName")).lower()]
    if params["active"] is not None:
        records = [r for r in records if bool(r.get("isActive")) == params["active"]]
    if not params["module_args"]:
        return False, records, None
    return False, with_module_args(module, api, records, listed), None


DEFINITION = ModuleDefinition("flexdeploy", ARGUMENT_SPEC, build_api, run, "groups",
                              mutually_exclusive=[("id", "name"), ("id", "name_contains")])


def main():
    DEFINITION.main()


if __name__ == "__main__":
    main()
