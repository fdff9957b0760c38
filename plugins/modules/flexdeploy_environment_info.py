#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: flexdeploy_environment_info
short_description: Read FlexDeploy environments
version_added: 0.1.0
description:
  - Reads FlexDeploy topology environments through the REST v1 API, one by id, or a list selected by code,
    name and active flag.
  - The list of environments is read in one request and code and name are matched here, without case and
    surrounding blanks aside, as M(envops.environments.flexdeploy_environment) finds an environment (the
    API's C(environmentCode) filter compares whole codes, so it would miss a code stored as C('QA ')).
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
      - Numeric id of one environment. No environment with that id gives an empty list.
      - Cannot be combined with I(code), I(name) or I(name_contains).
    type: int
  code:
    description:
      - Only the environment with this code.
    type: str
  name:
    description:
      - Only environments with this name. FlexDeploy names need not be unique, so several may be returned.
    type: str
  name_contains:
    description:
      - Only environments whose code or name contains this text (without case). Filtered here, after
        one listing, since the API's own filters do not promise a partial match.
    type: str
  active:
    description:
      - C(true) for active environments only, C(false) for inactive ones only. Not given, both.
    type: bool
  module_args:
    description:
      - Whether to add C(module_args) to each environment.
      - C(false) leaves it out, and with it the list of instances that naming them takes.
    type: bool
    default: true
seealso:
  - module: envops.environments.flexdeploy_environment
"""

EXAMPLES = r"""
- name: One environment by code (credentials from FLEXDEPLOY_* environment variables)
  envops.environments.flexdeploy_environment_info:
    code: QA
  register: qa

- name: Instance ids of the QA environment
  ansible.builtin.debug:
    msg: "{{ qa.environments[0].instances }}"

- name: Every active environment
  envops.environments.flexdeploy_environment_info:
    active: true
  register: active_envs
"""

RETURN = r"""
environments:
  description:
    - The environments found, by ascending id as the server lists them (empty when none match).
  returned: always
  type: list
  elements: dict
  sample:
    - environmentId: 11001
      environmentCode: QA
      environmentName: Quality Assurance
      description: QA environment
      isActive: true
      sortNumber: 3
      isBuildEnvironment: false
      instances: [15101]
      module_args:
        code: QA
        name: Quality Assurance
        description: QA environment
        active: true
        sort_number: 3
        build_environment: false
        instances: [OSB]
  contains:
    module_args:
      description:
        - The options of M(envops.environments.flexdeploy_environment) that describe this environment
          as it is; passed back unchanged (with the connection options) they report no change and send
          no write.
        - Instances are given by code (I(instances) is the exact set); by numeric id (as text) when the
          code does not pick exactly that instance.
        - C(null) for an environment whose code another environment has too, surrounding blanks aside
          (C(QA) and C('QA ')); M(envops.environments.flexdeploy_environment) finds an environment by its
          code and refuses a shared one; a warning names them.
        - Options whose value is null on the server are left out. No connection option is included.
      returned: when I(module_args=true)
      type: dict
"""

from ansible_collections.envops.environments.plugins.module_utils.errors import NotFoundError
from ansible_collections.envops.environments.plugins.module_utils.flexdeploy import ENVIRONMENT, build_api
from ansible_collections.envops.environments.plugins.module_utils.flexdeploy_views import (
    environment_module_args,
    references,
)
from ansible_collections.envops.environments.plugins.module_utils.inputs import at_least, tidy_identifiers
from ansible_collections.envops.environments.plugins.module_utils.module_args import addressed_by_name
from ansible_collections.envops.environments.plugins.module_utils.resolve import same_name
from ansible_collections.envops.environments.plugins.module_utils.runner import ModuleDefinition

ARGUMENT_SPEC = dict(
    id=dict(type="int"),
    code=dict(type="str"),
    name=dict(type="str"),
    name_contains=dict(type="str"),
    active=dict(type="bool"),
    module_args=dict(type="bool", default=True),
)


def same(wanted, have):
    return wanted is None or same_name(wanted, have or "")


def selected(params, records):
    return [r for r in records if same(params["code"], r.get(ENVIRONMENT.code_key))
            and same(params["name"], r.get(ENVIRONMENT.name_key))]


def with_module_args(module, api, records):
    """Each environment plus module_args; null for one whose code does not pick it alone (a code
    shared once surrounding blanks are stripped), since flexdeploy_environment finds it by code."""
    refs = references(api)
    result = []
    for record in records:
        alone = addressed_by_name(module, record, api.full_list(ENVIRONMENT), "environment", "flexdeploy_environment",
                                  ENVIRONMENT.code_key, ENVIRONMENT.id_key, field="code")
        result.append(dict(record, module_args=environment_module_args(record, refs) if alone else None))
    return result


def run(module, api):
    params = module.params
    tidy_identifiers(params, "code", "name", "name_contains")
    at_least(params, "id", 1, "a positive id")
    if params["id"] is not None:
        try:
            records = [api.get_by_id(ENVIRONMENT, params["id"])]
        except NotFoundError:
            return False, [], None
    else:
        # The whole list (module_args needs it to tell codes apart, so it costs nothing more).
        records = selected(params, api.full_list(ENVIRONMENT))
    if params["name_contains"] is not None:
        records = ENVIRONMENT.containing(records, params["name_contains"])
    if params["active"] is not None:
        records = [r for r in records if bool(r.get("isActive")) == params["active"]]
    if not params["module_args"]:
        return False, records, None
    return False, with_module_args(module, api, records), None


DEFINITION = ModuleDefinition("flexdeploy", ARGUMENT_SPEC, build_api, run, "environments",
                              mutually_exclusive=[("id", "code"), ("id", "name"), ("id", "name_contains")])


def main():
    DEFINITION.main()


if __name__ == "__main__":
    main()
