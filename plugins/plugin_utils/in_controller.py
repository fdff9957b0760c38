# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One task of a module, run in the controller, with the result its module process would return.

The module's own ModuleDefinition does the work (module_utils/runner.py `perform()`: the same
build_api, run and result key). What AnsibleModule does around it is done here the same way, with
ansible-core's own functions:

* the task arguments travel as they would to a module (JSON, with ansible-core's module encoder);
* they are checked by ArgumentSpecValidator with the module's full spec and validation keywords,
  so defaults, `env` fallbacks, `no_log`, choices and error messages are AnsibleModule's;
* the result gets `invocation`, `warnings`, `deprecations`, every `no_log` value and every secret
  learned during the task masked by `remove_values` (None and booleans at the top kept, as
  AnsibleModule keeps them), and is decoded the way the controller decodes a module's answer.

The environment the module would have run in (the task's `environment:` over the controller's) is
set by the caller (plugin_utils/fast_path.py) around `run_in_controller`.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import traceback

from ansible.module_utils.basic import PASSWORD_MATCH
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.common.parameters import remove_values
from ansible.module_utils.errors import UnsupportedError

from ansible_collections.envops.environments.plugins.module_utils.runner import explain_option_error, perform

try:  # ansible-core 2.19 and later: the module serialization profiles
    from ansible.module_utils.common.json import Direction, get_module_decoder, get_module_encoder
    AnsibleJSONEncoder = None
except ImportError:  # ansible-core 2.16 to 2.18
    Direction = get_module_decoder = get_module_encoder = None
    from ansible.module_utils.common.json import AnsibleJSONEncoder
try:  # ansible-core 2.19 and later: how the controller turns a module's failure into an error summary
    from ansible._internal._errors._captured import AnsibleModuleCapturedError
except ImportError:
    AnsibleModuleCapturedError = None

# AnsibleModule's own keyword arguments that ArgumentSpecValidator also understands.
VALIDATION_KEYWORDS = ("mutually_exclusive", "required_together", "required_one_of", "required_if", "required_by")
SERIALIZATION_PROFILE = "legacy"


class ModuleExit(Exception):
    """Raised by ControllerModule.exit_json / fail_json, as sys.exit ends a module process."""

    def __init__(self, result):
        super(ModuleExit, self).__init__(result.get("msg"))
        self.result = result


class ControllerModule:
    """What a module's run() gets in the controller instead of its AnsibleModule: params,
    check_mode, warn(), deprecate(), no_log_values, exit_json() and fail_json()."""

    def __init__(self, params, check_mode=False, diff=False, verbosity=0, no_log=False):
        self.params = params
        self.check_mode = check_mode
        self._diff = diff
        self._verbosity = verbosity
        self.no_log = no_log
        self.no_log_values = set()
        self.warnings = []
        self.deprecations = []

    def warn(self, warning):
        if not isinstance(warning, str):
            raise TypeError("warn requires a string not a %s" % type(warning))
        self.warnings.append(warning)

    def deprecate(self, msg, version=None, date=None, collection_name=None):
        deprecation = {"msg": msg, "collection_name": collection_name}
        if date is not None:
            deprecation["date"] = date
        else:
            deprecation["version"] = version
        self.deprecations.append(deprecation)

    def exit_json(self, **kwargs):
        raise ModuleExit(kwargs)

    def fail_json(self, msg, **kwargs):
        kwargs.update(failed=True, msg=str(msg))
        raise ModuleExit(kwargs)


def unsupported_keywords(definition):
    """AnsibleModule keywords of a definition the controller cannot apply (then the module runs)."""
    return sorted(set(definition.validation) - set(VALIDATION_KEYWORDS))


def as_module_arguments(args):
    """The task arguments as the module process would decode them."""
    if get_module_encoder is None:
        return json.loads(json.dumps(args, cls=AnsibleJSONEncoder, vault_to_text=True))
    encoder = get_module_encoder(SERIALIZATION_PROFILE, Direction.CONTROLLER_TO_MODULE)
    decoder = get_module_decoder(SERIALIZATION_PROFILE, Direction.CONTROLLER_TO_MODULE)
    return json.loads(json.dumps(args, cls=encoder), cls=decoder)


def as_module_result(result):
    """A result dict as the controller receives it from a module process (JSON both ways)."""
    if get_module_encoder is None:
        data = json.loads(json.dumps(result, cls=AnsibleJSONEncoder))
    else:
        encoder = get_module_encoder(SERIALIZATION_PROFILE, Direction.MODULE_TO_CONTROLLER)
        decoder = get_module_decoder(SERIALIZATION_PROFILE, Direction.MODULE_TO_CONTROLLER)
        data = json.loads(json.dumps(result, cls=encoder), cls=decoder)
        AnsibleModuleCapturedError.normalize_result_exception(data)
    data["_ansible_parsed"] = True
    return data


def validate(definition, args, module_name, no_log=False):
    """(module stand-in params, no_log values, warnings, deprecations, error message or None),
    as AnsibleModule's constructor computes them."""
    spec = definition.full_argument_spec()
    validator = ArgumentSpecValidator(spec, **dict((k, v) for k, v in definition.validation.items()
                                                   if k in VALIDATION_KEYWORDS))
    checked = validator.validate(args)
    params = dict(args)
    params.update(checked.validated_parameters)
    warnings = ["Both option %s and its alias %s are set." % (w["option"], w["alias"]) for w in checked._warnings]
    deprecations = [dict(msg=d["msg"], version=d.get("version"), date=d.get("date"),
                         collection_name=d.get("collection_name")) for d in checked._deprecations]
    try:
        first_error = checked.errors[0]
    except IndexError:
        first_error = None
    error = None
    if first_error is not None:
        error = explain_option_error(definition.product, params, checked.errors.msg)
        if isinstance(first_error, UnsupportedError):
            error = "Unsupported parameters for (%s) module: %s" % (module_name, error)
    elif not no_log:
        # AnsibleModule._log_invocation: options that look like passwords but do not say no_log.
        aliases = checked._aliases
        for param in params:
            options = spec.get(aliases.get(param, param), {})
            if options.get("no_log", None) is None and PASSWORD_MATCH.search(param):
                warnings.append("Module did not set no_log for %s" % param)
    return params, set(checked._no_log_values), warnings, deprecations, error


def module_result(result, params, no_log_values, warnings, deprecations):
    """AnsibleModule._return_formatted: invocation, warnings, masking; then the trip to the controller."""
    result = dict(result)
    result.setdefault("invocation", {"module_args": params})
    if warnings:
        result["warnings"] = list(warnings)
    if deprecations:
        result["deprecations"] = list(deprecations)
    preserved = dict((k, v) for k, v in result.items() if v is None or isinstance(v, bool))
    result = remove_values(result, no_log_values)
    result.update(preserved)
    return as_module_result(result)


def run_in_controller(definition, args, module_name, check_mode=False, diff=False, verbosity=0, no_log=False,
                      connections=None):
    """Run one task of `definition` in this process; return the result its module would return.

    module_name: the task's action as written (AnsibleModule names it in an unsupported option error);
    connections: the store of this task's API objects (plugin_utils/task_connections.py), or None.
    """
    args = as_module_arguments(args)
    params, no_log_values, warnings, deprecations, error = validate(definition, args, module_name, no_log)
    if error:
        return module_result({"failed": True, "msg": error}, params, no_log_values, warnings, deprecations)
    module = ControllerModule(params, check_mode=check_mode, diff=diff, verbosity=verbosity, no_log=no_log)
    try:
        result, secrets = perform(definition, module, connections)
    except ModuleExit as done:
        result, secrets = done.result, frozenset()
    except Exception as exc:  # pylint: disable=broad-except
        # A bug, not a user mistake: the module process would have crashed with a traceback. Report
        # it the same way, but never with a secret this task knows.
        secrets = connections.secrets() if connections is not None else frozenset()
        result = {"failed": True, "exception": traceback.format_exc(),
                  "msg": "MODULE FAILURE in the controller: %s: %s" % (type(exc).__name__, exc)}
    no_log_values.update(secrets)
    no_log_values.update(module.no_log_values)
    return module_result(result, params, no_log_values, warnings + module.warnings,
                         deprecations + module.deprecations)
