# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every ansible-core interface of the controller fast path that differs between cores or is private.

Public interfaces that changed between cores: one code path per capability, chosen by feature
detection (never by version number), so a core that has never been seen takes the path of the
capability it offers:

* the trip of arguments and answers between controller and module: the module serialization
  profiles (`get_module_encoder`, `get_module_decoder`, ansible-core 2.19 and later), else
  `AnsibleJSONEncoder`;
* how AnsibleModule keeps no_log values out of its answer: registered with
  `ansible.module_utils.secrets` (2.22 and later: Ansible masks them wherever it shows them and the
  answer keeps them; `register_with_ansible` in module_utils/redaction.py), else masked in the
  answer by `remove_values`, None and booleans at the top kept;
* `invocation` in the answer: only under the INJECT_INVOCATION setting when AnsibleModule honours
  `_ansible_inject_invocation` (`PASS_VARS`, 2.21 and later), else always.

Private interfaces, each named once in PRIVATE_INTERFACES with why it is needed and a probe that
checks it behaves as expected. `unavailable()` runs the probes once per worker process, before the
first task of the fast path sends a request; a failed probe sends every task to its module.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible import constants as C
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.common.parameters import PASS_VARS
from ansible.module_utils.common.text.converters import to_text
from ansible.release import __version__ as CORE_VERSION

from ansible_collections.envops.environments.plugins.module_utils.redaction import register_with_ansible

try:  # ansible-core 2.19 and later: the module serialization profiles
    from ansible.module_utils.common.json import Direction, get_module_decoder, get_module_encoder
except ImportError:  # ansible-core 2.16 to 2.18
    Direction = get_module_decoder = get_module_encoder = None
    from ansible.module_utils.common.json import AnsibleJSONEncoder
if register_with_ansible is None:  # before ansible-core 2.22 (deprecated there)
    from ansible.module_utils.common.parameters import remove_values
else:
    remove_values = None

# The profile of a collection's module that declares none.
SERIALIZATION_PROFILE = "legacy"
INJECT_INVOCATION_HONOURED = "inject_invocation" in PASS_VARS


# Public capabilities ------------------------------------------------------------------------------

def as_module_arguments(args):
    """The task arguments as the module process would decode them."""
    if get_module_encoder is None:
        return json.loads(json.dumps(args, cls=AnsibleJSONEncoder, vault_to_text=True))
    encoder = get_module_encoder(SERIALIZATION_PROFILE, Direction.CONTROLLER_TO_MODULE)
    decoder = get_module_decoder(SERIALIZATION_PROFILE, Direction.CONTROLLER_TO_MODULE)
    return json.loads(json.dumps(args, cls=encoder), cls=decoder)


def answer_text(answer):
    """The module's answer as its process prints it."""
    if get_module_encoder is None:
        return json.dumps(answer, cls=AnsibleJSONEncoder)
    return json.dumps(answer, cls=get_module_encoder(SERIALIZATION_PROFILE, Direction.MODULE_TO_CONTROLLER))


def keep_no_log_values_out(answer, no_log_values):
    """What AnsibleModule does with its no_log values before it prints its answer."""
    if register_with_ansible is not None:
        register_with_ansible(no_log_values)
        return answer
    preserved = dict((k, v) for k, v in answer.items() if v is None or isinstance(v, bool))
    answer = remove_values(answer, no_log_values)
    answer.update(preserved)
    return answer


def invocation_wanted(task_vars):
    """Whether the module's answer would carry `invocation` for this task."""
    if not INJECT_INVOCATION_HONOURED:
        return True
    return bool(C.config.get_config_value("INJECT_INVOCATION", variables=task_vars))


# Private interfaces -------------------------------------------------------------------------------

def validation_details(result):
    """(no_log values, alias warnings) of an ArgumentSpecValidator result, as AnsibleModule reads them.

    PRIVATE: ValidationResult._no_log_values and ValidationResult._warnings.
    """
    no_log_values = set(result._no_log_values)  # pylint: disable=protected-access
    warnings = ["Both option %s and its alias %s are set." % (w["option"], w["alias"])
                for w in result._warnings]  # pylint: disable=protected-access
    return no_log_values, warnings


