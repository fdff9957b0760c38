# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""meta/runtime.yml's requires_ansible is what make test tests: its lower bound is the oldest core of
the matrix (requirements/core-X.Y.txt), the newest is the one requirements/dev.txt pins, and the
README names both."""

from __future__ import absolute_import, division, print_function

import glob
import os
import re

import yaml

COLLECTION = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def pinned_core(path):
    with open(os.path.join(COLLECTION, path)) as handle:
        pins = re.findall(r"^ansible-core==(\d+)\.(\d+)\.(\d+)\s*$", handle.read(), re.M)
    assert len(pins) == 1, "%s pins ansible-core once" % path
    return tuple(int(p) for p in pins[0])


def older_cores():
    found = {}
    for path in glob.glob(os.path.join(COLLECTION, "requirements", "core-*.txt")):
        line = re.match(r"core-(\d+)\.(\d+)\.txt$", os.path.basename(path))
        assert line, "%s: name it core-X.Y.txt" % path
        version = pinned_core(os.path.relpath(path, COLLECTION))
        assert version[:2] == (int(line.group(1)), int(line.group(2))), "%s pins another line" % path
        found[version[:2]] = version
    return found


def test_requires_ansible_starts_at_the_oldest_tested_core():
    with open(os.path.join(COLLECTION, "meta", "runtime.yml")) as handle:
        requires = yaml.safe_load(handle)["requires_ansible"]
    lower = re.match(r"^>=(\d+)\.(\d+)\.0$", requires)
    assert lower, "requires_ansible is '>=X.Y.0': %s" % requires
    cores = older_cores()
    assert cores, "requirements/core-X.Y.txt: the oldest supported core has a virtual environment of its own"
    assert min(cores) == (int(lower.group(1)), int(lower.group(2)))


def test_the_newest_core_is_the_main_one():
    newest = pinned_core(os.path.join("requirements", "dev.txt"))
    assert all(newest[:2] > line for line in older_cores())


def test_the_readme_names_the_tested_cores():
    with open(os.path.join(COLLECTION, "README.md")) as handle:
        readme = handle.read()
    for version in list(older_cores().values()) + [pinned_core(os.path.join("requirements", "dev.txt"))]:
        assert "%d.%d.%d" % version in readme
