# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Many writers of one record: a fleet of hosts, forks, several controllers.

None of the three APIs offers a conditional write (no version, no ETag), and a FlexDeploy group or
a Plutora environment is written whole: two read-compare-write cycles that overlap lose one of the
writes. Two defences, shared by every resource module:

* the controller lock (`hold`): on one machine, the tasks that write the same record (same product,
  API URL, kind and identity) take turns for their whole read-compare-write. It is a file lock
  (flock) in a private directory of the user, so it holds between the forks of ansible-playbook,
  the controller fast path and module processes alike; the kernel releases it when its holder
  dies (no stale lock), and its file goes when the last holder leaves. Tasks that run elsewhere (a
  remote `delegate_to`, another controller) lock on that machine, or in `ENVOPS_LOCK_DIR` when it
  names a directory they share;
* verified writes (`write_verified`): every write is followed, once the writes of others that were
  already on their way could land (`settle`), by a read of the record, compared with what the task
  asked for; when another writer undid it, the write is made again from the fresh record (at most
  ROUNDS writes, with growing random pauses), and when it is still undone the task fails saying so.
  A task reports `changed` only for what the server was seen to hold.

And for creates, which no lock of another controller can order: `race_twins`, `lowest_id` and
`first_guid` decide what to do with records of the same identity that appeared while this task
created its own, and `without_twins` lets a task that meets such twins at its first read give
their writers a moment to settle them before it refuses them as duplicates.

What remains possible across controllers that share no lock: a write of another controller that
lands later than `settle` allows can still undo a write this task verified (the next run puts it
back); two tasks that want contradicting values both fail after ROUNDS writes, naming the record.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import hashlib
import json
import os
import random
import socket
import tempfile
import time

try:
    import fcntl
except ImportError:  # pragma: no cover - not a POSIX system: no lock, writes are still verified
    fcntl = None

from ansible_collections.envops.environments.plugins.module_utils.errors import ConcurrentWriteError, EnvopsError
from ansible_collections.envops.environments.plugins.module_utils.resolve import bare

LOCK_DIR_ENV = "ENVOPS_LOCK_DIR"
LOCK_TIMEOUT_ENV = "ENVOPS_LOCK_TIMEOUT"
LOCK_TIMEOUT = 600.0
# Writes of one task to one record: the first, and redos after another writer undid it.
ROUNDS = 5
# The read that verifies a write waits SETTLE_FACTOR times as long as the write took (at most SETTLE_MAX s).
SETTLE_FACTOR = 3
SETTLE_MAX = 5.0

# Locks this process holds: path -> [pid, depth, file descriptor] (a task may nest holds of one record).
_HELD = {}


class LockUnavailable(Exception):
    """No usable lock directory here; the task goes on without the lock (its writes stay verified)."""


def lock_directory():
    """(directory, configured): ENVOPS_LOCK_DIR, else a private directory of this user under
    XDG_RUNTIME_DIR or the temporary directory."""
    configured = os.environ.get(LOCK_DIR_ENV)
    if configured:
        return configured, True
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isdir(runtime) and os.stat(runtime).st_uid == os.getuid():
        return os.path.join(runtime, "envops-locks"), False
    return os.path.join(tempfile.gettempdir(), "envops-locks-%d" % os.getuid()), False


def usable_directory(path, configured):
    """Create the directory (mode 0700) if needed and check that nobody else can plant files in it.

    A directory named by ENVOPS_LOCK_DIR may be shared on purpose (group-writable, on a shared
    filesystem); the default one must be this user's own, not a symlink, and closed to others.
    """
    try:
        os.makedirs(path, 0o700)
    except OSError:
        pass  # there already, or not creatable: the checks below say which
    try:
        info = os.lstat(path)
    except OSError as exc:
        raise LockUnavailable("cannot create the lock directory %s (%s)" % (path, exc.strerror))
    if not os.path.isdir(path) or (not configured and os.path.islink(path)):
        raise LockUnavailable("%s is not a directory" % path)
    if not configured and (info.st_uid != os.getuid() or info.st_mode & 0o077):
        raise LockUnavailable("the lock directory %s belongs to another user or is open to others "
                              "(it must be this user's, mode 0700)" % path)
    if not os.access(path, os.W_OK | os.X_OK):
        raise LockUnavailable("the lock directory %s is not writable" % path)
    return path


