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
  - By default each group found is read in full (unless the list answer already holds its members), and
    the names of its member environments are added as C(environments), and its
    M(envops.environments.plutora_environment_group) options as C(module_args), with its connectivities
    (one more list). I(details=false) returns the list form only.
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
      - Cannot be combined with I(name), I(name_contains) or I(system).
    type: str
  name:
    description:
      - Only the group with this name (Plutora compares names without case; surrounding blanks are not
        significant). Sent as a C(Contains) filter, since C(Equals) would miss a name stored with blanks
        around it; the answer is then matched here.
    type: str
  name_contains:
    description:
      - Only groups whose name contains this text (without case).
    type: str
  system:
    description:
      - Only groups with at least one member environment of the system with this name (one more
        filtered list of the system's environments; the name is compared as I(name) is).
    type: str
  details:
    description:
      - Whether to read each group in full, with its member environments.
    type: bool
    default: true
  module_args:
    description:
      - Whether to add C(module_args) to each group read in full.
      - C(false) leaves it out, and with it the list of connectivities and the lookup values that
        naming the connections takes.
    type: bool
    default: true
notes:
  - Filter values cannot contain a backtick (`), which Plutora's filter syntax has no way to escape.
  - Reading a group's connectivities rests on a guess, because no Plutora document shows it
    (the primer shows only C(POST connectivities)); M(envops.environments.plutora_environment_group) uses
    the same request. One group is read with C(GET connectivities) filtered on C(environmentGroupId),
    several with one unfiltered (paged) C(GET connectivities).
  - On a server that answers that request with HTTP 404 or 405 (it lacks the endpoint), C(module_args)
    leaves C(connections) out and a warning names the endpoint; any other error fails the task, as it
    does in M(envops.environments.plutora_environment_group).
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
      module_args:
        name: Payments release train
        description: Environments of the payments release
        color: "#ffffff"
        environments: [Payments UAT]
        connections: []
  contains:
    module_args:
      description:
        - The options of M(envops.environments.plutora_environment_group) that describe this group as it
          is; passed back unchanged (with the connection options) they report no change and send no write.
        - Member environments by name (the exact set); by GUID when the name does not pick exactly that
          environment. Connections by the names of their ends and the connectivity type.
        - Connections are only ever added by that module, so a connection made on the server after the
          export stays when the options are applied. A connectivity with an end outside the group, or
          without a type or direction, is left out with a warning; one listed twice on the server is
          given once. When the server lacks the connectivity listing (see the notes), C(connections) is
          left out (a warning says so) and applying leaves them as they are. A colour not of the form C(#rrggbb), which the
          module would refuse, is left out with a warning too.
        - C(null) for a group whose name another group has too, surrounding blanks aside (C(Train) and
          C('Train ')); M(envops.environments.plutora_environment_group) finds a group by its name and
          refuses a shared one; a warning names them.
        - Options whose value is null on the server are left out. No connection option is included.
      returned: when I(details=true) and I(module_args=true)
      type: dict
"""

from ansible_collections.envops.environments.plugins.module_utils.compare import ci_get
from ansible_collections.envops.environments.plugins.module_utils.errors import MissingEndpointError
from ansible_collections.envops.environments.plugins.module_utils.inputs import tidy_identifiers
from ansible_collections.envops.environments.plugins.module_utils.module_args import addressed_by_name
from ansible_collections.envops.environments.plugins.module_utils.plutora import build_api, end_id, filter_text
from ansible_collections.envops.environments.plugins.module_utils.plutora_views import (
    environment_group_module_args,
    folded,
    member_environments,
    odd_color,
    references,
    same_named,
)
from ansible_collections.envops.environments.plugins.module_utils.resolve import same_name
from ansible_collections.envops.environments.plugins.module_utils.runner import ModuleDefinition

ARGUMENT_SPEC = dict(
    id=dict(type="str"),
    name=dict(type="str"),
    name_contains=dict(type="str"),
    system=dict(type="str"),
    details=dict(type="bool", default=True),
    module_args=dict(type="bool", default=True),
)

PATH = "environmentgroups"
# Option -> (field of the list form, filter operator). Whole names are sent as Contains too (Equals
# misses a name stored with surrounding blanks) and compared here.
FILTERS = (("name", "name", "Contains"), ("name_contains", "name", "Contains"))
SYSTEM_FILTER = (("system", "linkedSystem", "Contains"),)


def connectivities_by_group(module, api, groups):
    """{lower-case group GUID: its connectivities}, or None when the server lists none.

    One group: a filtered list; several: one list of all (paged). Listing connectivities rests on a
    guess (PlutoraApi.guessed()): a server without it (404/405, MissingEndpointError) leaves connections
    out of module_args, as plutora_environment_group treats it; any other error fails.
    """
    if not groups:
        return {}
    try:
        records = api.connectivities_of(ci_get(group, "id") for group in groups)
    except MissingEndpointError as exc:
        module.warn("connectivities could not be listed (%s); module_args leaves connections out." % exc.message)
        return None
    by_group = {}
    for record in records:
        by_group.setdefault(folded(end_id(record, "environmentGroup")), []).append(record)
    return by_group


def with_details(module, api, groups, listed=None):
    """Each group plus `environments` (member names) and, when asked, `module_args` (null for a group
    whose name does not pick it alone). listed: a list answer that holds every group sharing a name
    with them, when there is one."""
    ids = [i for group in groups for i in ci_get(group, "environmentIDs") or []]
    environments = member_environments(api, ids)
    names = dict((folded(ci_get(r, "id")), ci_get(r, "name")) for r in environments)

    def member_names(group):
        return [names.get(folded(i), i) for i in ci_get(group, "environmentIDs") or []]

    if not module.params["module_args"]:
        return [dict(group, environments=member_names(group)) for group in groups]
    refs = references(api, environments)
    candidates = same_named(api, PATH, groups) if listed is None else listed
    connectivities = connectivities_by_group(module, api, groups)
    result = []
    for group in groups:
        if not addressed_by_name(module, group, candidates, "environment group", "plutora_environment_group"):
            result.append(dict(group, environments=member_names(group), module_args=None))
            continue
        conns = (connectivities or {}).get(folded(ci_get(group, "id")), [])
        args, left_out = environment_group_module_args(group, conns, refs)
        if connectivities is None:
            del args["connections"]
        if odd_color(group):
            module.warn("environment group '%s': the colour '%s' is not of the form #rrggbb, so it is left out of "
                        "module_args." % (ci_get(group, "name"), ci_get(group, "color")))
        for shown in left_out:
            module.warn("environment group '%s': the connectivity %s -> %s (%s) is left out of module_args; "
                        "plutora_environment_group needs both ends in the group and a type and direction."
                        % (ci_get(group, "name"), shown["source"], shown["target"], shown["type"]))
        result.append(dict(group, environments=member_names(group), module_args=args))
    return result


def run(module, api):
    params = module.params
    tidy_identifiers(params, "id", "name", "name_contains", "system")
    if params["id"] is not None:
        # (no record: an empty list, which asks nothing more of the server)
        return False, with_details(module, api, api.records_by_id(PATH, params["id"])), None
    answer = api.list(PATH, filter_text(params, FILTERS))
    # The filters match parts of names: this answer holds every group sharing a name with one found.
    listed = [item for item in answer if params["name"] is None or same_name(params["name"], ci_get(item, "name"))]
    if not params["details"] and params["system"] is None:
        return False, listed, None
    if all(any(str(key).lower() == "environmentids" for key in item) for item in listed):
        groups = listed  # the list answer already holds the members: no read per group
    else:
        groups = [api.get_record(PATH, ci_get(item, "id")) for item in listed]
    if params["system"] is not None and groups:
        groups = of_system(api, params, groups)
    if not params["details"]:
        kept = set(folded(ci_get(group, "id")) for group in groups)
        return False, [item for item in listed if folded(ci_get(item, "id")) in kept], None
    return False, with_details(module, api, groups, answer), None


def of_system(api, params, groups):
    """The groups with a member environment of the system named in `params` (Contains, then compared
    here: Equals would miss a system name stored with surrounding blanks)."""
    system = params["system"]
    ids = set(folded(ci_get(env, "id")) for env in api.list("environments", filter_text(params, SYSTEM_FILTER))
              if same_name(system, ci_get(env, "linkedSystem")))
    return [group for group in groups if any(folded(i) in ids for i in ci_get(group, "environmentIDs") or [])]


DEFINITION = ModuleDefinition("plutora", ARGUMENT_SPEC, build_api, run, "environment_groups",
                              mutually_exclusive=[("id", "name"), ("id", "name_contains"), ("id", "system")])


def main():
    DEFINITION.main()


if __name__ == "__main__":
    main()
