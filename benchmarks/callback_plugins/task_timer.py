# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark helper (not part of the collection): writes each task's wall time to the JSON file
named by BENCH_TIMINGS, keyed by task name, at the end of the playbook."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: task_timer
type: aggregate
short_description: Record task durations for the benchmarks
description:
  - Writes {task name - seconds} to the file named by the BENCH_TIMINGS environment variable.
requirements:
  - enabled with ANSIBLE_CALLBACKS_ENABLED=task_timer
"""

import json
import os
import time

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "task_timer"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super(CallbackModule, self).__init__()
        self._current = None
        self._started = None
        self._times = {}

    def _close(self):
        if self._current is not None:
            self._times[self._current] = time.time() - self._started
            self._current = None

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._close()
        self._current = task.get_name()
        self._started = time.time()

    def v2_playbook_on_handler_task_start(self, task):
        self.v2_playbook_on_task_start(task, False)

    def v2_playbook_on_stats(self, stats):
        self._close()
        path = os.environ.get("BENCH_TIMINGS")
        if path:
            with open(path, "w") as handle:
                json.dump(self._times, handle, indent=1)
