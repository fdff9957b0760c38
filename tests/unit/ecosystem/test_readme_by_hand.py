# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The README's "Run a playbook by hand against the emulator" block, run as a user pastes it.

Three things differ from a user's shell, each for a reason: the port is a free one (other runs use
their own emulators at the same time), the collection comes from the tree under test instead of
build/demo-collections (what `make demo` installs), and `.venv` is the Python running this test.
The block runs in a scratch folder holding the clone's tests/ and playbooks/, so its build/ files
never land in the clone.
"""

from __future__ import absolute_import, division, print_function

import os
import re
import socket
import subprocess
import sys
import time

from harness import free_port

COLLECTION = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
COLLECTIONS_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(COLLECTION)))
HEADING = "## Run a playbook by hand against the emulator"
RECAP = re.compile(r"^localhost\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=0\s+failed=0", re.M)


def readme_block():
    with open(os.path.join(COLLECTION, "README.md")) as handle:
        readme = handle.read()
    section = readme.split(HEADING, 1)[1]
    return re.search(r"```sh\n(.*?)```", section, re.S).group(1)


def listening(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def test_the_block_names_what_a_user_needs():
    block = readme_block()
    for needed in ("--background", "--pid-file", "FLEXDEPLOY_MDS_PASS=", "-e export_dir=", 'kill "$(cat '):
        assert needed in block, needed
    for variable in ("PLUTORA_API_URL", "PLUTORA_CLIENT_ID", "PLUTORA_CLIENT_SECRET", "PLUTORA_USERNAME",
                     "PLUTORA_PASSWORD", "FLEXDEPLOY_API_URL", "FLEXDEPLOY_USERNAME", "FLEXDEPLOY_PASSWORD",
                     "RPM_API_URL", "RPM_TOKEN"):
        assert " %s=" % variable in block, variable


def test_the_block_runs_as_written(tmp_path):
    block = readme_block()
    port = free_port()
    substitutions = (
        (". .venv/bin/activate", 'export PATH="%s:$PATH"' % os.path.dirname(sys.executable)),
        ('"$PWD/build/demo-collections"', '"%s"' % COLLECTIONS_ROOT),
        ("8765", str(port)),
    )
    for old, new in substitutions:
        assert old in block, old
        block = block.replace(old, new)
    for name in ("tests", "playbooks"):
        os.symlink(os.path.join(COLLECTION, name), str(tmp_path / name))
    (tmp_path / "build").mkdir()
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith(("PLUTORA_", "FLEXDEPLOY_", "RPM_")))
    env.update(ANSIBLE_NOCOLOR="1", ANSIBLE_PYTHON_INTERPRETER=sys.executable)
    pid_file = tmp_path / "build" / "emulator.pid"
    try:
        proc = subprocess.run(["bash", "-e", "-c", block], cwd=str(tmp_path), env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, timeout=600, check=False)
    finally:
        if pid_file.exists():  # the block failed before its last line: stop the emulator it started
            os.kill(int(pid_file.read_text()), 15)
    output = proc.stdout
    assert proc.returncode == 0, output
    assert "emulator listening on http://127.0.0.1:%d (process" % port in output, output
    recaps = RECAP.findall(output)
    assert len(recaps) == 2, output
    assert int(recaps[0][1]) > 0, "rpm_environments.yml creates the QA and UAT environments: %s" % output
    assert sorted(os.listdir(str(tmp_path / "build" / "my-export"))) == ["apply.yml", "flexdeploy.yml",
                                                                         "plutora.yml", "rpm.yml"]
    # The block's two ANSIBLE_*_WARNING settings keep the implicit-localhost notices out.
    assert "implicit localhost" not in output and "No inventory was parsed" not in output, output
    # The block's last line stopped the emulator: the port is free again and the pid file gone.
    deadline = time.time() + 20
    while (listening(port) or pid_file.exists()) and time.time() < deadline:
        time.sleep(0.2)
    assert not listening(port) and not pid_file.exists()
