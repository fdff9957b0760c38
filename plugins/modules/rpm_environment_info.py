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
  - envops maintainers (@envops)
extends_documentation_fragment:
  - envops.environments.rpm
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
  module_args:
    description:
      - Whether to add C(module_args) to each environment.
      - C(false) leaves it out, and with it the lists of servers, server groups and environment types
        that naming them takes (up to three requests).
    type: bool
    default: true
notes:
  - RPM answers a search with no match with HTTP 404 and a body of one space; this module returns an
    empty list for it. Any other 404 (no body, or a page from a proxy or a wrong I(api_url)) fails the
    task, naming the URL with the token masked.
  - The answer is checked against the filters sent (I(name) with its C(%) wildcards, without case; the
    active flag), so a server or proxy that ignores them never makes C(name=production) return other
    environments.
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
      module_args:
        name: production
        active: true
        default: false
        deployment_policy: opened
        environment_type: Production
        servers: [Test Server 1]
        server_groups: [Test Server Group 1]
  contains:
    module_args:
      description:
        - The options of M(envops.environments.rpm_environment) that describe this environment as it
          is; passed back unchanged (with the connection options) they report no change and send no write.
        - Servers, server groups, the default server group and the environment type are given by name;
          by numeric id (as text) instead when the name does not pick exactly that record (a name
          shared with another record, a name made of digits, or an inactive record, which the
          look-up does not see).
        - Options whose value is null on the server are left out. No connection option is included.
        - The C(envops.environments.export) role writes these into files, with a playbook
          that applies them.
      returned: when I(module_args=true)
      type: dict
"""

from ansible_collections.envops.environments.plugins.module_utils.inputs import at_least, tidy_identifiers
from ansible_collections.envops.environments.plugins.module_utils.rpm import build_api
from ansible_collections.envops.environments.plugins.module_utils.rpm_views import environment_module_args, references
from ansible_collections.envops.environments.plugins.module_utils.runner import ModuleDefinition

ARGUMENT_SPEC = dict(
    id=dict(type="int"),
    name=dict(type="str"),
    environment_type=dict(type="str"),
    active=dict(type="bool"),
    module_args=dict(type="bool", default=True),
)


def type_matches(record, type_id):
    return (record.get("environment_type") or {}).get("id") == type_id


def run(module, api):
    params = module.params
    tidy_identifiers(params, "name", "environment_type")
    at_least(params, "id", 1, "a positive id")
    type_id = None
    if params["environment_type"] is not None:
        type_id = api.resolve_id("environment_type", "environment_type", params["environment_type"])
    records = api.select("environments", params["id"], params["name"], params["active"])
    if type_id is not None:
        records = [r for r in records if type_matches(r, type_id)]
    if not params["module_args"]:
        return False, records, None
    refs = references(api)
    return False, [dict(r, module_args=environment_module_args(r, refs)) for r in records], None


DEFINITION = ModuleDefinition("rpm", ARGUMENT_SPEC, build_api, run, "environments",
                              mutually_exclusive=[("id", "name")])


def main():
    DEFINITION.main()


if __name__ == "__main__":
    main()
