# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The ansible-core matrix of make test and what the collection promises agree.

meta/runtime.yml's requires_ansible starts at the oldest core of the matrix (requirements/core-X.Y.txt);
requirements/dev.txt pins the newest stable release, the main core; a newer core of the matrix is a
pre-release; each requirement file names the Python its virtual environment is made with, one that
core's controller runs on; and the README names every core tested."""

from __future__ import absolute_import, division, print_function

import glob
import os
import re

import yaml

COLLECTION = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
PIN = re.compile(r"^ansible-core==(\d+)\.(\d+)\.(\d+)((?:a|b|rc)\d+)?\s*$", re.M)
# The controller Pythons of each core line (ansible-core's own support matrix).
CONTROLLER_PYTHONS = {(2, 16): ("3.10", "3.11", "3.12"), (2, 17): ("3.10", "3.11", "3.12"),
                      (2, 18): ("3.11", "3.12", "3.13"), (2, 19): ("3.11", "3.12", "3.13"),
                      (2, 20): ("3.12", "3.13", "3.14"), (2, 21): ("3.12", "3.13", "3.14"),
                      (2, 22): ("3.13", "3.14", "3.15")}


def read(path):
    with open(os.path.join(COLLECTION, path)) as handle:
        return handle.read()


def pinned_core(path):
    """(major, minor, patch, pre-release suffix or '') of the one ansible-core pin of a requirement file."""
    pins = PIN.findall(read(path))
    assert len(pins) == 1, "%s pins ansible-core once" % path
    major, minor, patch, pre = pins[0]
    return int(major), int(minor), int(patch), pre


def version_text(pin):
    return "%d.%d.%d%s" % pin


def other_cores():
    found = {}
    for path in glob.glob(os.path.join(COLLECTION, "requirements", "core-*.txt")):
        line = re.match(r"core-(\d+)\.(\d+)\.txt$", os.path.basename(path))
        assert line, "%s: name it core-X.Y.txt" % path
        version = pinned_core(os.path.relpath(path, COLLECTION))
        assert version[:2] == (int(line.group(1)), int(line.group(2))), "%s pins another line" % path
        found[version[:2]] = version
    return found


def test_requires_ansible_starts_at_the_oldest_tested_core():
    requires = yaml.safe_load(read(os.path.join("meta", "runtime.yml")))["requires_ansible"]
    lower = re.match(r"^>=(\d+)\.(\d+)\.0$", requires)
    assert lower, "requires_ansible is '>=X.Y.0': %s" % requires
    cores = other_cores()
    assert cores, "requirements/core-X.Y.txt: the oldest supported core has a virtual environment of its own"
    assert min(cores) == (int(lower.group(1)), int(lower.group(2)))


def test_the_main_core_is_the_newest_stable_release():
    main = pinned_core(os.path.join("requirements", "dev.txt"))
    assert not main[3], "requirements/dev.txt pins a release, not %s" % version_text(main)
    for line, version in other_cores().items():
        assert line != main[:2], "requirements/core-%d.%d.txt repeats the main core's line" % line
        if line > main[:2]:
            assert version[3], "core-%d.%d.txt is newer than the main core but no pre-release: move dev.txt to it" % line


def test_each_virtual_environment_names_a_controller_python_of_its_core():
    files = [os.path.join("requirements", "dev.txt")] + [
        os.path.relpath(p, COLLECTION) for p in glob.glob(os.path.join(COLLECTION, "requirements", "core-*.txt"))]
    for path in files:
        python = re.findall(r"^# python:\s*(\d+\.\d+)\s*$", read(path), re.M)
        assert len(python) == 1, "%s names its Python once ('# python: X.Y', read by scripts/bootstrap.sh)" % path
        line = pinned_core(path)[:2]
        if line in CONTROLLER_PYTHONS:
            assert python[0] in CONTROLLER_PYTHONS[line], "%s: ansible-core %d.%d has no controller on Python %s" % (
                (path,) + line + (python[0],))


def test_the_readme_names_the_tested_cores():
    readme = read("README.md")
    for version in list(other_cores().values()) + [pinned_core(os.path.join("requirements", "dev.txt"))]:
        assert version_text(version) in readme
