#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: rpm_environment_info
short_description: Read environments of BMC Release Process Management
version_added: 0.1.0
description:
  - Reads environments from BMC Release Process Management (RPM) through its REST v1 API, one by id
    or name, or a list filtered by name pattern, environment type and active flag.
  - Never changes anything; C(changed) is always false.
  - Unlike the API's own default, active and inactive environments are both returned unless
    I(active) is given, so environments deactivated by M(envops.environments.rpm_environment) are found.
author:
  - envops.environments contributors
extends_documentation_fragment:
  - envops.environments.rpm
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
      - Numeric id of one environment. No environment with that id gives an empty list.
      - Mutually exclusive with I(name).
    type: int
  name:
    description:
      - Name of the environment. RPM matches it case-insensitively, and C(%) is a wildcard
        (for example C(qa-%)).
      - Mutually exclusive with I(id).
    type: str
  environment_type:
    description:
      - Only environments of this environment type, by name or numeric id.
    type: str
  active:
    description:
      - C(true) for active environments only, C(false) for inactive ones only.
      - Not given, both are returned.
    type: bool
notes:
  - RPM answers a search with no match with HTTP 404; this module returns an empty list for it.
seealso:
  - module: envops.environments.rpm_environment
  - name: BMC RPM REST environments
    description: The RPM REST v1 environments API.
    link: https://docs.bmc.com/docs/rpm43/rest-environments-483493069.html
"""

EXAMPLES = r"""
- name: Read one environment by name (credentials from RPM_API_URL and RPM_TOKEN)
  envops.environments.rpm_environment_info:
    name: production
  register: prod

- name: All active QA environments of the Testing type
  envops.environments.rpm_environment_info:
    api_url: https://rpm.example.com:8443/brpm
    token: "{{ rpm_token }}"
    name: "qa-%"
    environment_type: Testing
    active: true
  register: qa

- name: Show their names
  ansible.builtin.debug:
    msg: "{{ qa.environments | map(attribute='name') | list }}"
"""

RETURN = r"""
environments:
  description:
    - The environments found, in the server's order (empty when none match).
  returned: always
  type: list
  elements: dict
  sample:
    - id: 2
      name: production
      active: true
      default: false
      deployment_policy: opened
      default_server_group_id: null
      environment_type: {id: 4, name: Production, description: A default environment type.}
      servers: [{id: 1, name: Test Server 1}]
      server_groups: [{id: 1, name: Test Server Group 1}]
      apps: [{id: 2, name: App 2}]
      created_at: "2011-04-29T00:12:28-04:00"
      updated_at: "2011-04-29T00:12:28-04:00"
"""

from ansible_collections.envops.environments.plugins.module_utils.errors import NotFoundError
from ansible_collections.envops.environments.plugins.module_utils.rpm import build_api
from ansible_collections.envops.environments.plugins.module_utils.runner import run_module

ARGUMENT_SPEC = dict(
    id=dict(type="int"),
    name=dict(type="str"),
    environment_type=dict(type="str"),
    active=dict(type="bool"),
)


def search_filters(params, api):
    """Query parameters of the environments search for the options given."""
    filters = {}
    if params["name"] is not None:
        filters["filters[name]"] = params["name"]
    if params["environment_type"] is not None:
        type_id = api.resolve_id("environment_type", "environment_type", params["environment_type"])
        filters["filters[environment_type_id]"] = type_id
    # RPM returns active records only by default; both flags together give all of them.
    if params["active"] is not False:
        filters["filters[active]"] = "true"
    if params["active"] is not True:
        filters["filters[inactive]"] = "true"
    return filters


def matches(record, params):
    """Whether a record fetched by id also satisfies the other filters given."""
    if params["active"] is not None and bool(record.get("active")) != params["active"]:
        return False
    wanted_type = params["environment_type"]
    if wanted_type is not None:
        env_type = record.get("environment_type") or {}
        if str(wanted_type).lower() not in (str(env_type.get("id")), str(env_type.get("name")).lower()):
            return False
    return True


def run(module, api):
    params = module.params
    if params["id"] is not None:
        try:
            record = api.get("environments", params["id"])
        except NotFoundError:
            return False, [], None
        return False, [record] if matches(record, params) else [], None
    response = api.client.get("environments", params=search_filters(params, api), empty_statuses=(404,))
    if response.status == 404:
        return False, [], None
    body = response.json
    return False, body if isinstance(body, list) else [body], None


def main():
    run_module("rpm", ARGUMENT_SPEC, build_api, run, "environments",
               mutually_exclusive=[("id", "name")])


if __name__ == "__main__":
    main()
