#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: rpm_environment
short_description: Manage environments in BMC Release Process Management
version_added: 0.1.0
description:
  - Creates, updates and deactivates environments in BMC Release Process Management (RPM) through
    its REST v1 API, with their servers, server groups and environment type.
  - Servers, server groups, the default server group and the environment type are given by name
    (or by numeric id) and resolved through the API. Names the record already carries are compared
    without any look-up; look-ups happen only when a write needs an id.
  - Options that are not given are left as they are on the server. A list that is given is the
    exact set wanted.
  - RPM has no real delete; I(state=absent) deactivates the environment, as the API's C(DELETE) does.
author:
  - envops maintainers (@envops)
extends_documentation_fragment:
  - envops.environments.rpm
  - envops.environments.input_rules
  - envops.environments.fleet
attributes:
  check_mode:
    support: full
    description: Reads only; reports what would change and sends no write.
  diff_mode:
    support: full
    description: Shows the environment before and after, with names instead of ids.
options:
  name:
    description:
      - Name of the environment, its identity. RPM matches names case-insensitively; an environment
        found with a different case is renamed to this spelling.
      - At most 255 characters. Surrounding blanks are removed, as RPM itself does (see the notes).
    type: str
    required: true
  state:
    description:
      - C(present) creates or updates the environment.
      - C(absent) deactivates it (the API's C(DELETE)); an environment already inactive or missing is unchanged.
    type: str
    choices: [present, absent]
    default: present
  active:
    description:
      - Whether the environment is active. Set C(true) to re-activate an environment deactivated by I(state=absent).
      - RPM refuses to deactivate the default environment.
    type: bool
  default:
    description:
      - Whether this is the default environment.
    type: bool
  deployment_policy:
    description:
      - Deployment policy of the environment.
    type: str
    choices: [opened, closed]
  environment_type:
    description:
      - Environment type, by name or numeric id.
    type: str
  servers:
    description:
      - Servers of the environment, each a name or a numeric id. The exact set wanted; C([]) removes all.
    type: list
    elements: str
  server_groups:
    description:
      - Server groups of the environment, each a name or a numeric id. The exact set wanted; C([]) removes all.
    type: list
    elements: str
  default_server_group:
    description:
      - The default server group, by name or numeric id.
    type: str
  pending_servers:
    description:
      - Names of servers that earlier tasks of the same run create (with M(envops.environments.rpm_server)), so
        that in check mode, where those tasks create nothing, they do not exist yet.
      - In check mode, a name in I(servers) that no active server has and that is listed here is planned by name
        (its C(id) shows as null) instead of failing the task; any other unknown name fails as always.
      - Outside check mode this option changes nothing; every server in I(servers) must exist by then.
    type: list
    elements: str
    version_added: 0.2.0
notes:
  - RPM answers a search with no match with HTTP 404 and a body of one space. Any other 404 (no body, or a
    page from a proxy or a wrong I(api_url)) is not read as "no such environment"; the task fails naming the
    URL (token masked) and sends no create.
  - A numeric value (or a string of digits) in I(servers), I(server_groups), I(environment_type) or
    I(default_server_group) is taken as an id, anything else as a name.
  - When another run creates the same environment between this task's search and its create (many
    hosts converging one environment), the server's "name has already been taken" answer makes the
    task read that environment and converge it instead of failing. A create whose answer is lost is
    never sent again; the task looks the environment up instead.
seealso:
  - name: BMC RPM REST environments
    description: The RPM REST v1 environments API.
    link: https://docs.bmc.com/docs/rpm43/rest-environments-483493069.html
"""

EXAMPLES = r"""
- name: Ensure the QA environment exists with two servers
  envops.environments.rpm_environment:
    api_url: https://rpm.example.com:8443/brpm
    token: "{{ rpm_token }}"
    name: QA
    environment_type: Testing
    deployment_policy: opened
    servers:
      - qa-app-01
      - qa-db-01
    server_groups:
      - QA Web
    default_server_group: QA Web

