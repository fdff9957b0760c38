#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: plutora_environment_info
short_description: Read Plutora environments with their hosts and layers
version_added: 0.1.0
description:
  - Reads Plutora environments through the REST API, one by GUID, or a list selected with Plutora's
    filter on name, system, usage and status. All pages are read, not just the first.
  - By default each environment found is read in full, with the names of its system and lookup values,
    its C(hosts[].layers[]) and its M(envops.environments.plutora_environment) options in C(module_args);
    I(details=false) returns the list form only, in one request per 100 environments.
  - I(name), I(system), I(usage) and I(status) are sent as C(Contains) filters and the answer is then
    matched here without case, surrounding blanks aside (C(Equals) would miss a name stored as C('UAT 1 ')),
    as M(envops.environments.plutora_environment) compares them.
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
      - GUID of one environment. No environment with that GUID gives an empty list.
      - Cannot be combined with the filters.
    type: str
  name:
    description:
      - Only the environment with this name (Plutora compares names without case; surrounding blanks are
        not significant).
    type: str
  name_contains:
    description:
      - Only environments whose name contains this text (without case).
    type: str
  system:
    description:
      - Only environments of the system with this name.
    type: str
  usage:
    description:
      - Only environments with this usage (a C(UsedForWorkItem) value such as C(UAT)).
    type: str
  status:
    description:
      - Only environments with this status (an C(EnvironmentStatus) value such as C(Active)).
    type: str
  details:
    description:
      - Whether to read each environment in full (one more request per environment), with its hosts and layers.
      - C(false) returns Plutora's list form C(id, name, url, linkedSystem, usageWorkItem, status, color).
    type: bool
    default: true
  module_args:
    description:
      - Whether to add C(module_args) to each environment read in full.
      - C(false) leaves it out, and with it the requests that naming related records takes (the lists
        of lookup values, and of the systems that share a name with the environments' systems).
    type: bool
    default: true
notes:
  - Filter values cannot contain a backtick (`), which Plutora's filter syntax has no way to escape.
seealso:
  - module: envops.environments.plutora_environment
  - plugin: envops.environments.plutora
    plugin_type: inventory
"""

EXAMPLES = r"""
- name: One environment with its hosts and layers (credentials from PLUTORA_* environment variables)
  envops.environments.plutora_environment_info:
    name: Payments UAT
  register: uat

- name: Component versions deployed in it
  ansible.builtin.debug:
    msg: "{{ uat.environments[0].hosts | map(attribute='layers') | flatten
             | items2dict(key_name='componentName', value_name='version') }}"

- name: Names of all active environments of a system, without reading each one
  envops.environments.plutora_environment_info:
    system: Payments
    status: Active
    details: false
  register: payments
"""

RETURN = r"""
environments:
  description:
    - The environments found (empty when none match). Full records with C(hosts[].layers[]) unless
      I(details=false).
  returned: always
  type: list
  elements: dict
  sample:
    - id: a99b8e84-bec3-4085-8df1-969ae176d119
      name: Payments UAT
      vendor: Acme
      linkedSystemId: 2a8ad43b-81be-4d1a-8fff-0cb85b9905dc
      linkedSystem: Payments
      usageWorkItem: UAT
      environmentStatus: Active
      color: "#ffffff"
      isSharedEnvironment: false
      hosts:
        - id: 1dd98953-a4fd-40dd-a416-dd7469ea157f
          name: pay-uat-app01
          layers:
            - id: 4c7f6709-7258-4f50-ae79-08597b4f1454
              componentName: payments-api
              version: "2.4.1"
              stackLayer: Application
      module_args:
        name: Payments UAT
        vendor: Acme
        system: Payments
        usage: UAT
        status: Active
        color: "#ffffff"
        shared: false
        hosts:
          - name: pay-uat-app01
            layers:
              - {component_name: payments-api, version: "2.4.1", stack_layer: Application}
        purge_hosts: true
  contains:
    module_args:
      description:
        - The options of M(envops.environments.plutora_environment) that describe this environment as it
          is; passed back unchanged (with the connection options) they report no change and send no write.
        - The system and the lookup values (usage, status, stack layers) are given by name; by GUID when
          the name does not pick exactly that record.
        - Every host with its layers, and I(purge_hosts=true), so that hosts and layers are exact sets.
          Hosts whose names repeat (without case) cannot be told apart by the module and are left out
          (and I(purge_hosts) with them), as are the layers of a host whose component names repeat; a
          warning names them. Left out, they stay as they are when the options are applied. So does a
          colour not of the form C(#rrggbb), which the module would refuse.
        - C(null) for an environment whose name another environment has too, surrounding blanks aside
          (C(UAT) and C('UAT ')); M(envops.environments.plutora_environment) finds an environment by its
          name and refuses a shared one; a warning names them.
        - Options whose value is null on the server are left out. No connection option is included.
      returned: when I(details=true) and I(module_args=true)
      type: dict
"""

from ansible_collections.envops.environments.plugins.module_utils.compare import ci_get
from ansible_collections.envops.environments.plugins.module_utils.inputs import tidy_identifiers
from ansible_collections.envops.environments.plugins.module_utils.module_args import addressed_by_name
from ansible_collections.envops.environments.plugins.module_utils.plutora import build_api, filter_text
from ansible_collections.envops.environments.plugins.module_utils.plutora_views import (
    environment_module_args,
    references,
    same_named,
    unexportable_parts,
)
from ansible_collections.envops.environments.plugins.module_utils.resolve import same_name
from ansible_collections.envops.environments.plugins.module_utils.runner import ModuleDefinition

ARGUMENT_SPEC = dict(
    id=dict(type="str"),
    name=dict(type="str"),
    name_contains=dict(type="str"),
    system=dict(type="str"),
    usage=dict(type="str"),
    status=dict(type="str"),
    details=dict(type="bool", default=True),
    module_args=dict(type="bool", default=True),
)

PATH = "environments"
# Option -> (field of the list form, filter operator). Whole names are sent as Contains too (Equals
# misses a name stored with surrounding blanks) and matched here (EXACT).
FILTERS = (
    ("name", "name", "Contains"),
    ("name_contains", "name", "Contains"),
    ("system", "linkedSystem", "Contains"),
    ("usage", "usageWorkItem", "Contains"),
    ("status", "status", "Contains"),
)
EXACT = ("name", "system", "usage", "status")


def matching(params, answer):
    """The records of a list answer whose fields equal the whole names given (see EXACT)."""
    fields = dict((option, field) for option, field, _operator in FILTERS)
    return [item for item in answer
            if all(params[o] is None or same_name(params[o], ci_get(item, fields[o])) for o in EXACT)]


def with_module_args(module, api, environments, listed=None):
    """Each environment plus module_args (null for one whose name does not pick it alone). listed:
    a list answer that holds every environment sharing a name with them, when there is one."""
    if not module.params["module_args"]:
        return environments
    refs = references(api, systems=[ci_get(record, "linkedSystem") for record in environments])
    candidates = same_named(api, PATH, environments) if listed is None else listed
    result = []
    for record in environments:
        if not addressed_by_name(module, record, candidates, "environment", "plutora_environment"):
            result.append(dict(record, module_args=None))
            continue
        for problem in unexportable_parts(record):
            module.warn("environment '%s': %s of module_args." % (ci_get(record, "name"), problem))
        result.append(dict(record, module_args=environment_module_args(record, refs)))
    return result


def run(module, api):
    params = module.params
    tidy_identifiers(params, "id", "name", "name_contains", "system", "usage", "status")
    if params["id"] is not None:
        # (no record: an empty list, which asks nothing more of the server)
        return False, with_module_args(module, api, api.records_by_id(PATH, params["id"])), None
    answer = api.list(PATH, filter_text(params, FILTERS))
    listed = matching(params, answer)
    if not params["details"]:
        return False, listed, None
    # The list form lacks vendor, description, sharing and hosts: each environment is read in full.
    full = [api.get_record(PATH, ci_get(item, "id")) for item in listed]
    # Filtered by name only, the answer holds every environment sharing a name with one found.
    by_name_only = all(params[option] is None for option in ("system", "usage", "status"))
    return False, with_module_args(module, api, full, answer if by_name_only else None), None


DEFINITION = ModuleDefinition("plutora", ARGUMENT_SPEC, build_api, run, "environments",
                              mutually_exclusive=[("id", option) for option, _field, _operator in FILTERS])


def main():
    DEFINITION.main()


if __name__ == "__main__":
    main()
