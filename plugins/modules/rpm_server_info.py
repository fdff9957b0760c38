#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: rpm_server_info
short_description: Read servers of BMC Release Process Management
version_added: 0.2.0
description:
  - Reads servers from BMC Release Process Management (RPM) through its REST v1 API (C(/v1/servers)),
    one by id or name, or a list filtered by name pattern and active flag.
  - Never changes anything; C(changed) is always false.
  - Unlike the API's own default, active and inactive servers are both returned unless I(active) is
    given, so servers deactivated by M(envops.environments.rpm_server) are found.
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
      - Numeric id of one server. No server with that id gives an empty list.
      - Mutually exclusive with I(name).
    type: int
  name:
    description:
      - Name of the server. RPM matches it case-insensitively, and C(%) is a wildcard (for example C(qa2-%)).
      - Mutually exclusive with I(id).
    type: str
  active:
    description:
      - C(true) for active servers only, C(false) for inactive ones only.
      - Not given, both are returned.
    type: bool
  module_args:
    description:
      - Whether to add C(module_args) to each server. It takes no request of its own.
    type: bool
    default: true
notes:
  - RPM answers a search with no match with HTTP 404 and a body of one space; this module returns an
    empty list for it. Any other 404 (no body, or a page from a proxy or a wrong I(api_url)) fails the
    task, naming the URL with the token masked.
seealso:
  - module: envops.environments.rpm_server
  - name: BMC RPM REST servers
    description: The RPM REST v1 servers API.
    link: https://docs.bmc.com/docs/rpm43/rest-servers-483493085.html
"""

EXAMPLES = r"""
- name: Every active server of the QA2 machines (credentials from RPM_API_URL and RPM_TOKEN)
  envops.environments.rpm_server_info:
    name: "qa2-%"
    active: true
  register: qa2

- name: Show their names and addresses
  ansible.builtin.debug:
    msg: "{{ qa2.servers | items2dict(key_name='name', value_name='ip_address') }}"
"""

RETURN = r"""
servers:
  description:
    - The servers found, in the server's order (empty when none match).
  returned: always
  type: list
  elements: dict
  sample:
    - id: 4
      name: qa-app-01
      dns: qa-app-01.example.local
      ip_address: 10.0.1.21
      os_platform: Linux
      active: true
      module_args:
        name: qa-app-01
        dns: qa-app-01.example.local
        ip_address: 10.0.1.21
        os_platform: Linux
        active: true
  contains:
    module_args:
      description:
        - The options of M(envops.environments.rpm_server) that describe this server as it is; passed back
          unchanged (with the connection options) they report no change and send no write.
        - Options whose value is null on the server are left out. No connection option is included.
        - The C(envops.environments.export) role writes these into files, with a playbook that applies them.
      returned: when I(module_args=true)
      type: dict
"""

from ansible_collections.envops.environments.plugins.module_utils.inputs import at_least, tidy_identifiers
from ansible_collections.envops.environments.plugins.module_utils.rpm import build_api
from ansible_collections.envops.environments.plugins.module_utils.rpm_views import server_module_args
from ansible_collections.envops.environments.plugins.module_utils.runner import ModuleDefinition

ARGUMENT_SPEC = dict(
    id=dict(type="int"),
    name=dict(type="str"),
    active=dict(type="bool"),
    module_args=dict(type="bool", default=True),
)


def run(module, api):
    params = module.params
    tidy_identifiers(params, "name")
    at_least(params, "id", 1, "a positive id")
    records = api.select("servers", params["id"], params["name"], params["active"])
    if params["module_args"]:
        records = [dict(r, module_args=server_module_args(r)) for r in records]
    return False, records, None


DEFINITION = ModuleDefinition("rpm", ARGUMENT_SPEC, build_api, run, "servers",
                              mutually_exclusive=[("id", "name")])


def main():
    DEFINITION.main()


if __name__ == "__main__":
    main()
