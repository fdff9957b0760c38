# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run the integration targets with real ansible-playbook -vvvv against the emulator.

Each target in tests/integration/targets is an ansible-test style role. For every target this
script resets the emulator, runs the role from a generated playbook with the connection settings
of tests/integration/integration_config.yml, and then searches the whole -vvvv output for every
secret (configured credentials and every token the emulator issued). A target fails when
ansible-playbook fails, when any secret shows, or when Ansible prints a deprecation warning (the
targets use only this collection and ansible.builtin, so a deprecation is this collection's: an
ansible-core interface it still uses is going away).

Every target runs both ways by default (`--mode both`): with the controller fast path (the
modules' action plugins run them in the controller) and with the fast path turned off
(ENVOPS_CONTROLLER_FAST_PATH=false: every task ships and runs its module). The -vvvv log of each
run shows which way each task went; a run where a task went the other way fails.

Usage: python tests/run_integration.py --collections BUILD_DIR [--mode fast|module|both] [TARGET ...]
"""

from __future__ import absolute_import, division, print_function

import argparse
import os
import subprocess
import sys
import tempfile
import time

import yaml

from harness import Emulator, secret_values

HERE = os.path.dirname(os.path.abspath(__file__))
TARGETS = os.path.join(HERE, "integration", "targets")
OUTPUT = os.path.join(HERE, "output", "integration")
# The switch of plugins/plugin_utils/fast_path.py (it writes a -vvv line naming the way of each task).
SWITCH = {"fast": "true", "module": "false"}
SWITCH_NAMES = "envops_controller_fast_path / ENVOPS_CONTROLLER_FAST_PATH"


def write_integration_config(emu):
    # One file per run: concurrent runs each have their own emulator port.
    handle = tempfile.NamedTemporaryFile("w", prefix="integration_config_", suffix=".yml", delete=False)
    with handle:
        yaml.safe_dump(emu.connection_vars(), handle, default_flow_style=False)
    return handle.name


def wrong_way(mode, output):
    """Lines of the log where a task of the collection did not go the way `mode` asks."""
    lines = [line for line in output.splitlines() if "envops fast path: running envops.environments." in line]
    if mode == "module":
        return [line for line in lines if line.endswith(" in the controller")]
    # Fast: a task goes to its module only for a reason of its own (async, a remote delegate).
    wrong = [line for line in lines if line.endswith(" as a module: the fast path is turned off (%s)" % SWITCH_NAMES)]
    # Or because this ansible-core lacks something the fast path needs (its warning, maybe wrapped, names the core).
    if "the controller fast path cannot" in " ".join(output.split()):
        wrong.append("the fast path warned that it cannot run on this ansible-core")
    if lines and not any(line.endswith(" in the controller") for line in lines):
        wrong.append("no task of the collection ran in the controller")
    return wrong


def deprecation_warnings(output):
    return [line for line in output.splitlines() if "[DEPRECATION WARNING]" in line]


def run_target(name, emu, collections, config_path, verbosity, mode="fast"):
    emu.reset()
    playbook = tempfile.NamedTemporaryFile("w", suffix=".yml", delete=False)
    yaml.safe_dump([{"hosts": "localhost", "gather_facts": False, "vars_files": [config_path],
                     "roles": [name]}], playbook)
    playbook.close()
    env = dict(os.environ)
    env.update({
        "ANSIBLE_COLLECTIONS_PATH": collections,
        "ANSIBLE_ROLES_PATH": TARGETS,
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_FORCE_COLOR": "0",
        "ANSIBLE_LOCALHOST_WARNING": "0",
        "ANSIBLE_INVENTORY_UNPARSED_WARNING": "0",
        "ANSIBLE_DEPRECATION_WARNINGS": "1",
        "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
        "ENVOPS_CONTROLLER_FAST_PATH": SWITCH[mode],
    })
    started = time.time()
    proc = subprocess.run(["ansible-playbook", "-i", "localhost,", "-c", "local", verbosity, playbook.name],
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    elapsed = time.time() - started
    os.unlink(playbook.name)
    os.makedirs(OUTPUT, exist_ok=True)
    with open(os.path.join(OUTPUT, "%s-%s.log" % (name, mode)), "w") as handle:
        handle.write(proc.stdout)
    secrets = secret_values() + emu.admin("GET", "/_admin/issued_tokens")
    leaked = sorted(set(s for s in secrets if s and s in proc.stdout))
    return proc.returncode, leaked, elapsed, proc.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--collections", required=True, help="directory holding ansible_collections/")
    parser.add_argument("--verbosity", default="-vvvv")
    parser.add_argument("--mode", choices=["fast", "module", "both"], default="both",
                        help="fast path, forced module (fast path turned off), or each target both ways")
    parser.add_argument("targets", nargs="*")
    args = parser.parse_args()
    targets = args.targets or sorted(
        t for t in os.listdir(TARGETS)
        if os.path.isdir(os.path.join(TARGETS, t)) and not t.startswith("setup_"))
    failures = 0
    passed = 0
    with Emulator(log_path=os.path.join(OUTPUT, "emulator-%d.log" % os.getpid())) as emu:
        config_path = write_integration_config(emu)
        modes = ["fast", "module"] if args.mode == "both" else [args.mode]
        for name in targets:
            for mode in modes:
                rc, leaked, elapsed, output = run_target(name, emu, args.collections, config_path, args.verbosity, mode)
                other_way = wrong_way(mode, output)
                deprecated = deprecation_warnings(output)
                label = "%s [%s]" % (name, mode)
                if rc == 0 and not leaked and not other_way and not deprecated:
                    passed += 1
                    print("PASS %-40s %6.1fs" % (label, elapsed))
                    continue
                failures += 1
                reason = ("ansible-playbook exited %d" % rc if rc else "secret leaked into output" if leaked
                          else "a task did not run the %s way" % mode if other_way
                          else "deprecation warning")
                print("FAIL %-40s %6.1fs  %s" % (label, elapsed, reason))
                if leaked:
                    print("     %d secret value(s) found in the -vvvv output (see tests/output/integration/%s-%s.log)"
                          % (len(leaked), name, mode))
                for line in other_way[:5] + deprecated[:5]:
                    print("     " + line)
                if rc:
                    print("\n".join("     " + line for line in output.splitlines()[-60:]))
    os.unlink(config_path)
    print("integration: %d passed, %d failed" % (passed, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
