# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The part every module shares: build the AnsibleModule, connect, run, report.

A module supplies its own options, a `build_api(params, redactor)` of its product and
`run(module, api) -> (changed, record, diff)`. This file turns failures into one clear,
redacted `fail_json` and makes sure no secret reaches the result.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.envops.environments.plugins.module_utils.errors import EnvopsError
from ansible_collections.envops.environments.plugins.module_utils.rest_client import HAS_REQUESTS, REQUESTS_IMPORT_ERROR
from ansible_collections.envops.environments.plugins.module_utils.options import (
    connection_argument_spec,
    required_connection_options,
    secret_option_names,
)
from ansible_collections.envops.environments.plugins.module_utils.redaction import Redactor


def build_module(product, argument_spec, **kwargs):
    spec = connection_argument_spec(product)
    spec.update(argument_spec)
    kwargs.setdefault("supports_check_mode", True)
    return AnsibleModule(argument_spec=spec, **kwargs)


def check_connection_options(module, product):
    missing = ["%s (or the %s environment variable)" % (name, env)
               for name, env in required_connection_options(product) if module.params.get(name) in (None, "")]
    if missing:
        module.fail_json(msg="missing required connection option%s: %s"
                         % ("s" if len(missing) > 1 else "", ", ".join(missing)))


def task_redactor(module, product):
    return Redactor(module.params.get(name) for name in secret_option_names(product))


def execute(module, product, build_api, run, result_key):
    """Connect, call run(), and exit with {changed, <result_key>, diff} or a redacted failure."""
    if not HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib("requests"), exception=REQUESTS_IMPORT_ERROR)
    check_connection_options(module, product)
    redactor = task_redactor(module, product)
    try:
        api = build_api(module.params, redactor)
        changed, record, diff = run(module, api)
    except EnvopsError as exc:
        _hide(module, redactor)
        module.fail_json(msg=redactor.text(exc.message), **redactor.data(exc.details))
    _hide(module, redactor)
    result = {"changed": changed, result_key: redactor.data(record)}
    if diff is not None:
        result["diff"] = redactor.data(diff)
    module.exit_json(**result)


def run_module(product, argument_spec, build_api, run, result_key, **module_kwargs):
    module = build_module(product, argument_spec, **module_kwargs)
    execute(module, product, build_api, run, result_key)


def _hide(module, redactor):
    # Secrets learned during the task (fresh tokens) join Ansible's own no_log masking too.
    for secret in redactor.secrets:
        module.no_log_values.add(secret)
