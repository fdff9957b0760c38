# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin of rpm_server: the controller fast path (plugins/plugin_utils/fast_path.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.envops.environments.plugins.plugin_utils.fast_path import FastPathAction


class ActionModule(FastPathAction):
    pass