def read_module_output(action, stdout):
    """The task result the controller makes of a module's output (its printed answer).

    PRIVATE: ActionBase._parse_returned_data, and on ansible-core 2.21 and later the task result it
    returns (`as_result_dict(for_round_trip=True)`, what ActionBase._execute_module returns).
    """
    output = {"stdout": stdout, "stderr": "", "rc": 0}
    if get_module_encoder is None:
        parsed = action._parse_returned_data(output)  # pylint: disable=protected-access
    else:
        parsed = action._parse_returned_data(output, SERIALIZATION_PROFILE)  # pylint: disable=protected-access
    if not isinstance(parsed, dict):
        parsed = parsed.as_result_dict(for_round_trip=True)
    return parsed


def read_module_answer(action, answer):
    """The task result the controller makes of this answer, as if a module process had printed it."""
    return read_module_output(action, answer_text(answer))


def task_environment(action):
    """The variables the module process would get on top of the controller's environment (the task's
    `environment:`, templated and merged).

    PRIVATE: ActionBase._compute_environment_string.
    """
    overlay = {}
    action._compute_environment_string(overlay)  # pylint: disable=protected-access
    return overlay


def task_identity(task):
    """What tells this task from the next one in a worker process; the same for all its loop items.

    PRIVATE: Task._uuid. Without it each item is a task of its own (no API object shared by items).
    """
    return getattr(task, "_uuid", None) or id(task)


PROBE_SECRET = "envops-probe-no-log-value"


def probe_validation_details(action):
    spec = {"secret": {"type": "str", "no_log": True}, "name": {"type": "str", "aliases": ["label"]}}
    result = ArgumentSpecValidator(spec).validate({"secret": PROBE_SECRET, "name": "a", "label": "a"})
    no_log_values, warnings = validation_details(result)
    if PROBE_SECRET not in no_log_values:
        return "the no_log values of an argument spec validation are not in ValidationResult._no_log_values"
    if warnings != ["Both option name and its alias label are set."]:
        return "the alias warnings of an argument spec validation are not in ValidationResult._warnings"
    return None


def probe_read_module_answer(action):
    result = read_module_output(action, answer_text({"changed": False, "envops_probe": "answer"}))
    if not isinstance(result, dict) or result.get("envops_probe") != "answer" or result.get("changed") is not False \
            or result.get("failed"):
        return "ActionBase._parse_returned_data does not read a module's answer into a task result"
    return None


def probe_task_environment(action):
    if not isinstance(task_environment(action), dict):
        return "ActionBase._compute_environment_string does not give the task's environment"
    return None


class PrivateInterface:
    """probe(action) -> None, or why the interface does not behave as the fast path needs; None for an
    interface the fast path does without (less well) when it is missing."""

    def __init__(self, name, why, probe):
        self.name = name
        self.why = why
        self.probe = probe


PRIVATE_INTERFACES = (
    PrivateInterface(
        "ValidationResult._no_log_values, ValidationResult._warnings",
        "the no_log values to keep out of the answer and the alias warnings of the task's options, as "
        "AnsibleModule reads them from its ArgumentSpecValidator; the public result has neither",
        probe_validation_details),
    PrivateInterface(
        "ActionBase._parse_returned_data",
        "reads the answer into the task result exactly as a module's output is read (the parse flag, "
        "a failure's captured error, warnings and deprecations); no public interface reads a module's "
        "answer without shipping and running the module",
        probe_read_module_answer),
    PrivateInterface(
        "ActionBase._compute_environment_string",
        "the task's `environment:` (templated and merged, as the module process gets it), laid over the "
        "worker's environment while the task runs; the action plugin API has no public accessor",
        probe_task_environment),
    PrivateInterface(
        "Task._uuid",
        "tells one task from the next in a worker, so the items of a loop share their API objects "
        "(one session, one Plutora token); without it every item gets its own",
        None),
)

_probed = {}


def unavailable(action):
    """None when every private interface behaves as expected on this core, else why not.

    Probed once per worker process (the first task of the fast path in it), before any request.
    """
    if "reason" not in _probed:
        _probed["reason"] = None
        for interface in PRIVATE_INTERFACES:
            if interface.probe is None:
                continue
            try:
                why = interface.probe(action)
            except Exception as exc:  # pylint: disable=broad-except
                why = "%s fails: %s: %s" % (interface.name, type(exc).__name__, to_text(exc))
            if why:
                _probed["reason"] = why
                break
    return _probed["reason"]
