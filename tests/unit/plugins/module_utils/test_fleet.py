# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The controller lock and the verified write of module_utils/fleet.py, on their own."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import signal
import subprocess
import sys
import time

import pytest

from ansible_collections.envops.environments.plugins.module_utils import fleet
from ansible_collections.envops.environments.plugins.module_utils.errors import ConcurrentWriteError, EnvopsError


HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)
from fleet_child import Api, Module  # noqa: E402  (next to this file)


def child(*args, **kwargs):
    """fleet_child.py run as a process of its own, importing the collection from where this test does."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(path for path in sys.path if path))
    return subprocess.Popen([sys.executable, os.path.join(HERE, "fleet_child.py")] + list(args), env=env, **kwargs)


@pytest.fixture
def lock_dir(tmp_path, monkeypatch):
    directory = tmp_path / "locks"
    monkeypatch.setenv(fleet.LOCK_DIR_ENV, str(directory))
    monkeypatch.delenv(fleet.LOCK_TIMEOUT_ENV, raising=False)
    return directory


def test_the_lock_name_is_one_per_record_whatever_the_spelling():
    same = fleet.lock_name("flexdeploy", "http://H/x/", "group", " Deployers ")
    assert same == fleet.lock_name("flexdeploy", "http://h/x", "group", "deployers")
    assert same != fleet.lock_name("flexdeploy", "http://h/x", "group", "Auditors")
    assert same != fleet.lock_name("plutora", "http://h/x", "group", "Deployers")
    assert same != fleet.lock_name("flexdeploy", "http://h/y", "group", "Deployers")


def count_in_children(path, children=6, rounds=20):
    """Processes that each add 1 to a counter file `rounds` times, reading and writing it under the lock
    (with a pause in between that invites a lost update)."""
    processes = [child("count", str(path), str(rounds)) for _child in range(children)]
    assert [process.wait(timeout=120) for process in processes] == [0] * children
    return int(path.read_text())


def test_processes_holding_the_lock_never_interleave(tmp_path, lock_dir):
    counter = tmp_path / "counter"
    counter.write_text("0")
    assert count_in_children(counter) == 6 * 20
    # The last holder removed the lock file; the private directory stays, closed to others.
    assert os.listdir(str(lock_dir)) == []


@pytest.fixture
def holder(lock_dir):
    """A process that holds the lock of group Deployers until it is killed (a subprocess.Popen)."""
    process = child("hold", stdout=subprocess.PIPE)
    assert process.stdout.readline() == b"held\n"
    yield process
    process.kill()
    process.wait()
    process.stdout.close()


def test_a_killed_holder_leaves_no_stale_lock(lock_dir, holder):
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    started = time.monotonic()
    with fleet.hold(Module(), Api(), "group", "Deployers"):
        pass
    assert time.monotonic() - started < 2


def test_waiting_in_vain_fails_naming_the_record_and_the_holder(lock_dir, holder, monkeypatch):
    monkeypatch.setenv(fleet.LOCK_TIMEOUT_ENV, "0.5")
    with pytest.raises(EnvopsError) as info:
        with fleet.hold(Module(), Api(), "group", "Deployers"):
            pass
    assert "group Deployers: waited 0.5 s" in info.value.message
    assert "held by process %d" % holder.pid in info.value.message and fleet.LOCK_TIMEOUT_ENV in info.value.message


def test_a_task_holding_the_lock_may_take_it_again(lock_dir):
    with fleet.hold(Module(), Api(), "group", "Deployers"):
        with fleet.hold(Module(), Api(), "group", " deployers"):
            assert len(os.listdir(str(lock_dir))) == 1
        assert len(os.listdir(str(lock_dir))) == 1
    assert os.listdir(str(lock_dir)) == []


def test_check_mode_takes_no_lock(lock_dir):
    with fleet.hold(Module(check_mode=True), Api(), "group", "Deployers"):
        assert not lock_dir.exists()


def test_a_default_directory_others_can_write_to_is_not_used(tmp_path, monkeypatch):
    shared = tmp_path / "runtime" / "envops-locks"
    shared.mkdir(parents=True)
    os.chmod(str(shared), 0o777)
    monkeypatch.delenv(fleet.LOCK_DIR_ENV, raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "runtime"))
    module = Module()
    with fleet.hold(module, Api(), "group", "Deployers"):
        assert os.listdir(str(shared)) == []
    assert len(module.warnings) == 1 and "open to others" in module.warnings[0]
    assert "still read back" in module.warnings[0]


def test_the_default_directory_is_private(tmp_path, monkeypatch):
    monkeypatch.delenv(fleet.LOCK_DIR_ENV, raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    with fleet.hold(Module(), Api(), "group", "Deployers"):
        info = os.stat(str(tmp_path / "envops-locks"))
        assert info.st_mode & 0o777 == 0o700


def test_a_lock_timeout_that_is_no_number_is_refused(lock_dir, monkeypatch):
    monkeypatch.setenv(fleet.LOCK_TIMEOUT_ENV, "soon")
    with pytest.raises(EnvopsError) as info:
        with fleet.hold(Module(), Api(), "group", "Deployers"):
            pass
    assert "ENVOPS_LOCK_TIMEOUT: 'soon' is not a number of seconds" in info.value.message


# The verified write ----------------------------------------------------------------------------

class Server:
    """A record of a set, and a rival that takes away what was added `undo` times."""

    def __init__(self, undo=0):
        self.held = {"a"}
        self.undo = undo
        self.writes = 0

    def write(self, _record, plan):
        self.writes += 1
        self.held |= plan
        if self.undo:
            self.undo -= 1
            self.held = {"a"}

    def read(self):
        return set(self.held)


def verified(server, wanted):
    return fleet.write_verified(Api(), "group 'G'", server.read(), lambda held: (wanted - held) or None,
                                server.write, server.read, lambda plan: "missing %s" % sorted(plan),
                                wait=lambda attempt: None, settled=lambda took: None)


def test_a_write_undone_is_made_again_from_a_fresh_read():
    server = Server(undo=2)
    assert verified(server, {"b"}) == (True, {"a", "b"})
    assert server.writes == 3


def test_nothing_to_write_writes_nothing():
    server = Server()
    assert verified(server, {"a"}) == (False, {"a"}) and server.writes == 0


def test_a_write_undone_every_time_fails_after_the_rounds():
    server = Server(undo=fleet.ROUNDS)
    with pytest.raises(ConcurrentWriteError) as info:
        verified(server, {"b"})
    assert server.writes == fleet.ROUNDS
    assert "group 'G': another writer changed it again after each of this task's 5 writes" in info.value.message
    assert "missing ['b']" in info.value.message


def test_the_verifying_read_waits_about_as_long_as_a_request_of_the_write_took():
    waits = []
    fleet.settle(0.2, sleep=waits.append)
    fleet.settle(100, sleep=waits.append)
    assert waits == [pytest.approx(0.2 * fleet.SETTLE_FACTOR), fleet.SETTLE_MAX]


def test_race_twins_are_those_new_since_the_read_and_only_with_ours():
    records = [{"id": 1}, {"id": 2}, {"id": 3}]
    ident = (lambda r: True, lambda r: r["id"])
    assert fleet.race_twins(records, 3, [1], *ident) == [{"id": 2}, {"id": 3}]
    assert fleet.race_twins(records, 3, [1, 2], *ident) == []
    assert fleet.race_twins(records, 9, [], *ident) == []
    assert fleet.lowest_id(records, lambda r: r["id"]) == {"id": 1}
