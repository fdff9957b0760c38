# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The built collection tarball ships the licence it claims and only what users need."""

from __future__ import absolute_import, division, print_function

import glob
import json
import os
import re
import signal
import subprocess
import sys
import tarfile
import time
import urllib.request

import pytest

COLLECTION = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
GALAXY = os.path.join(os.path.dirname(sys.executable), "ansible-galaxy")
# Development only: never in the tarball.
LEFT_OUT = ("Makefile", "benchmarks/", "scripts/", "extensions/molecule/", "tools/", "requirements/", ".ansible-lint",
            "changelogs/fragments/", "changelogs/.plugin-cache.yaml", "tests/unit/", "tests/integration/", "tests/faults/", "tests/security/",
            "tests/bad_input/", "tests/harness.py", "tests/action_stand_in.py", "tests/run_integration.py", "tests/run_awx_jobs.py", ".git/")
# What users run and read.
SHIPPED = ("README.md", "CHANGELOG.rst", "changelogs/changelog.yaml", "requirements.txt", "bindep.txt",
           "meta/runtime.yml", "meta/execution-environment.yml", "meta/credential_types/plutora.yml",
           "plugins/modules/rpm_environment.py", "plugins/inventory/plutora.py", "roles/plutora_environment_stack/tasks/main.yml",
           "playbooks/plutora_walkthrough.yml", "docs/awx.md", "docs/api-reference.md", "tests/emulator/__main__.py",
           "tests/emulator/requirements.txt")


@pytest.fixture(scope="module")
def tarball(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    proc = subprocess.run([GALAXY, "collection", "build", "--force", "--output-path", str(out), COLLECTION],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    assert proc.returncode == 0, proc.stdout
    path = glob.glob(str(out / "envops-environments-*.tar.gz"))[0]
    with tarfile.open(path) as archive:
        yield archive


def read(archive, name):
    member = archive.getmember(name)
    while member.issym():
        name = os.path.normpath(os.path.join(os.path.dirname(name), member.linkname))
        member = archive.getmember(name)
    return archive.extractfile(member).read().decode("utf-8")


def test_the_licence_ships(tarball):
    text = read(tarball, "LICENSES/GPL-3.0-or-later.txt")
    assert "GNU GENERAL PUBLIC LICENSE" in text and "Version 3, 29 June 2007" in text
    assert "END OF TERMS AND CONDITIONS" in text
    assert read(tarball, "COPYING") == text
    manifest = json.loads(read(tarball, "MANIFEST.json"))
    assert manifest["collection_info"]["license"] == ["GPL-3.0-or-later"]
    assert manifest["collection_info"]["license_file"] is None


def test_only_what_users_need(tarball):
    names = tarball.getnames()
    for name in SHIPPED:
        assert name in names, name
    unwanted = sorted(n for n in names if n.startswith(LEFT_OUT) or n.rstrip("/") + "/" in LEFT_OUT)
    assert unwanted == []
    # Of tests/, users get the emulator (how they try the collection); test helpers stay behind.
    test_files = sorted(n for n in names if n.startswith("tests/") and not n.startswith("tests/emulator"))
    assert test_files == []


def test_every_source_file_points_to_a_licence_that_ships(tarball):
    names = set(tarball.getnames())
    for name in names:
        if name.endswith(".py"):
            header = read(tarball, name)[:400]
            if "LICENSES/" in header:
                assert "LICENSES/GPL-3.0-or-later.txt" in header, name
    assert "LICENSES/GPL-3.0-or-later.txt" in names


def test_the_emulator_runs_from_the_tarball(tarball, tmp_path):
    """As the README tells users of an installed collection: its tests/ on PYTHONPATH, started in the
    background on a free port, answering, and gone after `kill` of the pid it wrote."""
    unpacked = tmp_path / "envops" / "environments"
    safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}  # no DeprecationWarning on 3.12+
    tarball.extractall(str(unpacked), members=[m for m in tarball.getmembers() if m.name.startswith("tests/")], **safe)
    pid_file = tmp_path / "emulator.pid"
    env = dict(os.environ, PYTHONPATH=str(unpacked / "tests"))
    proc = subprocess.run([sys.executable, "-m", "emulator", "--port", "0", "--quiet", "--background",
                           "--pid-file", str(pid_file)], cwd=str(tmp_path), env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stdout
    pid = int(pid_file.read_text())
    try:
        url = re.search(r"emulator listening on (http://127\.0\.0\.1:\d+) \(process %d in the background" % pid,
                        proc.stdout).group(1)
        with urllib.request.urlopen(url + "/_admin/health", timeout=30) as answer:
            assert json.loads(answer.read())["products"] == ["flexdeploy", "plutora", "rpm"]
    finally:
        os.kill(pid, signal.SIGTERM)
    deadline = time.time() + 20
    while pid_file.exists() and time.time() < deadline:
        time.sleep(0.1)
    assert not pid_file.exists(), "the emulator removes its pid file when it stops"
