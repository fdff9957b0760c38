# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The controller fast path: the one action plugin behind every module of the collection.

When a task runs on the controller (a local connection: `localhost`, `connection: local`,
`delegate_to: localhost`), the module's own ModuleDefinition runs in the controller's worker
process (plugin_utils/in_controller.py), without shipping the module and starting a Python process
for it. Its answer is the one the module process would print, and the controller reads it as it
reads a module's output, so the task result is the module's, key for key. Everything else runs the
ordinary module, exactly as ansible.builtin.normal would:

* the fast path is turned off (the `envops_controller_fast_path` variable, or the controller's
  ENVOPS_CONTROLLER_FAST_PATH environment variable when the variable is not set);
* the connection is not local (a delegated remote host), or the task uses `become`;
* the task is `async`;
* `requests` cannot be imported by the controller's Python;
* the module is not one this collection can run in the controller, or uses something of
  AnsibleModule the controller does not reproduce (in_controller.controller_limits);
* this ansible-core lacks an interface the fast path needs, or it behaves differently (below), or
  preparing the task in the controller fails: one warning naming the core version per worker
  process, and the task runs as its module. Preparing sends no request; once a request has gone
  out, whatever happens comes back as the task's result (a plain JSON round trip at worst), never
  as an error of the fast path.

ansible-core interfaces: the public action plugin API (ActionBase.run, ansible.builtin.normal for
the module way), ArgumentSpecValidator and its public result (validated_parameters, errors),
AnsibleModule's PASSWORD_MATCH, and, chosen by feature detection in core_interfaces.py, the module
serialization profiles or AnsibleJSONEncoder, ansible.module_utils.secrets or remove_values, and the
INJECT_INVOCATION setting. Private interfaces still used (core_interfaces.PRIVATE_INTERFACES, each
probed in the worker before the first task of the fast path sends a request):

* `ValidationResult._no_log_values` and `ValidationResult._warnings`: the no_log values that must
  stay out of the answer and the alias warnings of the task's options. AnsibleModule reads them
  from its own ArgumentSpecValidator; the public result has neither.
* `ActionBase._parse_returned_data` (and, from ansible-core 2.21 on, the `as_result_dict` of the
  task result it returns): reads the answer into the task result exactly as the output of a module
  is read, so the parse flag, a failure's captured error ("Module failed"), warnings and
  deprecations are the module way's. No public interface reads a module's answer without shipping
  and running the module.
* `ActionBase._compute_environment_string`: the task's `environment:`, templated and merged as the
  module process gets it, laid over the worker's environment while the task runs (env fallbacks,
  proxies, CA bundles); the action plugin API has no public accessor.
* `Task._uuid` (not probed): tells one task from the next in a worker, so the items of a loop share
  their API objects (plugin_utils/task_connections.py); without it every item gets its own.

Either way, a module that declares `secret_result` (plutora_token) gets its result marked
`_ansible_no_log` whenever it may hold the secret: ansible-core then hides it from every callback,
as no_log would, while `register` keeps the value for later tasks. A clean failure (a redacted
message, no secret) stays visible, so a refused login or a wrong URL says why.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import importlib
import json
import os
import re

from ansible.errors import AnsibleActionFail
from ansible.module_utils.parsing.convert_bool import boolean
from ansible.plugins.action import ActionBase
from ansible.plugins.action.normal import ActionModule as NormalAction
from ansible.release import __version__ as CORE_VERSION
from ansible.utils.display import Display
from ansible.utils.vars import merge_hash

try:
    # Imported here, not at first use: Ansible's strategy loads the action plugin class in its main
    # process before it forks the worker of each task, so every worker inherits these (requests
    # among them) instead of importing them again. Whatever fails here only sends tasks to their modules.
    from ansible_collections.envops.environments.plugins.module_utils import rest_client
    from ansible_collections.envops.environments.plugins.plugin_utils import core_interfaces, in_controller
    from ansible_collections.envops.environments.plugins.plugin_utils.task_connections import TASK_CONNECTIONS
    IMPORT_ERROR = None
