#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: flexdeploy_target_info
short_description: Read FlexDeploy targets (environment instances)
version_added: 0.1.0
description:
  - Reads FlexDeploy targets, the pairs of an environment and an instance, with their endpoints and
    properties, through the REST v1 API (C(topology/environmentinstance/{environmentId}/{instanceId})).
  - With I(environment) and I(instance), the one target; with I(environment) alone, every target of
    the environment; without I(environment), every target of every environment (one listing of the
    environments). Each target is one request, since the API has no list of targets.
  - Encrypted property values read C(*****), as the API returns them; their C(credentialId) is kept.
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
  environment:
    description:
      - The environment, by code, name or numeric id. An unknown or ambiguous environment fails the task.
      - A value is looked up as a code first, then as a name, then as a numeric id, so a code made of
        digits (C(11001)) is that code; digits that are the code (or name) of one environment and the id of
        another are refused, and the task fails, naming both.
      - Not given, the targets of every environment.
    type: str
  environment_contains:
    description:
      - Without I(environment), only the targets of environments whose code or name contains this text
        (without case); the targets of the others are not read.
    type: str
  instance:
    description:
      - The instance, by code, name or numeric id. An instance that is not in the environment gives an
        empty list.
    type: str
  module_args:
    description:
      - Whether to add C(module_args) to each target.
      - C(false) leaves it out, and with it the lists of environments and instances that naming them
        takes when I(environment) or I(instance) is given (without them the task lists both anyway).
    type: bool
    default: true
seealso:
  - module: envops.environments.flexdeploy_target
"""

EXAMPLES = r"""
- name: Every target of the DEV environment (credentials from FLEXDEPLOY_* environment variables)
  envops.environments.flexdeploy_target_info:
    environment: DEV
  register: dev_targets

- name: One target's properties as a dictionary
  envops.environments.flexdeploy_target_info:
    environment: DEV
    instance: SOA
  register: soa

- name: Show them
  ansible.builtin.debug:
    msg: "{{ soa.targets[0].properties | items2dict(key_name='propertyName', value_name='propertyValue') }}"

- name: Every target of every environment, each with its flexdeploy_target options in module_args
  envops.environments.flexdeploy_target_info:
  register: all_targets
"""

RETURN = r"""
targets:
  description:
    - The targets found, as the server returns them plus C(environmentCode) and C(instanceCode).
  returned: always
  type: list
  elements: dict
  sample:
    - environmentId: 12347
      environmentCode: DEV
      instanceId: 12342
      instanceCode: SOA
      isActive: true
      endPoints: [{endPointId: 10101, resourceIds: [11223, 11224]}]
      properties:
        - {propertyName: FDSOA_SERVER_HOST, propertyValue: dev-soa.company.local, credentialId: null, isExpression: false}
        - {propertyName: MDS_PASS, propertyValue: "*****", credentialId: 74952, isExpression: false}
      module_args:
        environment: DEV
        instance: SOA
        active: true
        mode: replace
        endpoints: [{id: 10101, resource_ids: [11223, 11224]}]
        properties:
          FDSOA_SERVER_HOST: dev-soa.company.local
          MDS_PASS: {credential_id: 74952}
  contains:
    module_args:
      description:
        - The options of M(envops.environments.flexdeploy_target) that describe this target as it is;
          passed back unchanged (with the connection options) they report no change and send no write.
        - The environment and the instance are given by code; by numeric id (as text) when the code
          does not pick exactly that record.
        - I(mode=replace), so that the endpoints and the properties are exact sets; every property is
          listed, C(null) for one without a value.
        - An encrypted property is given as its C(credential_id) and never with its value. An
          encrypted property without a credential id cannot be given at all; it is left out, a
          warning names it, and I(mode=merge) is used instead so that applying keeps its value.
        - No connection option is included.
      returned: when I(module_args=true)
      type: dict
"""

from ansible_collections.envops.environments.plugins.module_utils.errors import NotFoundError
from ansible_collections.envops.environments.plugins.module_utils.flexdeploy import ENVIRONMENT, INSTANCE, build_api
from ansible_collections.envops.environments.plugins.module_utils.flexdeploy_views import (
    references,
    target_module_args,
    unexportable_properties,
)
from ansible_collections.envops.environments.plugins.module_utils.inputs import tidy_identifiers
from ansible_collections.envops.environments.plugins.module_utils.runner import ModuleDefinition

ARGUMENT_SPEC = dict(
    environment=dict(type="str"),
    environment_contains=dict(type="str"),
    instance=dict(type="str"),
    module_args=dict(type="bool", default=True),
)


def run(module, api):
    params = module.params
    tidy_identifiers(params, "environment", "environment_contains", "instance")
    refs = references(api) if params["module_args"] else None
    if params["environment"] is not None:
        environments = [api.resolve("environment", ENVIRONMENT, params["environment"])]
    else:
        environments = api.full_list(ENVIRONMENT)
        if params["environment_contains"] is not None:
            environments = ENVIRONMENT.containing(environments, params["environment_contains"])
    if params["instance"] is not None:
        instance = api.resolve("instance", INSTANCE, params["instance"])
        codes = {instance[INSTANCE.id_key]: instance.get(INSTANCE.code_key)}
        wanted = set(codes)
    else:
        # Environments list instance ids only; one instance listing gives their codes.
        instances = api.full_list(INSTANCE) if any(env.get("instances") for env in environments) else []
        codes = dict((i.get(INSTANCE.id_key), i.get(INSTANCE.code_key)) for i in instances)
        wanted = None
    targets = []
    for env in environments:
        for instance_id in env.get("instances") or []:
            if wanted is not None and instance_id not in wanted:
                continue
            try:
                target = api.get_target(env[ENVIRONMENT.id_key], instance_id)
            except NotFoundError:
                continue
            target = dict(target, environmentCode=env.get(ENVIRONMENT.code_key), instanceCode=codes.get(instance_id))
            targets.append(target)
            if refs is None:
                continue
            target["module_args"] = target_module_args(target, refs)
            left_out = unexportable_properties(target)
            if left_out:
                module.warn("target %s/%s: the encrypted propert%s %s %s no credential id, so module_args leaves "
                            "%s out (its value is never exported) and uses mode=merge, which keeps it."
                            % (env.get(ENVIRONMENT.code_key), codes.get(instance_id),
                               "ies" if len(left_out) > 1 else "y", ", ".join(left_out),
                               "have" if len(left_out) > 1 else "has", "them" if len(left_out) > 1 else "it"))
    return False, targets, None


DEFINITION = ModuleDefinition("flexdeploy", ARGUMENT_SPEC, build_api, run, "targets",
                              mutually_exclusive=[("environment", "environment_contains")])


def main():
    DEFINITION.main()


if __name__ == "__main__":
    main()
