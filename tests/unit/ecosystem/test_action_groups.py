# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every module is in its product's action group, so `module_defaults: group/envops.environments.<product>`
reaches it; and every group entry is a real module."""

from __future__ import absolute_import, division, print_function

import os

import pytest
import yaml

from ansible_collections.envops.environments.plugins.module_utils.options import PRODUCTS

COLLECTION = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
MODULES_DIR = os.path.join(COLLECTION, "plugins", "modules")


def action_groups():
    with open(os.path.join(COLLECTION, "meta", "runtime.yml")) as handle:
        return yaml.safe_load(handle)["action_groups"]


def modules():
    return sorted(name[:-3] for name in os.listdir(MODULES_DIR)
                  if name.endswith(".py") and not name.startswith("_"))


def test_one_group_per_product():
    assert set(action_groups()) == set(PRODUCTS)


@pytest.mark.parametrize("module", modules())
def test_module_is_in_its_product_group(module):
    product = module.split("_", 1)[0]
    assert product in PRODUCTS, "module %s does not start with a product name" % module
    members = action_groups()[product] or []
    assert module in members, "meta/runtime.yml: add %s to action_groups.%s" % (module, product)


def test_groups_list_only_existing_modules():
    existing = set(modules())
    for product, members in action_groups().items():
        for member in members or []:
            assert member in existing, "action_groups.%s lists %s, which is not a module" % (product, member)
