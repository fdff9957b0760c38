# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""No plugin imports what ansible-core deprecates: on 2.22 `ansible.module_utils.six` prints a deprecation
warning in every task that loads it (removed in 2.24). The integration runs on 2.22 fail on that warning;
this finds the import at once, on every core."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re

PLUGINS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))),
                       "plugins")
DEPRECATED = re.compile(r"^\s*(from|import)\s+ansible\.module_utils\.six\b")


def test_no_plugin_imports_ansible_module_utils_six():
    found = []
    for top, _dirs, files in os.walk(PLUGINS):
        for name in files:
            if name.endswith(".py"):
                path = os.path.join(top, name)
                with open(path, encoding="utf-8") as handle:
                    found += ["%s:%d" % (os.path.relpath(path, PLUGINS), number)
                              for number, line in enumerate(handle, 1) if DEPRECATED.search(line)]
    assert found == [], "use the Python standard library instead of ansible.module_utils.six: %s" % found
