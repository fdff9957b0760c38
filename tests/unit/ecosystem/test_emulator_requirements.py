# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""tests/emulator/requirements.txt, what users install to run the emulator from an installed collection,
names every third-party package the emulator imports, and its ranges hold the versions the test
suites pin (so what users are told to install is what was tested)."""

from __future__ import absolute_import, division, print_function

import ast
import glob
import os
import sys

from packaging.requirements import Requirement

COLLECTION = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
EMULATOR = os.path.join(COLLECTION, "tests", "emulator")


def requirements(path):
    with open(path) as handle:
        lines = [line.split("#")[0].strip() for line in handle]
    return [Requirement(line) for line in lines if line and not line.startswith("-")]


def top_level_imports(path):
    with open(path) as handle:
        tree = ast.parse(handle.read())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_the_emulator_requirements_name_every_package_it_imports():
    imported = set()
    for path in glob.glob(os.path.join(EMULATOR, "*.py")):
        imported |= top_level_imports(path)
    third_party = sorted(name for name in imported
                         if name not in sys.stdlib_module_names and name not in ("__future__", "emulator"))
    named = sorted(r.name.lower() for r in requirements(os.path.join(EMULATOR, "requirements.txt")))
    assert third_party == named


def test_the_pinned_test_versions_are_inside_the_ranges_users_install():
    ranges = dict((r.name.lower(), r.specifier) for r in requirements(os.path.join(EMULATOR, "requirements.txt")))
    checked = 0
    for path in glob.glob(os.path.join(COLLECTION, "requirements", "*.txt")):
        for pin in requirements(path):
            if pin.name.lower() in ranges:
                version = next(iter(pin.specifier)).version
                assert ranges[pin.name.lower()].contains(version), (os.path.basename(path), str(pin))
                checked += 1
    assert checked >= 2, "requirements/dev.txt pins flask and werkzeug"
