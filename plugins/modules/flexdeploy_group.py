#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: flexdeploy_group
short_description: Manage FlexDeploy security groups and their permissions
version_added: 0.1.0
description:
  - Creates, updates and deactivates FlexDeploy groups through the REST v1
    C(administration/security/group) API, with their deployment permissions (environments) and
    global permissions (object type and action pairs).
  - The group name is the identity. The API's C(groupName) filter matches any group whose name
    contains the text, ignoring case; the module picks the group whose name is I(name) from that
    answer, without case as FlexDeploy compares them.
  - Every object type and action in I(global_permissions) is checked against the table of the
    FlexDeploy group API before any request is sent.
  - The group is read first; a write is sent only when something given differs. Permissions and
    environments are compared as sets, so their order never causes a change.
  - The FlexDeploy documents show no delete of groups; I(state=absent) deactivates the group.
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
    description: Shows the group before and after, permissions grouped by object type.
options:
  name:
    description:
      - Group name (C(groupName)), the identity of the group. It is matched without case, as
        FlexDeploy's own filter does, so C(admins) finds the group C(Admins) (and renames it to this
        spelling) rather than creating a second one. A group whose name matches exactly is preferred.
      - When several groups match (exactly, or only when case is ignored) the task fails without writing.
    type: str
    required: true
  description:
    description:
      - Description of the group.
    type: str
  active:
    description:
      - Whether the group is active. C(true) re-activates a group deactivated by I(state=absent).
    type: bool
  administrator:
    description:
      - Whether members are FlexDeploy administrators (C(isFlexDeployAdministrator)).
    type: bool
  deployment_environments:
    description:
      - Environments the group may deploy to, each an environment code, name or numeric id.
      - A value is looked up as a code first, then as a name, then as a numeric id, so a code made of
        digits (C(11001)) is that code; digits that are the code (or name) of one environment and the id of
        another are refused, and the task fails, naming both.
      - With I(mode=merge) these are added to the group's environments; with I(mode=replace) they
        are the exact set.
    type: list
    elements: str
  all_environments:
    description:
      - Whether the group may deploy to every environment (C(allEnvironments)).
    type: bool
  global_permissions:
    description:
      - 'Global permissions, a dictionary from object type to the list of actions, for example
        C({APPROVAL: [READ, UPDATE], NOTIFICATION: [READ]}). Case is ignored.'
      - Allowed pairs follow the FlexDeploy table, for example C(PROJECTPAGE) allows only C(VIEW),
        C(REPORT) only C(READ), C(PLUGIN) C(READ) and C(UPLOAD); a pair outside the table fails
        before any request, naming the actions allowed for that object type.
      - With I(mode=merge) these are added to the group's permissions; with I(mode=replace) they
        are the exact set (C({}) removes all).
    type: dict
  state:
    description:
      - C(present) creates or updates the group.
      - C(absent) deactivates it; a group that is missing or already inactive is unchanged.
    type: str
    choices: [present, absent]
    default: present
  mode:
    description:
      - C(merge) sends a C(PATCH) of what differs; permissions and environments given are added.
      - C(replace) sends a C(PUT) of the whole group; permissions and environments given are the
        exact sets. Options not given keep their current values.
    type: str
    choices: [merge, replace]
    default: merge
notes:
  - FlexDeploy does not stop two groups having one name. When another writer creates the group at
    the same moment as this task (another controller; the tasks of one controller take turns), every
    writer keeps the group with the lowest id (FlexDeploy numbers groups in order) and converges it;
    this task's own twin, if it is not that one, is renamed C(<name> (duplicate <id> of <kept id>)),
    deactivated and stripped of its permissions (the API has no delete of groups), with a warning.
    If that is refused, the task fails naming both groups.
  - With I(mode=merge) the environments and permissions given are added to what the group holds when
    it is written; a group PATCH replaces the whole lists, so an addition of another writer in between
    is kept by the lock and the verified write (see the notes above), and the task never reports an
    addition the server does not hold.
seealso:
  - module: envops.environments.flexdeploy_environment
"""

EXAMPLES = r"""
- name: Auditors may read, nothing else
  envops.environments.flexdeploy_group:
    api_url: http://flexdeploy.example.com:8000/flexdeploy
    username: fdadmin
    password: "{{ flexdeploy_token }}"
    name: Auditors
    description: Read-only access for audits
    administrator: false
    all_environments: false
    mode: replace
    global_permissions:
      REPORT: [READ]
      APPROVAL: [READ]
      ENVIRONMENT: [READ]

