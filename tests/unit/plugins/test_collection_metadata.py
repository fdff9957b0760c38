# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every module is in its product's action group; doc fragments match options.py; secrets are no_log."""

from __future__ import absolute_import, division, print_function

import glob
import os
import subprocess
import sys

import yaml

from ansible_collections.envops.environments.plugins.module_utils import options

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
PREFIXES = {"plutora_": "plutora", "flexdeploy_": "flexdeploy", "rpm_": "rpm"}


def module_names():
    return sorted(os.path.basename(p)[:-3] for p in glob.glob(os.path.join(ROOT, "plugins", "modules", "*.py"))
                  if not p.endswith("__init__.py"))


def test_every_module_is_in_its_action_group():
    runtime = yaml.safe_load(open(os.path.join(ROOT, "meta", "runtime.yml")))
    groups = runtime["action_groups"]
    assert set(groups) >= {"plutora", "flexdeploy", "rpm"}
    missing = []
    for name in module_names():
        product = next(p for prefix, p in PREFIXES.items() if name.startswith(prefix))
        if name not in (groups.get(product) or []):
            missing.append("%s (group %s)" % (name, product))
    assert not missing, "modules missing from meta/runtime.yml action_groups: %s" % ", ".join(missing)
    listed = [m for members in groups.values() for m in members or [] if isinstance(m, str)]
    assert sorted(set(listed) - set(module_names())) == [], "action_groups name modules that do not exist"


def test_doc_fragments_match_options():
    result = subprocess.run([sys.executable, os.path.join(ROOT, "tools", "gen_doc_fragments.py"), "--check"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    assert result.returncode == 0, result.stdout


def test_secret_connection_options_are_no_log():
    for product, opts in options.PRODUCTS.items():
        spec = options.connection_argument_spec(product)
        for name in ("password", "client_secret", "access_token", "token"):
            if name in opts:
                assert spec[name]["no_log"] is True, "%s.%s must be no_log" % (product, name)
        for name, option in opts.items():
            assert spec[name]["fallback"][1] == [option["env"]]
