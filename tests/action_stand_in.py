# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""An action plugin of the collection with a stand-in task and connection, for unit tests."""

from __future__ import absolute_import, division, print_function

from unittest import mock

from ansible.parsing.dataloader import DataLoader
from ansible.template import Templar

MODULE_RESULT = {"changed": False, "environments": [], "_ansible_parsed": True}


def make_action(action_class, resolved_action, args, transport="local", async_val=0, become=None, environment=None,
                check_mode=False, no_log=False):
    """An action plugin of this collection with a stand-in task and connection. `_execute_module` (the
    module way) is a recorder that returns MODULE_RESULT, so a test sees which way a task went."""
    task = mock.MagicMock()
    task.async_val = async_val
    task.check_mode = check_mode
    task.diff = False
    task.no_log = no_log
    task.resolved_action = task.action = resolved_action
    task.args = args
    task._uuid = "task-uuid-%s" % resolved_action
    task.environment = environment or []
    connection = mock.MagicMock()
    connection.transport = transport
    connection.become = become
    connection.has_native_async = False
    connection._shell.tmpdir = None
    loader = DataLoader()
    action = action_class(task, connection, mock.MagicMock(), loader, Templar(loader=loader), None)
    action._execute_module = mock.MagicMock(return_value=dict(MODULE_RESULT))
    action._remove_tmp_path = mock.MagicMock()
    return action
