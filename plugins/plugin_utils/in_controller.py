# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One task of a module, run in the controller: the answer its module process would print.

The module's own ModuleDefinition does the work (module_utils/runner.py `perform()`: the same
build_api, run and result key). What AnsibleModule does around it is done here the same way, with
ansible-core's own functions (those that differ between cores come from core_interfaces.py):

* the task arguments travel as they would to a module (JSON, with ansible-core's module encoder);
* they are checked by ArgumentSpecValidator with the module's full spec and validation keywords,
  so defaults, `env` fallbacks, `no_log`, choices and error messages are AnsibleModule's;
* the answer gets `invocation` (when the core's module would add it), `warnings`, `deprecations`,
  and its no_log values (the options' and every secret learned during the task) are kept out of it
  as the core's AnsibleModule keeps them out.

A task is prepared first (`ControllerTask.prepare`: arguments and validation, no request); an
unexpected error there means this core does something the fast path does not know, and the caller
runs the module instead. `ControllerTask.answer` then performs the task and never raises: after a
request has gone out, whatever happens comes back as the task's answer.

The environment the module would have run in (the task's `environment:` over the controller's) is
set by the caller (plugin_utils/fast_path.py) around both steps.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import traceback

from ansible.module_utils.basic import PASSWORD_MATCH
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.errors import UnsupportedError

from ansible_collections.envops.environments.plugins.module_utils.redaction import Redactor
from ansible_collections.envops.environments.plugins.module_utils.runner import explain_option_error, perform
from ansible_collections.envops.environments.plugins.plugin_utils import core_interfaces

# AnsibleModule's own keyword arguments that ArgumentSpecValidator also understands.
VALIDATION_KEYWORDS = ("mutually_exclusive", "required_together", "required_one_of", "required_if", "required_by")
# Option settings whose effect (deprecation notices) the controller does not reproduce.
DEPRECATION_SETTINGS = ("deprecated_aliases", "removed_in_version", "removed_at_date")


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


def _spec_limits(spec, prefix=""):
    for name, options in spec.items():
        for setting in DEPRECATION_SETTINGS:
            if options.get(setting):
                yield "%s of option %s%s" % (setting, prefix, name)
        suboptions = options.get("options")
        if suboptions:
            for sub, sub_options in suboptions.items():
                if sub_options.get("no_log") is None and PASSWORD_MATCH.search(sub):
                    # AnsibleModule warns about these from ansible-core 2.22 on only.
                    yield "password-like suboption %s%s.%s without no_log" % (prefix, name, sub)
            for reason in _spec_limits(suboptions, "%s%s." % (prefix, name)):
                yield reason


def controller_limits(definition):
    """What of a definition the controller cannot do as AnsibleModule does (then the module runs)."""
    limits = sorted(set(definition.validation) - set(VALIDATION_KEYWORDS))
    limits.extend(_spec_limits(definition.full_argument_spec()))
    return limits


_validators = {}


def validator(definition):
    """(full argument spec, ArgumentSpecValidator) of a definition, made once per worker process:
    every item of a loop validates against the same spec."""
    if id(definition) not in _validators:
        spec = definition.full_argument_spec()
        keywords = dict((k, v) for k, v in definition.validation.items() if k in VALIDATION_KEYWORDS)
        _validators[id(definition)] = (definition, spec, ArgumentSpecValidator(spec, **keywords))
    return _validators[id(definition)][1:]


def password_warnings(spec, params):
    """AnsibleModule._log_invocation: options that look like passwords but do not say no_log."""
    aliases = dict((alias, name) for name, options in spec.items() for alias in options.get("aliases") or ())
    return ["Module did not set no_log for %s" % param for param in params
            if spec.get(aliases.get(param, param), {}).get("no_log") is None and PASSWORD_MATCH.search(param)]


class ControllerTask:
    """One task of `definition` in this process, as its module process would run it.

    module_name: the task's action as written (AnsibleModule names it in an unsupported option error);
    inject_invocation: whether the answer carries `invocation` (core_interfaces.invocation_wanted).
    """

    def __init__(self, definition, args, module_name, check_mode=False, diff=False, verbosity=0, no_log=False,
                 inject_invocation=True):
        self.definition = definition
        self.args = args
        self.module_name = module_name
        self.check_mode = check_mode
        self.diff = diff
        self.verbosity = verbosity
        self.no_log = no_log
        self.inject_invocation = inject_invocation
        self.params = None
        self.no_log_values = set()
        self.warnings = []
        self.error = None

    def prepare(self):
        """Arguments and validation, as AnsibleModule's constructor does them; sends nothing."""
        args = core_interfaces.as_module_arguments(self.args)
        spec, spec_validator = validator(self.definition)
        checked = spec_validator.validate(args)
        self.params = dict(args)
        self.params.update(checked.validated_parameters)
        self.no_log_values, self.warnings = core_interfaces.validation_details(checked)
        if checked.error_messages:
            self.error = explain_option_error(self.definition.product, self.params, checked.errors.msg)
            if isinstance(checked.errors[0], UnsupportedError):
                self.error = "Unsupported parameters for (%s) module: %s" % (self.module_name, self.error)
        elif not self.no_log:
            self.warnings.extend(password_warnings(spec, self.params))
        return self

    def answer(self, connections=None):
        """Perform the prepared task; return the answer its module would print. Never raises.

        connections: the store of this task's API objects (plugin_utils/task_connections.py), or None.
        """
        module = ControllerModule(self.params, check_mode=self.check_mode, diff=self.diff, verbosity=self.verbosity,
                                  no_log=self.no_log)
        secrets = frozenset()
        try:
            if self.error:
                result = {"failed": True, "msg": self.error}
            else:
                result, secrets = perform(self.definition, module, connections)
        except ModuleExit as done:
            result = done.result
        except Exception as exc:  # pylint: disable=broad-except
            # A bug, not a user mistake: the module process would have crashed with a traceback.
            # Report it the same way, but never with a secret this task knows.
            secrets = connections.secrets() if connections is not None else frozenset()
            result = {"failed": True, "exception": traceback.format_exc(),
                      "msg": "MODULE FAILURE in the controller: %s: %s" % (type(exc).__name__, exc)}
        no_log_values = set(self.no_log_values)
        no_log_values.update(secrets)
        no_log_values.update(module.no_log_values)
        return self.format(result, self.warnings + module.warnings, module.deprecations, no_log_values)

    def format(self, result, warnings, deprecations, no_log_values):
        """AnsibleModule._return_formatted: invocation, warnings, deprecations, no_log values kept out."""
        answer = dict(result)
        if self.inject_invocation:
            answer.setdefault("invocation", {"module_args": self.params})
        else:
            answer.pop("invocation", None)
        if warnings:
            answer["warnings"] = list(warnings)
        if deprecations:
            answer["deprecations"] = list(deprecations)
        try:
            return core_interfaces.keep_no_log_values_out(answer, no_log_values)
        except Exception:  # pylint: disable=broad-except
            # Never shown with a secret: without invocation, every no_log value masked by the Redactor.
            answer.pop("invocation", None)
            return Redactor(no_log_values).data(answer)


def run_in_controller(definition, args, module_name, connections=None, **task):
    """Prepare and perform one task; return the answer its module would print (used by the tests)."""
    return ControllerTask(definition, args, module_name, **task).prepare().answer(connections)
