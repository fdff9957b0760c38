# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Stand-ins from the package registry for the source archives ansible-test's sanity requirements pin.

Some sanity requirement files of ansible-test name a package by the address of a source archive on a
code host these machines cannot reach (``dill @ https://.../archive/COMMIT.zip#sha256=HASH``). pip
looks for a wheel built from such an archive in its wheel cache first, under a key made of the
archive's address and hash, and uses it when the cache entry's origin.json records the same hash.
This script puts the release that requirements/archive-standins.txt pins for the package (downloaded
from the package registry) there, as scripts/test.sh puts tools/get_pip_standin.py where ansible-test
looks for its pip bootstrap script. Nothing else of pip's behaviour changes: any requirement without
a stand-in is installed as pip always does.

Usage (with a Python that has pip):
  python tools/archive_standins.py --ansible-test DIR --python 3.13 [--python 3.11]
  python tools/archive_standins.py --remove      (make clean: every stand-in this script put in the cache)
DIR is the ansible_test package of the ansible-core whose sanity tests run. Exit status 1, naming
the package, when an archive has no stand-in pin.
"""

from __future__ import absolute_import, division, print_function

import argparse
import glob
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PINS = os.path.join(ROOT, "requirements", "archive-standins.txt")
ARCHIVE = re.compile(r"^\s*([A-Za-z0-9._-]+)\s*@\s*(https?://\S+?)#(sha256)=([0-9a-f]{64})\s*(?:#.*)?$")


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def holds_wheel(entry, name, version):
    """Whether cache entry `entry` holds a wheel of release `version` of `name` (wheel file names spell
    the name in lower case with `_` for every run of `-`, `_` and `.`)."""
    return bool(glob.glob(os.path.join(entry, "%s-%s-*.whl" % (canonical(name).replace("-", "_"), version))))


def archive_requirements(ansible_test):
    """(name, url, hash name, hash) of every archive the sanity requirement files pin."""
    found = set()
    for path in sorted(glob.glob(os.path.join(ansible_test, "_data", "requirements", "*.txt"))):
        with open(path) as handle:
            for line in handle:
                match = ARCHIVE.match(line)
                if match:
                    found.add(match.groups())
    return sorted(found)


def standin_pins():
    pins = {}
    with open(PINS) as handle:
        for line in handle:
            line = line.split("#", 1)[0].strip()
            if line:
                name, version = line.split("==")
                pins[canonical(name)] = (name, version)
    return pins


def cache_entry(cache_dir, url, hash_name, digest, python):
    """The directory of pip's wheel cache for `url` on CPython `python` (pip's Cache._get_cache_path_parts)."""
    key = {"url": url, hash_name: digest, "interpreter_name": "cp", "interpreter_version": python.replace(".", "")}
    hashed = hashlib.sha224(json.dumps(key, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")).hexdigest()
    return os.path.join(cache_dir, "wheels", hashed[:2], hashed[2:4], hashed[4:6], hashed[6:])


def pip_cache_dir():
    proc = subprocess.run([sys.executable, "-m", "pip", "cache", "dir"], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True, check=False)
    if proc.returncode != 0 or not proc.stdout.strip():
        sys.exit("archive_standins: pip's cache is off (%s); the stand-ins need it" % proc.stderr.strip())
    return proc.stdout.strip().splitlines()[-1]


def download(name, version, python, into):
    """The wheel of name==version for CPython `python`, from the package registry."""
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--no-deps",
                    "--only-binary=:all:", "--python-version", python, "--dest", into, "%s==%s" % (name, version)],
                   check=True)
    wheels = glob.glob(os.path.join(into, "*.whl"))
    if len(wheels) != 1:
        sys.exit("archive_standins: pip download %s==%s gave %s" % (name, version, wheels or "no wheel"))
    return wheels[0]


def remove_standins(cache_dir, pins):
    """Remove the cache entries that hold a stand-in: a pinned release's wheel under an archive's address."""
    for origin in sorted(glob.glob(os.path.join(cache_dir, "wheels", "*", "*", "*", "*", "origin.json"))):
        entry = os.path.dirname(origin)
        with open(origin) as handle:
            url = json.load(handle).get("url", "")
        for name, version in pins.values():
            if holds_wheel(entry, name, version) and "/archive/" in url:
                shutil.rmtree(entry)
                print("removed the stand-in %s %s for %s: %s" % (name, version, url, entry))
                break


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ansible-test", help="the ansible_test package directory")
    parser.add_argument("--python", action="append", default=[], help="X.Y of a Python the sanity tests use")
    parser.add_argument("--remove", action="store_true", help="remove every stand-in instead")
    args = parser.parse_args()
    pins = standin_pins()
    if args.remove:
        remove_standins(pip_cache_dir(), pins)
        return 0
    if not args.ansible_test or not args.python:
        parser.error("--ansible-test and --python are required")
    archives = archive_requirements(args.ansible_test)
    if not archives:
        return 0
    cache_dir = pip_cache_dir()
    for name, url, hash_name, digest in archives:
        if canonical(name) not in pins:
            sys.exit("archive_standins: ansible-test pins %s as %s, which these machines cannot fetch, and %s names no"
                     " release to stand in for it: add a %s==VERSION line there" % (name, url, PINS, name))
        pin_name, version = pins[canonical(name)]
        for python in args.python:
            entry = cache_entry(cache_dir, url, hash_name, digest, python)
            origin = os.path.join(entry, "origin.json")
            if os.path.exists(origin) and holds_wheel(entry, pin_name, version):
                continue
            work = tempfile.mkdtemp(prefix="archive-standin-")
            try:
                wheel = download(pin_name, version, python, work)
                os.makedirs(entry, exist_ok=True)
                shutil.copy(wheel, entry)
            finally:
                shutil.rmtree(work)
            # What pip itself records for a wheel it built from the archive: its address and hash.
            with open(origin, "w") as handle:
                json.dump({"url": url, "archive_info": {"hash": "%s=%s" % (hash_name, digest),
                                                        "hashes": {hash_name: digest}}}, handle)
            print("%s %s from the package registry stands in for %s (Python %s, in %s)"
                  % (pin_name, version, url, python, entry))
    return 0


if __name__ == "__main__":
    sys.exit(main())
