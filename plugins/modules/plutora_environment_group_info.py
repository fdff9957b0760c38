#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: plutora_environment_group_info
short_description: Read Plutora environment groups
version_added: 0.1.0
description:
  - Reads Plutora environment groups through the REST API, one by GUID, or a list selected with Plutora's
    filter on the name. All pages are read, not just the first.
  - By default each group found is read in full, and the names of its member environments are added as
    C(environments) (one filtered request for all the groups); I(details=false) returns the list form only.
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
      - GUID of one environment group. No group with that GUID gives an empty list.
      - Cannot be combined with I(name) or I(name_contains).
    type: str
  name:
    description:
      - Only the group with this name (Plutora compares names without case).
    type: str
  name_contains:
    description:
      - Only groups whose name contains this text (without case).
    type: str
  details:
    description:
      - Whether to read each group in full, with its member environments.
    type: bool
    default: true
notes:
  - Filter values cannot contain a backtick (`), which Plutora's filter syntax has no way to escape.
seealso:
  - module: envops.environments.plutora_environment_group
"""

EXAMPLES = r"""
- name: Members of one environment group (credentials from PLUTORA_* environment variables)
  envops.environments.plutora_environment_group_info:
    name: Payments release train
  register: train

- name: Show them
  ansible.builtin.debug:
    msg: "{{ train.environment_groups[0].environments }}"
"""

RETURN = r"""
environment_groups:
  description:
    - The groups found (empty when none match). With I(details=true), full records plus C(environments),
      the names of the member environments in the order of C(environmentIDs).
  returned: always
  type: list
  elements: dict
  sample:
    - id: ea63d7e9-565f-47c7-ae38-d41dcbb334bd
      name: Payments release train
      description: Environments of the payments release
      color: "#ffffff"
      environmentIDs:
        - a99b8e84-bec3-4085-8df1-969ae176d119
      environments:
        - Payments UAT
"""

from ansible_collections.envops.environments.plugins.module_utils.compare import ci_get
from ansible_collections.envops.environments.plugins.module_utils.errors import InputError, NotFoundError
from ansible_collections.envops.environments.plugins.module_utils.inputs import tidy_identifiers
from ansible_collections.envops.environments.plugins.module_utils.plutora import build_api, is_guid
from ansible_collections.envops.environments.plugins.module_utils.runner import ModuleDefinition

ARGUMENT_SPEC = dict(
    id=dict(type="str"),
    name=dict(type="str"),
    name_contains=dict(type="str"),
    details=dict(type="bool", default=True),
)

PATH = "environmentgroups"
FILTERS = (("name", "Equals"), ("name_contains", "Contains"))


def filter_text(params):
    terms = []
    for option, operator in FILTERS:
        value = params[option]
        if value is None:
            continue
        if "`" in value:
            raise InputError("%s: Plutora's filter cannot hold a backtick (`): %s" % (option, value))
        terms.append("`name` %s `%s`" % (operator, value))
    return " and ".join(terms) or None


def with_environment_names(api, groups):
    """Each group plus `environments`: member names, from one filtered read of all members."""
    ids = list(dict.fromkeys(i for group in groups for i in ci_get(group, "environmentIDs") or []))
    names = {}
    if ids:
        names = dict((str(ci_get(r, "id")).lower(), ci_get(r, "name")) for r in api.search("environments", "id", ids))
    return [dict(group, environments=[names.get(str(i).lower(), i) for i in ci_get(group, "environmentIDs") or []])
            for group in groups]


def run(module, api):
    params = module.params
    tidy_identifiers(params, "id", "name", "name_contains")
    if params["id"] is not None:
        if not is_guid(params["id"]):
            raise InputError("id: '%s' is not a GUID; give a name with the name option instead." % params["id"])
        try:
            groups = [api.get_record(PATH, params["id"].strip())]
        except NotFoundError:
            return False, [], None
        return False, with_environment_names(api, groups), None
    listed = api.list(PATH, filter_text(params))
    if not params["details"]:
        return False, listed, None
    groups = [api.get_record(PATH, ci_get(item, "id")) for item in listed]
    return False, with_environment_names(api, groups), None


DEFINITION = ModuleDefinition("plutora", ARGUMENT_SPEC, build_api, run, "environment_groups",
                              mutually_exclusive=[("id", "name"), ("id", "name_contains")])


def main():
    DEFINITION.main()


if __name__ == "__main__":
    main()
