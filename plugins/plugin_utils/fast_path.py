# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The controller fast path: the one action plugin behind every module of the collection.

When a task runs on the controller (a local connection: `localhost`, `connection: local`,
`delegate_to: localhost`), the module's own ModuleDefinition runs in the controller's worker
process (plugin_utils/in_controller.py), without shipping the module and starting a Python process
for it. Everything else runs the ordinary module, exactly as ansible.builtin.normal would:

* the fast path is turned off (the `envops_controller_fast_path` variable, or the controller's
  ENVOPS_CONTROLLER_FAST_PATH environment variable when the variable is not set);
* the connection is not local (a delegated remote host), or the task uses `become`;
* the task is `async`;
* `requests` cannot be imported by the controller's Python;
* the module is not one this collection can run in the controller.

Either way, a module that declares `secret_result` (plutora_token) gets its result marked
`_ansible_no_log` whenever it may hold the secret: ansible-core then hides it from every callback,
as no_log would, while `register` keeps the value for later tasks. A clean failure (a redacted
message, no secret) stays visible, so a refused login or a wrong URL says why.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import importlib
import os

from ansible.errors import AnsibleActionFail
from ansible.module_utils.common.text.converters import to_text
from ansible.module_utils.parsing.convert_bool import boolean
from ansible.module_utils.compat.version import LooseVersion
from ansible.plugins.action import ActionBase
from ansible.plugins.action.normal import ActionModule as NormalAction
from ansible.release import __version__ as ansible_version
from ansible.utils.display import Display
from ansible.utils.vars import merge_hash

from ansible_collections.envops.environments.plugins.module_utils import rest_client
from ansible_collections.envops.environments.plugins.plugin_utils.in_controller import (
    run_in_controller,
    unsupported_keywords,
)
from ansible_collections.envops.environments.plugins.plugin_utils.task_connections import TASK_CONNECTIONS

display = Display()

COLLECTION = "envops.environments"
MODULES_PACKAGE = "ansible_collections.envops.environments.plugins.modules"
SWITCH_VARIABLE = "envops_controller_fast_path"
SWITCH_ENVIRONMENT = "ENVOPS_CONTROLLER_FAST_PATH"
LOCAL_TRANSPORTS = frozenset(("local", "ansible.builtin.local", "ansible.legacy.local"))
# Before ansible-core 2.19 a loop's overall result is not censored when only its items say no_log,
# and callbacks that print it whole (minimal, oneline, json) show the items (checked on 2.16).
LOOP_RESULT_UNCENSORED = LooseVersion(ansible_version) < LooseVersion("2.19")
_warned_loops = set()


def load_definition(action):
    """(ModuleDefinition, None) of one of this collection's modules, or (None, why there is none)."""
    prefix = COLLECTION + "."
    if not action or not action.startswith(prefix):
        return None, "%s is not a module of %s" % (action, COLLECTION)
    try:
        module = importlib.import_module("%s.%s" % (MODULES_PACKAGE, action[len(prefix):]))
    except Exception as exc:  # pylint: disable=broad-except
        return None, "the controller cannot import it (%s)" % to_text(exc)
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

    def run(self, tmp=None, task_vars=None):
        task_vars = task_vars if task_vars is not None else {}
        host = task_vars.get("inventory_hostname")
        definition, reason = load_definition(self._task.resolved_action)
        if definition is not None:
            reason = self.fallback_reason(definition, task_vars)
        if reason is None:
            display.vvv("envops fast path: running %s in the controller" % self._task.resolved_action, host=host)
            result = self.run_in_controller(definition, tmp, task_vars)
        else:
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
        if self._task._uuid in _warned_loops:
            return
        _warned_loops.add(self._task._uuid)
        display.warning("%s in a loop: ansible-core %s hides each item's result, but callbacks that print the "
                        "loop's whole result (minimal, oneline, json) show them; add no_log: true to this task."
                        % (self._task.resolved_action, ansible_version))

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
        if not rest_client.HAS_REQUESTS:
            return "the controller's Python cannot import requests"
        unsupported = unsupported_keywords(definition)
        if unsupported:
            return "the controller cannot apply %s" % ", ".join(unsupported)
        return None

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

    # The two ways -----------------------------------------------------------------------------
    def run_in_controller(self, definition, tmp, task_vars):
        # ActionBase's own checks (check mode, async support), without normal's module execution.
        result = ActionBase.run(self, tmp, task_vars)
        scope = (self._task._uuid, task_vars.get("inventory_hostname"), os.getpid())
        with environment(self.module_environment()):
            outcome = run_in_controller(
                definition, self._task.args, self._task.action,
                check_mode=bool(self._task.check_mode), diff=bool(self._task.diff),
                verbosity=display.verbosity, no_log=bool(self._task.no_log),
                connections=TASK_CONNECTIONS.enter(scope))
        return merge_hash(result, outcome)

    def module_environment(self):
        """The variables the module process would get on top of the controller's environment."""
        overlay = {}
        self._compute_environment_string(overlay)
        return overlay
