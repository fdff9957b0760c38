#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: plutora_system_info
short_description: Read Plutora systems
version_added: 0.1.0
description:
  - Reads Plutora systems through the REST API, one by GUID, or a list selected with Plutora's filter on
    the name. All pages are read, not just the first.
  - By default each system found is read in full (vendor, status, organization), with its
    M(envops.environments.plutora_system) options in C(module_args); I(details=false) returns the list
    form only. A list answer that already carries the full records is used as it is, without a read per system.
  - Never changes anything; C(changed) is always false.
author:
  - envops maintainers (@envops)
extends_documentation_fragment:
  - envops.environments.plutora
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
      - GUID of one system. No system with that GUID gives an empty list.
      - Cannot be combined with I(name) or I(name_contains).
    type: str
  name:
    description:
      - Only the system with this name (Plutora compares names without case; surrounding blanks are not
        significant, so a system stored as C('Core ') is the system C(Core)). Sent as a C(Contains) filter,
        since C(Equals) would miss such a name; the answer is then matched here.
    type: str
  name_contains:
    description:
      - Only systems whose name contains this text (without case).
    type: str
  details:
    description:
      - Whether to read each system in full (one more request per system, unless the list answer
        already carries the full records), with its C(module_args).
    type: bool
    default: true
  module_args:
    description:
      - Whether to add C(module_args) to each system read in full.
      - C(false) leaves it out, and with it the list of organizations that naming each organization takes.
    type: bool
    default: true
notes:
  - Filter values cannot contain a backtick (`), which Plutora's filter syntax has no way to escape.
seealso:
  - module: envops.environments.plutora_system
"""

EXAMPLES = r"""
- name: Read one system (credentials from PLUTORA_* environment variables)
  envops.environments.plutora_system_info:
    name: Payments
  register: payments

- name: Every system, full records
  envops.environments.plutora_system_info:
    api_url: https://usapi.plutora.com
    auth_url: https://usoauth.plutora.com/oauth/token
    client_id: "{{ plutora_client_id }}"
    client_secret: "{{ plutora_client_secret }}"
    username: "{{ plutora_username }}"
    password: "{{ plutora_password }}"
  register: systems
"""

RETURN = r"""
systems:
  description:
    - The systems found (empty when none match); full records unless I(details=false).
  returned: always
  type: list
  elements: dict
  sample:
    - id: 2a8ad43b-81be-4d1a-8fff-0cb85b9905dc
      name: Payments
      vendor: Acme
      status: Active
      organizationId: 9d3879c9-bb43-4243-afd8-0f1ee6273663
      organization: ABC Group
      description: null
      module_args:
        name: Payments
        vendor: Acme
        status: Active
        organization: ABC Group
  contains:
    module_args:
      description:
        - The options of M(envops.environments.plutora_system) that describe this system as it is;
          passed back unchanged (with the connection options) they report no change and send no write.
        - The organization is given by name; by GUID when the name does not pick exactly that organization.
        - C(null) for a system whose name another system has too, surrounding blanks aside (C(Core) and
          C('Core ')); M(envops.environments.plutora_system) finds a system by its name and refuses a shared
          one; a warning names them.
        - Options whose value is null on the server are left out. No connection option is included.
      returned: when I(details=true) and I(module_args=true)
      type: dict
"""

from ansible_collections.envops.environments.plugins.module_utils.compare import ci_get
from ansible_collections.envops.environments.plugins.module_utils.inputs import tidy_identifiers
from ansible_collections.envops.environments.plugins.module_utils.plutora import build_api, filter_text
from ansible_collections.envops.environments.plugins.module_utils.module_args import addressed_by_name
from ansible_collections.envops.environments.plugins.module_utils.plutora_views import (
    references,
    same_named,
    system_module_args,
)
from ansible_collections.envops.environments.plugins.module_utils.resolve import same_name
from ansible_collections.envops.environments.plugins.module_utils.runner import ModuleDefinition

ARGUMENT_SPEC = dict(
    id=dict(type="str"),
    name=dict(type="str"),
    name_contains=dict(type="str"),
    details=dict(type="bool", default=True),
    module_args=dict(type="bool", default=True),
)

PATH = "systems"
# Keys of the full record; a list answer that carries them all needs no read per system.
FULL_KEYS = ("vendor", "status", "organizationId", "description")
# Option -> (field of the list form, filter operator). name: Contains, then matched here (Equals
# misses a name stored with surrounding blanks).
FILTERS = (("name", "name", "Contains"), ("name_contains", "name", "Contains"))


def carries(record, keys):
    lower = set(str(k).lower() for k in record)
    return all(key.lower() in lower for key in keys)


def with_module_args(module, api, systems, listed=None):
    """Each system plus module_args (null for one whose name does not pick it alone). listed: a
    list answer that holds every system sharing a name with them, when there is one."""
    if not module.params["module_args"]:
        return systems
    refs = references(api)
    candidates = same_named(api, PATH, systems) if listed is None else listed
    return [dict(system, module_args=system_module_args(system, refs)
                 if addressed_by_name(module, system, candidates, "system", "plutora_system") else None)
            for system in systems]


def run(module, api):
    params = module.params
    tidy_identifiers(params, "id", "name", "name_contains")
    if params["id"] is not None:
        # (no record: an empty list, which asks nothing more of the server)
        return False, with_module_args(module, api, api.records_by_id(PATH, params["id"])), None
    answer = api.list(PATH, filter_text(params, FILTERS))
    # The filters match parts of names: this answer holds every system sharing a name with one found.
    listed = [item for item in answer if params["name"] is None or same_name(params["name"], ci_get(item, "name"))]
    if not params["details"]:
        return False, listed, None
    if all(carries(item, FULL_KEYS) for item in listed):
        return False, with_module_args(module, api, listed, answer), None
    full = [api.get_record(PATH, ci_get(item, "id")) for item in listed]
    return False, with_module_args(module, api, full, answer), None


DEFINITION = ModuleDefinition("plutora", ARGUMENT_SPEC, build_api, run, "systems",
                              mutually_exclusive=[("id", "name"), ("id", "name_contains")])


def main():
    DEFINITION.main()


if __name__ == "__main__":
    main()
