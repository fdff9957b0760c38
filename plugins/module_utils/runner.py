# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The part every module shares: what a module is, and how one task of it runs.

A module supplies its own options, a `build_api(params, redactor)` of its product and
`run(module, api) -> (changed, record, diff)`, gathered in one `ModuleDefinition`. The task runs
in one of two places, both through `perform()` below:

* in a module process on the managed node: `ModuleDefinition.main()` builds the AnsibleModule and
  exits with its result;
* in the controller (the fast path, plugins/plugin_utils/): the action plugin validates the same
  options and calls `perform()` with the same build_api, run and result key.

`perform()` turns failures into one clear, redacted failure and makes sure no secret reaches the
result or a warning; it also reports the secrets learned during the task, which join Ansible's
no_log masking.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.envops.environments.plugins.module_utils.errors import EnvopsError
from ansible_collections.envops.environments.plugins.module_utils.rest_client import (
    HAS_REQUESTS,
    REQUESTS_IMPORT_ERROR,
    url_problem,
    userinfo_password,
)
from ansible_collections.envops.environments.plugins.module_utils.options import (
    connection_argument_spec,
    credential_set,
    environment_errors,
    missing_connection_options,
    secret_option_names,
    url_options,
)
from ansible_collections.envops.environments.plugins.module_utils.redaction import Redactor, register_with_ansible


class ModuleDefinition:
    """Everything that makes one module, for both ways of running it.

    product: "plutora", "flexdeploy" or "rpm" (its connection options come from options.py);
    argument_spec: the module's own options; build_api(params, redactor): the product's API;
    run(module, api) -> (changed, record, diff); result_key: where the record goes in the result;
    secret_result: the result itself is a secret (plutora_token's token), so the action layer hides
    the task result from output, as no_log does, while `register` keeps it usable (a clean failure,
    which holds no secret, stays visible);
    validation: AnsibleModule's keyword arguments such as mutually_exclusive.
    """

    def __init__(self, product, argument_spec, build_api, run, result_key, secret_result=False, **validation):
        self.product = product
        self.argument_spec = argument_spec
        self.build_api = build_api
        self.run = run
        self.result_key = result_key
        self.secret_result = secret_result
        self.validation = validation

    def full_argument_spec(self):
        """Connection options of the product plus the module's own options."""
        spec = connection_argument_spec(self.product)
        spec.update(self.argument_spec)
        return spec

    def main(self):
        """The module process: build the AnsibleModule, perform the task, exit."""
        module = _ModuleOf(self.product)(argument_spec=self.full_argument_spec(), supports_check_mode=True,
                                         **self.validation)
        if not HAS_REQUESTS:
            module.fail_json(msg=missing_required_lib("requests"), exception=REQUESTS_IMPORT_ERROR)
        result, secrets = perform(self, module)
        # Secrets learned during the task (fresh tokens) join Ansible's own no_log masking too.
        module.no_log_values.update(secrets)
        if register_with_ansible is not None:
            register_with_ansible(secrets)
        if result.get("failed"):
            details = dict((k, v) for k, v in result.items() if k not in ("failed", "msg"))
            module.fail_json(msg=result["msg"], **details)
        module.exit_json(**result)


def _ModuleOf(product):
    """AnsibleModule whose option errors name the environment variable a bad value came from."""

    class EnvopsModule(AnsibleModule):
        def fail_json(self, msg, **kwargs):
            msg = explain_option_error(product, getattr(self, "params", None) or {}, msg)
            super(EnvopsModule, self).fail_json(msg=msg, **kwargs)

    return EnvopsModule


def explain_option_error(product, params, message, environ=None):
    """ansible-core's message about an option's type, when the value came from the option's environment
    variable, replaced by one that names the variable (ansible-core names only the option)."""
    problems = environment_errors(product, params, os.environ if environ is None else environ)
    named = [p for p in problems if "argument '%s'" % p.split(":", 1)[0] in (message or "")]
    return " ".join(named) if named else message


class HeldWarnings:
    """The module as run() sees it: the same object, except that warn() holds each text until the
    task ends. release() then passes them through the task's Redactor, which by then knows every
    secret the task learned, to the module's own warn().

    So warnings are clean by design and the same both ways, whatever the core does with no_log values
    (ansible-core 2.19 does not mask a module's warnings with them; 2.22 masks registered secrets only
    where Ansible shows them).
    """

    def __init__(self, module):
        self._module = module
        self._texts = []

    def __getattr__(self, name):
        return getattr(self._module, name)

    def warn(self, warning):
        if not isinstance(warning, str):
            raise TypeError("warn requires a string not a %s" % type(warning))
        self._texts.append(warning)

    def release(self, redactor):
        texts, self._texts = self._texts, []
        for text in texts:
            self._module.warn(redactor.text(text))


def connection_problems(params, product):
    """(message or None, secrets): what is wrong with a task's connection options, every problem at once,
    before any request. secrets: passwords written into a URL, which must be masked wherever the
    task's options are shown (the result's `invocation` too)."""
    problems, secrets = [], set()
    missing, instead = missing_connection_options(product, params)
    if missing:
        text = "missing required connection option%s: %s" % (
            "s" if len(missing) > 1 else "",
            ", ".join("%s (or the %s environment variable)" % pair for pair in missing))
        if instead:
            text += "; or give %s instead of %s" % (
                " and ".join("%s (or the %s environment variable)" % pair for pair in instead),
                ", ".join(name for name, _env in credential_set(product)))
        problems.append(text)
    for name, env in url_options(product):
        value = params.get(name)
        if value in (None, ""):
            continue
        password = userinfo_password(value)
        if password:
            secrets.add(password)
        problem = url_problem(value, name, env)
        if problem:
            problems.append(problem)
    return ("; ".join(problems) if problems else None), frozenset(secrets)


def task_redactor(params, product):
    return Redactor(params.get(name) for name in secret_option_names(product))


def perform(definition, module, connections=None):
    """Run one task on validated options; return (result, secrets).

    module: the AnsibleModule, or the controller's stand-in with the same `params`, `check_mode` and
    `warn()`. connections: None (a new API object), or the controller's per-task store of API objects
    (`lookup(product, params)` -> (redactor, api) or (None, None); `keep(product, params, redactor, api)`).
    result: {changed, <result_key>, diff} or {failed: True, msg, ...details}, redacted;
    secrets: every secret value this task knows, for Ansible's no_log masking.
    """
    params = module.params
    problem, url_secrets = connection_problems(params, definition.product)
    if problem:
        return {"failed": True, "msg": problem}, url_secrets
    redactor, api = connections.lookup(definition.product, params) if connections is not None else (None, None)
    if redactor is None:
        redactor = task_redactor(params, definition.product)
    held = HeldWarnings(module)
    try:
        if api is None:
            api = definition.build_api(params, redactor)
            if connections is not None:
                connections.keep(definition.product, params, redactor, api)
        changed, record, diff = definition.run(held, api)
    except EnvopsError as exc:
        result = redactor.data(exc.details)
        result.update(failed=True, msg=redactor.text(exc.message))
        return _with_waits(result, api, redactor), redactor.secrets
    finally:
        held.release(redactor)
    result = {"changed": changed, definition.result_key: redactor.data(record)}
    if diff is not None:
        result["diff"] = redactor.data(diff)
    return _with_waits(result, api, redactor), redactor.secrets


def _with_waits(result, api, redactor):
    """The result with the waits of this task's retries (`http_retries`, shown at -v), when there were any."""
    client = getattr(api, "client", None)
    waits = client.take_waits() if client is not None else []
    if waits:
        result["http_retries"] = [redactor.text(w) for w in waits]
    return result
