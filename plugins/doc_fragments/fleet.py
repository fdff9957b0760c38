# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    """Many writers of one record: what every resource module does (plugins/module_utils/fleet.py)."""

    DOCUMENTATION = r"""
options: {}
notes:
  - B(Many hosts, one record.) On one machine, tasks that write the same record (same product, API URL,
    kind and identity, such as the group name) take turns for their whole read, compare and write, whether
    they run in the controller (the fast path, any fork) or as module processes, so a fleet of hosts that
    C(delegate_to) to C(localhost) never loses an update nor creates a twin. The lock is a file lock in a private
    directory of the user (C($XDG_RUNTIME_DIR/envops-locks), else C(<temp dir>/envops-locks-<uid>)); the
    system releases it when its holder ends, so no stale lock is left. A task waits for it at most
    C(ENVOPS_LOCK_TIMEOUT) seconds (default 600) and then fails naming the record and the holder.
    C(ENVOPS_LOCK_DIR) names another directory, for example one on a filesystem that several controllers
    share with working C(flock) locks. Check mode takes no lock. Where no usable directory exists, the task
    warns and goes on without the lock.
  - B(Every write is verified.) After a write, and after waiting about three times as long as one of its
    requests took (so that a write of another writer already on its way has landed), the record is read
    again and compared with what the task asked for, only that; when another writer undid part of it, the
    write is made again from the fresh record, up to 5 writes with growing random pauses, after which the
    task fails naming what is not held. C(changed) is reported only for what the server was seen to hold.
  - B(Across controllers) (or a C(delegate_to) to different hosts, C(become) to another user), tasks share
    no lock unless C(ENVOPS_LOCK_DIR) is shared; verification is then what keeps them apart, and none of
    the three APIs offers a conditional write. What remains possible there is a write of another controller
    that lands later than the verification waited, undoing a write this task verified (the next run puts it
    back), and a task that meets twins another controller is still settling may fail naming them (run it
    again). Two tasks that ask for contradicting values of one record both fail after 5 writes.
"""
