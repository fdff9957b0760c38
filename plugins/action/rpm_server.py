# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin of rpm_server: the controller fast path (plugins/plugin_utils/fast_path.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

try:
    from ansible_collections.envops.environments.plugins.plugin_utils.fast_path import FastPathAction
except Exception as exc:  # pylint: disable=broad-except
    # Whatever stops the fast path from loading, the module still runs, as ansible.builtin.normal runs it.
    from ansible.plugins.action.normal import ActionModule as FastPathAction
    from ansible.release import __version__
    from ansible.utils.display import Display
    Display().warning("envops.environments: the controller fast path cannot load on ansible-core %s (%s: %s); its "
                      "tasks run as modules, and a plutora_token result is no longer hidden: give those tasks "
                      "no_log: true." % (__version__, type(exc).__name__, exc))


class ActionModule(FastPathAction):
    pass
