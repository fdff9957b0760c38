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
  - With I(instance), the one target; without it, every target of the environment (one request per
    instance the environment holds).
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
    type: str
    required: true
  instance:
    description:
      - The instance, by code, name or numeric id. An instance that is not in the environment gives an
        empty list.
    type: str
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
"""

from ansible_collections.envops.environments.plugins.module_utils.errors import NotFoundError
from ansible_collections.envops.environments.plugins.module_utils.flexdeploy import ENVIRONMENT, INSTANCE, build_api
from ansible_collections.envops.environments.plugins.module_utils.inputs import tidy_identifiers
from ansible_collections.envops.environments.plugins.module_utils.runner import ModuleDefinition

ARGUMENT_SPEC = dict(
    environment=dict(type="str", required=True),
    instance=dict(type="str"),
)


def run(module, api):
    params = module.params
    tidy_identifiers(params, "environment", "instance")
    env = api.resolve("environment", ENVIRONMENT, params["environment"])
    held = env.get("instances") or []
    if params["instance"] is not None:
        instance = api.resolve("instance", INSTANCE, params["instance"])
        codes = {instance[INSTANCE.id_key]: instance.get(INSTANCE.code_key)}
        ids = [i for i in held if i == instance[INSTANCE.id_key]]
    else:
        ids = held
        # The environment lists instance ids only; one instance listing gives their codes.
        codes = dict((i.get(INSTANCE.id_key), i.get(INSTANCE.code_key)) for i in api.search(INSTANCE)) if ids else {}
    targets = []
    for instance_id in ids:
        try:
            target = api.get_target(env[ENVIRONMENT.id_key], instance_id)
        except NotFoundError:
            continue
        targets.append(dict(target, environmentCode=env.get(ENVIRONMENT.code_key), instanceCode=codes.get(instance_id)))
    return False, targets, None


DEFINITION = ModuleDefinition("flexdeploy", ARGUMENT_SPEC, build_api, run, "targets")


def main():
    DEFINITION.main()


if __name__ == "__main__":
    main()
