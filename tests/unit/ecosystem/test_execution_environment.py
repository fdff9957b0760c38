# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""meta/execution-environment.yml gives ansible-builder the collection's Python and system needs."""

from __future__ import absolute_import, division, print_function

import os
import shutil
import subprocess
import sys

import pytest
import yaml

COLLECTION = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
# The staged tree is BUILD/ansible_collections/envops/environments: BUILD is what builder scans.
COLLECTIONS_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(COLLECTION)))
BUILDER = os.path.join(os.path.dirname(sys.executable), "ansible-builder")


def meta():
    with open(os.path.join(COLLECTION, "meta", "execution-environment.yml")) as handle:
        return yaml.safe_load(handle)


def requirement_lines(path):
    with open(os.path.join(COLLECTION, path)) as handle:
        return [line.split("#")[0].strip() for line in handle if line.split("#")[0].strip()]


def test_metadata_names_files_that_exist():
    data = meta()
    assert data["version"] == 1
    assert data["dependencies"]["python"] == "requirements.txt"
    assert data["dependencies"]["system"] == "bindep.txt"
    for path in data["dependencies"].values():
        assert os.path.isfile(os.path.join(COLLECTION, path))


def test_python_requirements_admit_the_tested_requests():
    # The pinned version the tests run with must satisfy the range shipped to execution environments.
    pinned = [line for line in requirement_lines("requirements/runtime.txt") if line.startswith("requests")]
    shipped = [line for line in requirement_lines("requirements.txt") if line.startswith("requests")]
    assert len(pinned) == 1 and len(shipped) == 1
    minimum = tuple(int(p) for p in shipped[0].split(">=")[1].split("."))
    tested = tuple(int(p) for p in pinned[0].split("==")[1].split("."))
    assert tested >= minimum


@pytest.mark.skipif(not os.path.exists(BUILDER), reason="ansible-builder is not installed (requirements/dev.txt)")
def test_builder_introspection_finds_the_collection_needs():
    proc = subprocess.run([BUILDER, "introspect", COLLECTIONS_ROOT], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, check=False)
    assert proc.returncode == 0, proc.stdout
    found = yaml.safe_load(proc.stdout.split("---", 1)[1])
    assert any(line.startswith("requests>=") and "envops.environments" in line for line in found["python"])
    assert any(line.startswith("ca-certificates [platform:dpkg]") for line in found["system"])


@pytest.mark.skipif(not os.path.exists(BUILDER), reason="ansible-builder is not installed (requirements/dev.txt)")
def test_builder_create_makes_a_context_with_the_collection(tmp_path):
    definition = {
        "version": 3,
        "images": {"base_image": {"name": "quay.io/ansible/awx-ee:latest"}},
        "dependencies": {"galaxy": {"collections": [{"name": "envops.environments"}]}},
    }
    (tmp_path / "execution-environment.yml").write_text(yaml.safe_dump(definition))
    context = tmp_path / "context"
    proc = subprocess.run([BUILDER, "create", "-f", "execution-environment.yml", "-c", str(context)],
                          cwd=str(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          check=False)
    assert proc.returncode == 0, proc.stdout
    # Containerfile for podman, Dockerfile when builder picks docker.
    name = "Containerfile" if (context / "Containerfile").exists() else "Dockerfile"
    containerfile = (context / name).read_text()
    # The build installs the collection, then introspects it: that is where meta/ is read.
    assert "introspect" in containerfile
    galaxy = yaml.safe_load((context / "_build" / "requirements.yml").read_text())
    assert galaxy["collections"][0]["name"] == "envops.environments"
    shutil.rmtree(str(context))
