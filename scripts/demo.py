# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The main job: build and install the collection, start the emulator, run every playbook in
playbooks/ twice against it, and show that the second run changes nothing.

Exit status 1 when a playbook fails or its second run reports a change.
"""

from __future__ import absolute_import, division, print_function

import glob
import json
import os
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))

from harness import Emulator  # noqa: E402

INSTALL_DIR = os.path.join(ROOT, "build", "demo-collections")
RECAP = re.compile(r"^localhost\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)


def sh(cmd, **kwargs):
    return subprocess.run(cmd, check=True, **kwargs)


def build_and_install():
    """ansible-galaxy collection build + install: the demo runs the installed copy, as users do."""
    dist = os.path.join(ROOT, "build", "dist")
    os.makedirs(dist, exist_ok=True)
    for old in glob.glob(os.path.join(dist, "*.tar.gz")):
        os.unlink(old)
    staged = subprocess.run(["bash", os.path.join(ROOT, "scripts", "stage.sh"), "build"], check=True,
                            stdout=subprocess.PIPE, text=True).stdout.strip()
    source = os.path.join(staged, "ansible_collections", "envops", "environments")
    sh(["ansible-galaxy", "collection", "build", "--force", "--output-path", dist, source],
       stdout=subprocess.DEVNULL)
    tarball = glob.glob(os.path.join(dist, "envops-environments-*.tar.gz"))[0]
    sh(["ansible-galaxy", "collection", "install", "--force", "-p", INSTALL_DIR, tarball],
       stdout=subprocess.DEVNULL, env=dict(os.environ, ANSIBLE_COLLECTIONS_PATH=INSTALL_DIR))
    print("built %s and installed it in %s" % (os.path.relpath(tarball, ROOT), os.path.relpath(INSTALL_DIR, ROOT)))
    return tarball


# Extra variables a playbook asks of its user.
EXPORT_DIR = os.path.join(ROOT, "build", "demo-export")
EMULATOR_LOG = os.path.join(ROOT, "build", "demo-emulator.log")
REQUEST_LOG = os.path.join(ROOT, "build", "demo-requests.json")
EXTRA_VARS = {"export.yml": ["-e", "export_dir=" + EXPORT_DIR]}


def run_playbook(path, env):
    started = time.time()
    extra = EXTRA_VARS.get(os.path.basename(path), [])
    proc = subprocess.run(["ansible-playbook", "-i", "localhost,", "-c", "local", path] + extra, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    match = RECAP.search(proc.stdout)
    changed = int(match.group(2)) if match else None
    return proc.returncode, changed, time.time() - started, proc.stdout


def where(path):
    return os.path.relpath(path, ROOT)


def main():
    try:
        tarball = build_and_install()
    except subprocess.CalledProcessError as exc:
        print("demo: building or installing the collection failed (%s exited %d)" % (exc.cmd[0], exc.returncode))
        return 1
    # The export writes what this run's fresh emulator holds; files of an earlier run would hide that.
    shutil.rmtree(EXPORT_DIR, ignore_errors=True)
    playbooks = sorted(glob.glob(os.path.join(ROOT, "playbooks", "*.yml")))
    failures = 0
    with Emulator(log_path=EMULATOR_LOG) as emu:
        print("emulator on %s (output: %s)" % (emu.url, where(EMULATOR_LOG)))
        env = dict(os.environ)
        env.update(emu.connection_env())
        # Inputs the example playbooks ask of their user (a secret, so it comes from the environment).
        env.setdefault("FLEXDEPLOY_MDS_PASS", "demo-mds-schema-pass")
        env.update({"ANSIBLE_COLLECTIONS_PATH": INSTALL_DIR, "ANSIBLE_NOCOLOR": "1",
                    "ANSIBLE_LOCALHOST_WARNING": "0", "ANSIBLE_INVENTORY_UNPARSED_WARNING": "0",
                    "ANSIBLE_ROLES_PATH": os.path.join(ROOT, "roles"),
                    "ANSIBLE_PYTHON_INTERPRETER": sys.executable})
        print("\n%-40s %-22s %-22s" % ("playbook", "first run", "second run"))
        for path in playbooks:
            name = os.path.relpath(path, ROOT)
            rc1, changed1, t1, out1 = run_playbook(path, env)
            rc2, changed2, t2, out2 = run_playbook(path, env) if rc1 == 0 else (None, None, 0, "")
            ok = rc1 == 0 and rc2 == 0 and changed2 == 0
            print("%-40s changed=%-3s %6.1fs    changed=%-3s %6.1fs  %s"
                  % (name, changed1, t1, changed2, t2, "ok" if ok else "FAILED"))
            if not ok:
                failures += 1
                print((out2 if rc1 == 0 else out1)[-4000:])
        # What the playbooks sent, as the emulator recorded it (secrets in query strings masked).
        sent = emu.requests()
        with open(REQUEST_LOG, "w") as handle:
            json.dump(sent, handle, indent=1)
    print("\ndemo: %d playbooks converged and re-ran unchanged, %d failed" % (len(playbooks) - failures, failures))
    print("The emulator on %s has stopped. What the demo left in build/ (make clean removes it):" % emu.url)
    files = ", ".join(sorted(os.listdir(EXPORT_DIR))) if os.path.isdir(EXPORT_DIR) else "not written"
    exported = "%s/ (%s)" % (where(EXPORT_DIR), files)
    for what, path in (("collection tarball", tarball),
                       ("installed collection", os.path.join(INSTALL_DIR, "ansible_collections", "envops",
                                                             "environments")),
                       ("export", exported),
                       ("the %d requests sent" % len(sent), REQUEST_LOG),
                       ("emulator output", EMULATOR_LOG)):
        print("  %-22s %s" % (what + ":", where(path) if os.path.isabs(path) else path))
    print('To run a playbook yourself: README.md, "Run a playbook by hand against the emulator".')
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