def lock_name(product, base_url, kind, identity):
    """The file name of one record's lock: a digest of product, API URL, kind and identity."""
    key = json.dumps([product, str(base_url).rstrip("/").lower(), kind, bare(identity).casefold()])
    return "%s-%s.lock" % (product, hashlib.sha256(key.encode("utf-8")).hexdigest()[:40])


def lock_timeout():
    value = os.environ.get(LOCK_TIMEOUT_ENV)
    if value in (None, ""):
        return LOCK_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        raise EnvopsError("%s: '%s' is not a number of seconds." % (LOCK_TIMEOUT_ENV, value))
    if seconds < 0:
        raise EnvopsError("%s: must be 0 or more seconds, got %s." % (LOCK_TIMEOUT_ENV, value))
    return seconds


class RecordLock:
    """An exclusive flock on one file, whose file is removed by the holder that leaves it.

    Removing the file of a lock others wait for is safe because every holder checks, once it has
    the lock, that the file it locked is still the one at the path (else it locked a removed file,
    and tries again on the new one).
    """

    def __init__(self, path, label, timeout, sleep=time.sleep, clock=time.monotonic):
        self.path = path
        self.label = label
        self.timeout = timeout
        self._sleep = sleep
        self._clock = clock

    def acquire(self):
        held = _HELD.get(self.path)
        if held and held[0] == os.getpid():
            held[1] += 1
            return
        deadline = self._clock() + self.timeout
        wait = 0.02
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                got = self._try(fd)
            except BaseException:
                os.close(fd)
                raise
            if got:
                _HELD[self.path] = [os.getpid(), 1, fd]
                self._note_holder(fd)
                return
            os.close(fd)
            if self._clock() >= deadline:
                raise EnvopsError(
                    "%s: waited %g s for another task of this machine that writes the same record (%s); it "
                    "still holds the lock %s. Set %s to wait longer." % (
                        self.label, self.timeout, self._holder(), self.path, LOCK_TIMEOUT_ENV))
            self._sleep(wait)
            wait = min(wait * 2, 0.25)

    def _try(self, fd):
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except (IOError, OSError):
            return False
        try:
            same = os.fstat(fd).st_ino == os.stat(self.path).st_ino
        except OSError:
            same = False  # the previous holder removed the file after we opened it
        if not same:
            fcntl.flock(fd, fcntl.LOCK_UN)
        return same

    def release(self):
        held = _HELD.get(self.path)
        if not held or held[0] != os.getpid():
            return
        held[1] -= 1
        if held[1] > 0:
            return
        del _HELD[self.path]
        fd = held[2]
        try:
            os.unlink(self.path)
        except OSError:
            pass
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    @staticmethod
    def _note_holder(fd):
        """Who holds the lock, for the message of a task that waits in vain."""
        note = json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "since": time.time()})
        try:
            os.ftruncate(fd, 0)
            os.write(fd, note.encode("utf-8"))
        except OSError:
            pass

    def _holder(self):
        try:
            with open(self.path) as handle:
                note = json.loads(handle.read() or "{}")
            return "held by process %s since %s" % (
                note.get("pid"), time.strftime("%H:%M:%S", time.localtime(note.get("since") or 0)))
        except (OSError, ValueError):
            return "holder unknown"


@contextlib.contextmanager
def hold(module, api, kind, identity):
    """The controller lock of one record around a read-compare-write (see the module docstring).

    kind: "group", "environment", ...; identity: what names the record in the task (a name, a
    code, or ids once resolved). Check mode writes nothing and takes no lock. Where no lock can be
    had (no usable directory), the task warns and goes on: its writes are still verified.
    """
    if module.check_mode or fcntl is None:
        yield
        return
    label = "%s %s" % (kind, identity)
    try:
        directory = usable_directory(*lock_directory())
    except LockUnavailable as exc:
        module.warn("No controller lock for %s: %s. Writes from other tasks of this machine to the same record "
                    "are not kept apart; each write is still read back and redone when it was undone."
                    % (label, exc))
        yield
        return
    lock = RecordLock(os.path.join(directory, lock_name(api.product, api.client.base_url, kind, identity)),
                      label, lock_timeout())
    lock.acquire()
    try:
        yield
    finally:
        lock.release()


# Verified writes ---------------------------------------------------------------------------------

