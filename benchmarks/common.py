# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the benchmark scripts share: running modules through real ansible, timing tasks, and
reading the emulator's request log."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import subprocess
import sys
import tempfile

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))

from harness import Emulator  # noqa: E402  (needs tests/ on sys.path)

__all__ = ["CALLBACKS", "Emulator", "ansible_env", "core_version", "markdown_table", "registered_result",
           "run_module_task", "run_timed_playbook"]

CALLBACKS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "callback_plugins")


def ansible_env(collections, venv=None, **extra):
    """The environment of an ansible run: this Python's ansible, or the one of virtual environment `venv`."""
    env = dict(os.environ)
    env.update({
        "ANSIBLE_COLLECTIONS_PATH": collections,
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_LOCALHOST_WARNING": "0",
        "ANSIBLE_INVENTORY_UNPARSED_WARNING": "0",
        "ANSIBLE_PYTHON_INTERPRETER": os.path.join(venv, "bin", "python") if venv else sys.executable,
        "ANSIBLE_CALLBACK_PLUGINS": CALLBACKS,
    })
    if venv:
        env["PATH"] = os.path.join(venv, "bin") + os.pathsep + env.get("PATH", "")
    env.update(extra)
    return env


def core_version(venv=None):
    """The ansible-core version of virtual environment `venv` (default: this Python's)."""
    python = os.path.join(venv, "bin", "python") if venv else sys.executable
    return subprocess.run([python, "-c", "from ansible.release import __version__; print(__version__)"],
                          stdout=subprocess.PIPE, text=True, check=True).stdout.strip()


def run_module_task(collections, module, args):
    """One ad-hoc task on localhost; returns its result dict (parsed from the one-host output)."""
    env = ansible_env(collections, ANSIBLE_STDOUT_CALLBACK="ansible.builtin.minimal")
    proc = subprocess.run(["ansible", "localhost", "-c", "local", "-i", "localhost,", "-m",
                           "envops.environments." + module, "-a", json.dumps(args)],
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=600, check=False)
    # "localhost | CHANGED => {...}" (or SUCCESS / FAILED!)
    start = proc.stdout.find("=> {")
    if start < 0:
        raise RuntimeError("ansible %s gave no result: %s %s" % (module, proc.stdout[-2000:], proc.stderr[-2000:]))
    return json.loads(proc.stdout[start + 3:])


def registered_result(collections, module, args):
    """One task run by ansible-playbook; its registered result, even one its output hides
    (plutora_token's token)."""
    with tempfile.TemporaryDirectory() as tmp:
        playbook = os.path.join(tmp, "task.yml")
        result = os.path.join(tmp, "result.json")
        with open(playbook, "w") as handle:
            yaml.safe_dump([{"hosts": "localhost", "gather_facts": False, "tasks": [
                {"envops.environments." + module: args, "register": "result"},
                {"ansible.builtin.copy": {"dest": result, "content": "{{ result | to_json }}"}}]}], handle)
        proc = subprocess.run(["ansible-playbook", "-i", "localhost,", "-c", "local", playbook],
                              env=ansible_env(collections), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              timeout=600, check=False)
        if proc.returncode != 0:
            raise RuntimeError("ansible-playbook %s failed:\n%s" % (module, proc.stdout[-2000:]))
        with open(result) as handle:
            return json.load(handle)


def run_timed_playbook(collections, plays, venv=None):
    """Run a playbook (with the ansible of virtual environment `venv`, default this Python's);
    return ({task name: seconds} from the task_timer callback, its output)."""
    with tempfile.TemporaryDirectory() as tmp:
        playbook = os.path.join(tmp, "bench.yml")
        timings = os.path.join(tmp, "timings.json")
        with open(playbook, "w") as handle:
            yaml.safe_dump(plays, handle)
        env = ansible_env(collections, venv, ANSIBLE_CALLBACKS_ENABLED="task_timer", BENCH_TIMINGS=timings)
        proc = subprocess.run(["ansible-playbook", "-i", "localhost,", "-c", "local", playbook], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=3600, check=False)
        if proc.returncode != 0:
            raise RuntimeError("benchmark playbook failed:\n" + proc.stdout[-4000:])
        with open(timings) as handle:
            return json.load(handle), proc.stdout


def markdown_table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines.extend("| " + " | ".join(str(cell) for cell in row) + " |" for row in rows)
    return "\n".join(lines)