- name: Connection options from module_defaults (or RPM_API_URL / RPM_TOKEN)
  module_defaults:
    group/envops.environments.rpm:
      api_url: https://rpm.example.com:8443/brpm
      token: "{{ rpm_token }}"
  block:
    - name: Close deployments to production
      envops.environments.rpm_environment:
        name: production
        deployment_policy: closed

    - name: Deactivate an old environment
      envops.environments.rpm_environment:
        name: legacy-uat
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
    id: 12
    name: QA
    active: true
    default: false
    deployment_policy: opened
    default_server_group_id: 3
    environment_type: {id: 2, name: Testing, description: null}
    servers: [{id: 7, name: qa-app-01}]
    server_groups: [{id: 3, name: QA Web}]
diff:
  description: The environment before and after, with related records by name.
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

from ansible_collections.envops.environments.plugins.module_utils.compare import make_diff
from ansible_collections.envops.environments.plugins.module_utils.errors import InputError
from ansible_collections.envops.environments.plugins.module_utils.fleet import hold
from ansible_collections.envops.environments.plugins.module_utils.inputs import tidy_identifiers
from ansible_collections.envops.environments.plugins.module_utils.resolve import bare, is_id, renamed
from ansible_collections.envops.environments.plugins.module_utils.rpm import (
    build_api,
    deactivate,
    write_verified_record,
)
from ansible_collections.envops.environments.plugins.module_utils.rpm_views import environment_view as view
from ansible_collections.envops.environments.plugins.module_utils.runner import ModuleDefinition

ARGUMENT_SPEC = dict(
    name=dict(type="str", required=True),
    state=dict(type="str", default="present", choices=["present", "absent"]),
    active=dict(type="bool"),
    default=dict(type="bool"),
    deployment_policy=dict(type="str", choices=["opened", "closed"]),
    environment_type=dict(type="str"),
    servers=dict(type="list", elements="str"),
    server_groups=dict(type="list", elements="str"),
    default_server_group=dict(type="str"),
    pending_servers=dict(type="list", elements="str"),
)

SCALARS = ("active", "default", "deployment_policy")
NAME_MAX = 255


def refers_to(item, wanted):
    """Whether a nested {id, name} record is the one the user named (by id or by name)."""
    if item is None:
        return False
    if is_id(wanted):
        return item.get("id") == int(wanted)
    return not renamed(wanted, item.get("name"))


def same_members(wanted, items):
    """Cheap check without look-ups: do the wanted names/ids name exactly these records?"""
    remaining = list(items or [])
    for value in dict.fromkeys(wanted):
        hit = next((item for item in remaining if refers_to(item, value)), None)
        if hit is None:
            return False
        remaining.remove(hit)
    return not remaining