except Exception as exc:  # pylint: disable=broad-except
    rest_client = core_interfaces = in_controller = TASK_CONNECTIONS = None
    IMPORT_ERROR = "cannot import the fast path: %s: %s" % (type(exc).__name__, exc)

display = Display()

COLLECTION = "envops.environments"
MODULES_PACKAGE = "ansible_collections.envops.environments.plugins.modules"
SWITCH_VARIABLE = "envops_controller_fast_path"
SWITCH_ENVIRONMENT = "ENVOPS_CONTROLLER_FAST_PATH"
LOCAL_TRANSPORTS = frozenset(("local", "ansible.builtin.local", "ansible.legacy.local"))
# Before ansible-core 2.19 a loop's overall result is not censored when only its items say no_log,
# and callbacks that print it whole (minimal, oneline, json) show the items (checked on 2.16).
LOOP_RESULT_UNCENSORED = tuple(int(n) for n in re.findall(r"\d+", CORE_VERSION)[:2]) < (2, 19)
_warned_loops = set()
_warned_fallbacks = set()


def load_definition(action):
    """(ModuleDefinition, None) of one of this collection's modules, or (None, why there is none)."""
    prefix = COLLECTION + "."
    if not action or not action.startswith(prefix):
        return None, "%s is not a module of %s" % (action, COLLECTION)
    try:
        module = importlib.import_module("%s.%s" % (MODULES_PACKAGE, action[len(prefix):]))
    except Exception as exc:  # pylint: disable=broad-except
        return None, "the controller cannot import it (%s)" % exc
    definition = getattr(module, "DEFINITION", None)
    if definition is None:
        return None, "it declares no DEFINITION"
    return definition, None


def may_hold_secret(definition, result):
    """Whether the result of a `secret_result` module may carry its secret: a success, a failure
    that holds the result key anyway, or a module's raw output the controller could not parse.
    A failure made by perform() carries only its redacted message and details."""
    if not result.get("failed"):
        return True
    return any(key in result for key in (definition.result_key, "module_stdout", "module_stderr"))


def warn_fallback_once(reason):
    """One warning per worker process that the fast path cannot run on this core, and why."""
    if reason in _warned_fallbacks:
        return
    _warned_fallbacks.add(reason)
    display.warning("%s: the controller fast path cannot run on ansible-core %s (%s); its tasks run as modules. "
                    "Set %s=false to silence this." % (COLLECTION, CORE_VERSION, reason, SWITCH_ENVIRONMENT))


def plain_result(answer):
    """A module answer as a plain JSON round trip: what is left when the controller cannot read it."""
    return json.loads(json.dumps(answer, default=str))


