# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Another process taking the controller lock, for test_fleet.py: a process of its own (not a fork of the
test's, which runs threads: the emulator's, xdist's) so that it is what a second worker would be.

    python fleet_child.py count COUNTER_FILE ROUNDS   add 1 to the counter ROUNDS times, under the lock
    python fleet_child.py hold                        take the lock of group Deployers, print "held", sleep
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import sys
import time

from ansible_collections.envops.environments.plugins.module_utils import fleet


class Module:
    def __init__(self, check_mode=False):
        self.check_mode = check_mode
        self.warnings = []

    def warn(self, text):
        self.warnings.append(text)


class Client:
    base_url = "http://127.0.0.1:9/flexdeploy/rest/v1"
    request_count = 0


class Api:
    product = "flexdeploy"
    client = Client()


def count(path, rounds):
    """Read the counter, pause (inviting a lost update), write it plus one: `rounds` times under the lock."""
    for _round in range(rounds):
        with fleet.hold(Module(), Api(), "group", "Counter"):
            with open(path) as handle:
                value = int(handle.read() or "0")
            time.sleep(0.001)
            with open(path, "w") as handle:
                handle.write(str(value + 1))


def hold():
    with fleet.hold(Module(), Api(), "group", "Deployers"):
        sys.stdout.write("held\n")
        sys.stdout.flush()
        time.sleep(60)


if __name__ == "__main__":
    if sys.argv[1] == "count":
        count(sys.argv[2], int(sys.argv[3]))
    else:
        hold()