- name: Release managers deploy to QA and production
  envops.environments.flexdeploy_group:
    name: Release Managers
    deployment_environments: [QA, PROD]
    global_permissions:
      RELEASE: [READ, UPDATE, CREATESNAPSHOT, MANAGELIFECYCLE]
      APPROVAL: [READ, UPDATE]

- name: Deactivate a group (the API has no delete)
  envops.environments.flexdeploy_group:
    name: Contractors
    state: absent
"""

RETURN = r"""
group:
  description:
    - The group as the server holds it after the task (in check mode, as it would be).
    - Absent when the group does not exist.
  returned: always
  type: dict
  sample:
    groupId: 11000
    groupName: Auditors
    description: Read-only access for audits
    isActive: true
    isFlexDeployAdministrator: false
    deploymentPermissions: {environments: [], allEnvironments: false}
    globalPermissions: [{objectType: REPORT, actionType: READ}]
diff:
  description: The group before and after; permissions as object type to sorted actions.
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
from ansible_collections.envops.environments.plugins.module_utils.errors import ConcurrentWriteError, EnvopsError
from ansible_collections.envops.environments.plugins.module_utils.fleet import (
    NOT_PLANNED,
    hold,
    lowest_id,
    race_twins,
    write_verified,
)
from ansible_collections.envops.environments.plugins.module_utils.flexdeploy import (
    ENVIRONMENT,
    build_api,
    deployment_of,
    pairs_of,
    permission_pairs,
    permissions_body,
)
from ansible_collections.envops.environments.plugins.module_utils.flexdeploy_views import group_view as view
from ansible_collections.envops.environments.plugins.module_utils.inputs import tidy_identifiers
from ansible_collections.envops.environments.plugins.module_utils.resolve import renamed
from ansible_collections.envops.environments.plugins.module_utils.runner import ModuleDefinition

ARGUMENT_SPEC = dict(
    name=dict(type="str", required=True),
    description=dict(type="str"),
    active=dict(type="bool"),
    administrator=dict(type="bool"),
    deployment_environments=dict(type="list", elements="str"),
    all_environments=dict(type="bool"),
    global_permissions=dict(type="dict"),
    state=dict(type="str", default="present", choices=["present", "absent"]),
    mode=dict(type="str", default="merge", choices=["merge", "replace"]),
)

SCALARS = (("description", "description"), ("active", "isActive"), ("administrator", "isFlexDeployAdministrator"))


def wanted_set(given, have, mode):
    """The exact set to hold: the given one (replace), or the given one added to what is there (merge)."""
    if given is None:
        return None
    return set(given) if mode == "replace" else set(given) | set(have)


def wanted_environment_ids(api, refs, have, mode):
    """Environment ids the group should hold. Every reference is resolved, digits included: a code
    made of digits is a code first (see flexdeploy.FlexDeployApi.resolve)."""
    if refs is None:
        return None
    return wanted_set(api.resolve_ids("deployment_environments", ENVIRONMENT, refs), set(have or []), mode)


class Plan:
    """The group as wanted, compared with the group as it is."""

    def __init__(self, params, pairs, current, environment_ids):
        self.params = params
        self.current = current or {}
        deployment = deployment_of(current)
        self.wanted_pairs_given = pairs
        self.pairs = wanted_set(pairs, pairs_of(self.current.get("globalPermissions")), params["mode"])
        self.environment_ids = environment_ids
        self.changes = {}
        if current and params["state"] == "present" and renamed(params["name"], self.current.get("groupName")):
            # Found without case: renamed to the spelling asked for (surrounding blanks alone are no reason).
            self.changes["groupName"] = params["name"]
        for option, key in SCALARS:
            if params[option] is not None and not values_equal(params[option], self.current.get(key)):
                self.changes[key] = params[option]
        deployment_changes = {}
        if self.environment_ids is not None and self.environment_ids != set(deployment.get("environments") or []):
            deployment_changes["environments"] = sorted(self.environment_ids)
        if params["all_environments"] is not None and params["all_environments"] != deployment.get("allEnvironments"):
            deployment_changes["allEnvironments"] = params["all_environments"]
        if deployment_changes:
            # Both keys are sent, so no reliance on how the server treats a null inside the object.
            self.changes["deploymentPermissions"] = {
                "environments": deployment_changes.get("environments", sorted(deployment.get("environments") or [])),
                "allEnvironments": deployment_changes.get("allEnvironments", bool(deployment.get("allEnvironments"))),
            }
        if self.pairs is not None and self.pairs != pairs_of(self.current.get("globalPermissions")):
            self.changes["globalPermissions"] = permissions_body(self.pairs)

    def full_record(self):
        """The whole group after the changes: the body of a PUT, and the prediction of any write."""
        record = copy.deepcopy(self.current)
        record.setdefault("groupName", self.params["name"])
        record.setdefault("description", None)
        record.setdefault("isActive", True)
        record.setdefault("isFlexDeployAdministrator", False)
        record.setdefault("deploymentPermissions", {"environments": [], "allEnvironments": False})
        record.setdefault("globalPermissions", [])
        record.update(copy.deepcopy(self.changes))
        return record