@contextlib.contextmanager
def environment(overlay):
    """os.environ with `overlay` on top (the task's environment: keyword), restored afterwards.

    Ansible forks a worker per task and host, so this changes only the process running this task.
    """
    saved = dict((name, os.environ.get(name)) for name in overlay)
    try:
        for name, value in overlay.items():
            os.environ[name] = str(value)  # as the shell's env_prefix renders it
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class FastPathAction(NormalAction):
    """Runs the task's module in the controller when it may, as the module otherwise (what
    ansible.builtin.normal, the action of every module without its own, does)."""

    def __init_subclass__(cls, **kwargs):
        super(FastPathAction, cls).__init_subclass__(**kwargs)
        # plugins/action/X.py is the action of module X: import X now, in Ansible's main process,
        # so that the workers of its tasks inherit it (see the imports above).
        load_definition("%s.%s" % (COLLECTION, cls.__module__.rsplit(".", 1)[-1]))

    def run(self, tmp=None, task_vars=None):
        task_vars = task_vars if task_vars is not None else {}
        host = task_vars.get("inventory_hostname")
        definition, reason = load_definition(self._task.resolved_action)
        if definition is not None:
            reason = self.fallback_reason(definition, task_vars)
        result = None
        if reason is None:
            display.vvv("envops fast path: running %s in the controller" % self._task.resolved_action, host=host)
            result, reason = self.run_in_controller(definition, tmp, task_vars)
            if reason is not None:
                warn_fallback_once(reason)
        if result is None:
            display.vvv("envops fast path: running %s as a module: %s" % (self._task.resolved_action, reason),
                        host=host)
            result = super(FastPathAction, self).run(tmp, task_vars)
        if definition is not None and definition.secret_result and may_hold_secret(definition, result):
            # The result is a secret (a token): hidden from every callback as no_log hides it.
            result["_ansible_no_log"] = True
            if self._task.async_val:
                # The final result comes from async_status, not from here; the task's own no_log covers it.
                self._task.no_log = True
            if LOOP_RESULT_UNCENSORED and "ansible_loop_var" in task_vars and not self._task.no_log:
                self.warn_loop_once()
        return result

    def warn_loop_once(self):
        if self._task.resolved_action in _warned_loops:
            return
        _warned_loops.add(self._task.resolved_action)
        display.warning("%s in a loop: ansible-core %s hides each item's result, but callbacks that print the "
                        "loop's whole result (minimal, oneline, json) show them; add no_log: true to this task."
                        % (self._task.resolved_action, CORE_VERSION))

    # The choice ------------------------------------------------------------------------------
    def fallback_reason(self, definition, task_vars):
        """Why this task must run as a module, or None when it can run in the controller."""
        if not self.switched_on(task_vars):
            return "the fast path is turned off (%s / %s)" % (SWITCH_VARIABLE, SWITCH_ENVIRONMENT)
        if self._task.async_val:
            return "the task is async"
        transport = getattr(self._connection, "transport", None)
        if transport not in LOCAL_TRANSPORTS:
            return "the connection is %s, not local" % transport
        if getattr(self._connection, "become", None) is not None:
            return "the task uses become"
        if IMPORT_ERROR is not None:
            warn_fallback_once(IMPORT_ERROR)
            return IMPORT_ERROR
        if not rest_client.HAS_REQUESTS:
            return "the controller's Python cannot import requests"
        limits = in_controller.controller_limits(definition)
        if limits:
            return "the controller cannot apply %s" % ", ".join(limits)
        reason = core_interfaces.unavailable(self)
        if reason is not None:
            warn_fallback_once(reason)
        return reason

    def switched_on(self, task_vars):
        """The envops_controller_fast_path variable, else ENVOPS_CONTROLLER_FAST_PATH; on by default."""
        source, value = SWITCH_VARIABLE, task_vars.get(SWITCH_VARIABLE)
        if value is None:
            source, value = SWITCH_ENVIRONMENT, os.environ.get(SWITCH_ENVIRONMENT)
        if value is None or value == "":
            return True
        value = self._templar.template(value)
        try:
            return boolean(value, strict=True)
        except TypeError:
            raise AnsibleActionFail("%s: '%s' is not a boolean; set it to true or false." % (source, value))

    # The controller way -----------------------------------------------------------------------
    def run_in_controller(self, definition, tmp, task_vars):
        """(result, None), or (None, why the module must run) when the task could not be prepared."""
        # ActionBase's own checks (check mode, async support), without normal's module execution.
        result = ActionBase.run(self, tmp, task_vars)
        with environment(core_interfaces.task_environment(self)):
            try:
                task = in_controller.ControllerTask(
                    definition, self._task.args, self._task.action, check_mode=bool(self._task.check_mode),
                    diff=bool(self._task.diff), verbosity=display.verbosity, no_log=bool(self._task.no_log),
                    inject_invocation=core_interfaces.invocation_wanted(task_vars)).prepare()
            except Exception as exc:  # pylint: disable=broad-except
                # Nothing was sent: the module can still do the task.
                return None, "preparing %s failed: %s: %s" % (self._task.resolved_action, type(exc).__name__, exc)
            scope = (core_interfaces.task_identity(self._task), task_vars.get("inventory_hostname"), os.getpid())
            answer = task.answer(TASK_CONNECTIONS.enter(scope))
        try:
            return merge_hash(result, core_interfaces.read_module_answer(self, answer)), None
        except Exception as exc:  # pylint: disable=broad-except
            display.warning("%s: ansible-core %s could not read the answer of %s (%s: %s); it is returned as plain "
                            "JSON." % (COLLECTION, CORE_VERSION, self._task.resolved_action, type(exc).__name__, exc))
            return merge_hash(result, plain_result(answer)), None