class Planner:
    """Works out the fields to send, resolving names only where the record does not settle it."""

    def __init__(self, params, api, current, pending=()):
        self.params = params
        self.api = api
        self.current = current or {}
        # Check mode: names of servers an earlier task of the run creates (see pending_names()).
        self.pending = set(bare(name).casefold() for name in pending)
        self.fields = {}
        self.nested = {}

    def plan(self):
        p, cur = self.params, self.current
        if renamed(p["name"], cur.get("name")):
            self.fields["name"] = p["name"]
        for key in SCALARS:
            if p[key] is not None and p[key] != cur.get(key):
                self.fields[key] = p[key]
        if p["environment_type"] is not None and not refers_to(cur.get("environment_type"), p["environment_type"]):
            type_id = self.api.resolve_id("environment_type", "environment_type", p["environment_type"])
            if type_id != (cur.get("environment_type") or {}).get("id"):
                self.fields["environment_type_id"] = type_id
                self.nested["environment_type"] = self._record("environment_type", type_id)
        for option, key in (("servers", "server_ids"), ("server_groups", "server_group_ids")):
            self._plan_members(option, key)
        self._plan_default_group()
        return self.fields

    def _plan_members(self, option, key):
        wanted = self.params[option]
        if wanted is None or same_members(wanted, self.current.get(option)):
            return
        resolved = dict((value, self._member_id(option, value)) for value in dict.fromkeys(wanted))
        ids = sorted(set(i for i in resolved.values() if i is not None))
        planned = [{"id": None, "name": value} for value, i in resolved.items() if i is None]
        if planned or ids != sorted(item["id"] for item in self.current.get(option) or []):
            self.fields[key] = ids
            self.nested[option] = [self._record(option, i) for i in ids] + planned

    def _member_id(self, option, value):
        """The id of a member; None for a pending server that does not exist yet (check mode only)."""
        if option == "servers" and not is_id(value) and bare(value).casefold() in self.pending:
            return self.api.find_id(option, option, value)
        return self.api.resolve_id(option, option, value)

    def _plan_default_group(self):
        wanted = self.params["default_server_group"]
        if wanted is None:
            return
        have_id = self.current.get("default_server_group_id")
        known = self.nested.get("server_groups", self.current.get("server_groups") or [])
        have = next((g for g in known if g.get("id") == have_id), {"id": have_id})
        if refers_to(have, wanted):
            return
        group_id = self.api.resolve_id("default_server_group", "server_groups", wanted)
        if group_id != have_id:
            self.fields["default_server_group_id"] = group_id

    def _record(self, related, record_id):
        """{id, name} of a resolved record, from the current record or the resolver's cache."""
        current = self.current.get(related)
        for item in current if isinstance(current, list) else [current or {}]:
            if item.get("id") == record_id:
                return {"id": item["id"], "name": item.get("name")}
        return self.api.known(related, record_id) or {"id": record_id, "name": None}


def predict(current, fields, nested):
    """The record as it will be after a write (used for check mode)."""
    record = copy.deepcopy(current) if current else {}
    for key, value in fields.items():
        if key not in ("server_ids", "server_group_ids", "environment_type_id"):
            record[key] = value
    record.update(copy.deepcopy(nested))
    return record


def check_input(params):
    """Mistakes that need no server to spot, refused before any request."""
    # RPM trims names itself and allows at most 255 characters: the name searched and sent is the trimmed one.
    tidy_identifiers(params, "name", "environment_type", "servers[]", "server_groups[]", "default_server_group",
                     "pending_servers[]", name=NAME_MAX)
    if params["state"] == "absent" and params["active"]:
        raise InputError("active=true contradicts state=absent (which deactivates the environment); "
                         "give one of them.")
    if params["default"] and params["active"] is False:
        raise InputError("default=true with active=false: RPM cannot deactivate the default environment.")


def pending_names(module):
    """Servers an earlier task of this run creates: only check mode plans them by name (they do not exist yet)."""
    return (module.params["pending_servers"] or []) if module.check_mode else []


def run(module, api):
    params = module.params
    check_input(params)
    label = "environment '%s'" % params["name"]
    with hold(module, api, "environment", params["name"]):
        current = api.find_environment(params["name"])

        if params["state"] == "absent":
            return deactivate(module, api, "environments", label, current, view, api.deactivate_environment)

        planner = Planner(params, api, current, pending_names(module))
        fields = planner.plan()
        if current is not None and not fields:
            return False, current, make_diff(view(current), view(current))

        predicted = predict(current, fields, planner.nested)
        if module.check_mode:
            return True, predicted, make_diff(view(current), view(predicted))
        changed, record = write_verified_record(api, "environments", label, current, fields,
                                                lambda record: Planner(params, api, record).plan() or None,
                                                api.create_environment, api.update_environment)
        return changed, record, make_diff(view(current), view(record))


DEFINITION = ModuleDefinition("rpm", ARGUMENT_SPEC, build_api, run, "environment")


def main():
    DEFINITION.main()


if __name__ == "__main__":
    main()