def body_of(record):
    return dict((k, v) for k, v in record.items() if k != "groupId")


def run(module, api):
    params = module.params
    tidy_identifiers(params, "name", "deployment_environments[]")
    # The permission table is checked before anything is read or written.
    pairs = None
    if params["global_permissions"] is not None:
        pairs = permission_pairs("global_permissions", params["global_permissions"])
    with hold(module, api, "group", params["name"]):
        current = api.find_group(params["name"])
        if params["state"] == "absent":
            if current is None or not current.get("isActive"):
                return False, current, make_diff(view(current), view(current))
            return converge(module, api, current, dict(params, active=False, deployment_environments=None,
                                                       all_environments=None), None)
        return converge(module, api, current, params, pairs)


def plan_for(api, params, pairs, record):
    have_ids = deployment_of(record).get("environments")
    return Plan(params, pairs, record, wanted_environment_ids(api, params["deployment_environments"], have_ids,
                                                              params["mode"]))


def converge(module, api, current, params, pairs):
    """Create the group if needed, then write until a read of it holds what was asked for."""
    plan = plan_for(api, params, pairs, current)
    if current is not None and not plan.changes:
        return False, current, make_diff(view(current), view(current))
    if module.check_mode:
        predicted = plan.full_record()
        return True, predicted, make_diff(view(current), view(predicted))
    before, created = current, False
    if current is None:
        current, outcome = api.create_group(body_of(plan.full_record()))
        created = True
        if outcome == "created":
            current = settle_twins(module, api, current)
    group_id = current["groupId"]

    def pending(record):
        plan = plan_for(api, params, pairs, record)
        return plan if plan.changes else None

    def write(_record, plan):
        if params["mode"] == "replace":
            api.write_group("replace", group_id, body_of(plan.full_record()))
        else:
            api.write_group("merge", group_id, plan.changes)

    wrote, record = write_verified(api, "group '%s'" % params["name"], current, pending, write,
                                   lambda: api.get_group(group_id),
                                   lambda plan: "%s still differ" % ", ".join(sorted(plan.changes)),
                                   plan=NOT_PLANNED if before is None else plan)
    return created or wrote, record, make_diff(view(before), view(record))


def settle_twins(module, api, own):
    """The group to converge after creating `own`: itself, or the older twin another writer created
    at the same moment (FlexDeploy numbers groups in order, so every writer keeps the lowest id)."""
    twins = race_twins(api.groups_named(own["groupName"]), own["groupId"], (), lambda group: True,
                       lambda group: group["groupId"])
    if not twins:
        return own
    keeper = lowest_id(twins, lambda group: group["groupId"])
    if keeper["groupId"] == own["groupId"]:
        return own
    try:
        retired = api.retire_twin(own, keeper)
    except EnvopsError as exc:
        raise ConcurrentWriteError(
            "group '%s' was created twice at the same moment, by this task (id %s) and by another writer (id %s); "
            "this task could not take its own out of the way (%s). Deactivate and rename group %s in FlexDeploy."
            % (own["groupName"], own["groupId"], keeper["groupId"], exc.message, own["groupId"]))
    module.warn("Another writer created the group '%s' (id %s) at the same moment as this task; this task's own "
                "(id %s) was renamed '%s' and deactivated (FlexDeploy has no delete of groups), and group %s is the "
                "one converged." % (own["groupName"], keeper["groupId"], own["groupId"], retired.get("groupName"),
                                    keeper["groupId"]))
    return api.get_group(keeper["groupId"])


DEFINITION = ModuleDefinition("flexdeploy", ARGUMENT_SPEC, build_api, run, "group")


def main():
    DEFINITION.main()


if __name__ == "__main__":
    main()