def pause(attempt, rng=random, sleep=time.sleep):
    """A random pause that grows with each redo, so that writers undoing each other fall out of step."""
    sleep(rng.uniform(0.05, 0.25) * (2 ** min(attempt, 4)))


def settle(took, sleep=time.sleep):
    """Wait before the read that verifies a write about as long as one request of the write took: a
    write of another writer sent before ours was processed (from a read older than our write) lands
    within about that time, and a read made sooner would miss it and pass for verified."""
    sleep(min(max(took, 0.02) * SETTLE_FACTOR, SETTLE_MAX))


# write_verified() without a plan from its caller.
NOT_PLANNED = object()


def write_verified(api, label, record, plan_of, write, read, describe=None, rounds=ROUNDS, wait=None,
                   settled=None, clock=time.monotonic, plan=NOT_PLANNED):
    """Write until a read of the record holds what the task asked for; (wrote, record).

    plan_of(record): what to write to `record`, or None when it holds everything asked for (the
    module's own comparison, so only what the task asked for is verified). write(record, plan)
    sends it; read() reads the record again (after settle()): never the write's own answer, since
    a later read also sees another writer's write that landed after ours. A redo waits a random
    pause first and then reads afresh, so that it is never made from a read the pause made old.
    describe(plan) words what is missing for the failure message (default: still_differ()).
    plan: plan_of(record) when the caller has just worked it out on this very record (it may cost
    requests); never for a record the caller has just created.
    """
    wait, settled = wait or pause, settled or settle
    wrote = False
    if plan is NOT_PLANNED:
        plan = plan_of(record)
    for attempt in range(rounds):
        if plan is None:
            return wrote, record
        if attempt:
            wait(attempt)
            record = read()
            plan = plan_of(record)
            if plan is None:
                return wrote, record
        sent = api.client.request_count
        started = clock()
        write(record, plan)
        wrote = True
        settled((clock() - started) / max(1, api.client.request_count - sent))
        record = read()
        plan = plan_of(record)
    if plan is None:
        return wrote, record
    missing = (describe or still_differ)(plan)
    raise ConcurrentWriteError(
        "%s: another writer changed it again after each of this task's %d writes, so what this task asked for "
        "is not held%s. Find the other task or tool writing this record (or the options that contradict "
        "each other in two tasks) and run again." % (label, rounds, ": " + missing if missing else ""))


def still_differ(plan):
    """What a plan of field names still has to write, in words (write_verified's default)."""
    if isinstance(plan, (dict, list, tuple, set, frozenset)) and plan:
        return "%s still differ" % ", ".join(sorted(str(key) for key in plan))
    return ""


def without_twins(read, twins_in, wait=None, rounds=ROUNDS + 1):
    """A read in which `twins_in(value)` finds no twins, given a few random pauses (about 7 s in
    all) for the twins other writers are settling (see race_twins); the last read when they stay
    (twins made before, which the caller refuses naming them)."""
    wait = wait or pause
    value = read()
    for attempt in range(1, rounds):
        if not twins_in(value):
            break
        wait(attempt)
        value = read()
    return value


# Twins of a create ------------------------------------------------------------------------------

def race_twins(records, own_id, known_ids, same_identity, id_of):
    """The records that share the identity of the one this task just created (its own included),
    leaving out those this task had already seen before creating (which it would not have created
    beside). Empty when there is no twin."""
    known = set(str(i).lower() for i in known_ids)
    twins = [r for r in records if same_identity(r) and str(id_of(r)).lower() not in known]
    if len(twins) < 2 or not any(str(id_of(r)).lower() == str(own_id).lower() for r in twins):
        return []
    return twins


def lowest_id(records, id_of):
    """The twin every racer keeps where ids grow with each record (FlexDeploy, RPM): the oldest."""
    return min(records, key=lambda r: int(id_of(r)))


def first_guid(records, id_of):
    """The twin every racer keeps alike where ids are GUIDs and tell nothing of age: the lowest GUID.

    Every racer deletes the other twins it sees (they hold nothing yet: connectivities, which are
    alike in every field, and hosts created bare), so the lowest of all is never deleted and all
    the others are, by whoever sees them.
    """
    return min(records, key=lambda r: str(id_of(r)).lower())


def twin_names(records, id_of, name_of):
    return ", ".join("'%s' (id %s)" % (name_of(r), id_of(r)) for r in records)
