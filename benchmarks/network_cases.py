# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Real-network cases, as figures: redirected writes, credentials sent off-site, slow links and big
answers (issue 19), each a module process run against the emulator behind a small redirecting front
(tests/redirect_front.py) or with one of the emulator's network faults (drip, big_mb, Retry-After).

Per case: writes the task reported (changed) against the writes the emulator's log shows made,
bytes of credentials that reached a server other than the configured one, seconds the task took,
and peak memory (max RSS of the module process). The same script measures any collection tree, so
it gives the before and after figures of a change (run it with --collections of each tree).

Usage: python benchmarks/network_cases.py --collections BUILD_DIR [--cap SECONDS]
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

from common import Emulator, markdown_table

from redirect_front import Front  # noqa: E402  (tests/ is on sys.path through common)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests", "security"))
from certs import CertificateAuthority  # noqa: E402

MODULES = "ansible_collections.envops.environments.plugins.modules."
WRITES = ("POST", "PUT", "PATCH", "DELETE")


def run_module(collections, module, args, cap, check_mode=False):
    """(result or None when stopped at `cap` seconds, seconds, max RSS MiB) of one module process."""
    payload = dict(args, _ansible_check_mode=check_mode)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump({"ANSIBLE_MODULE_ARGS": payload}, handle)
    command = ["/usr/bin/time", "-v", sys.executable, "-m", MODULES + module, handle.name]
    start = time.time()
    # A session of its own, so a task stopped at the cap is stopped whole (time and the module).
    proc = subprocess.Popen(command, env=dict(os.environ, PYTHONPATH=collections), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        stdout, stderr = proc.communicate(timeout=cap)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return None, time.time() - start, None
    finally:
        os.unlink(handle.name)
    seconds = time.time() - start
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr)
    try:
        result = json.loads(stdout)
    except ValueError:
        result = {"failed": True, "msg": "no JSON result: %s %s" % (stdout[-300:], stderr[-300:])}
    return result, seconds, int(peak.group(1)) / 1024.0 if peak else None


def writes_made(emu):
    """Writes the server acted on (a token request is a login, not a write)."""
    return len([r for r in emu.requests() if r["method"] in WRITES and str(r["status"]).startswith("2")
                and not r["path"].endswith("/oauth/token")])


def credential_bytes(text, secrets):
    return sum(len(s) * text.count(s) for s in secrets)


def outcome(result):
    if result is None:
        return "still running (stopped)"
    if result.get("failed"):
        # URLs (ports change from run to run) are left out: what the message says is the figure.
        text = re.sub(r"\s+", " ", re.sub(r"https?://\S+", "URL", str(result.get("msg"))))
        return "failed: " + (text[:130] + "..." if len(text) > 130 else text)
    return "changed" if result.get("changed") else "ok, unchanged"


class Cases:
    def __init__(self, collections, cap, emu, https_emu, ca_path):
        self.collections = collections
        self.cap = cap
        self.emu = emu
        self.https_emu = https_emu
        self.ca_path = ca_path
        self.rows = []

    def record(self, case, result, seconds, peak=None, reported=None, made=None, offsite=None):
        self.rows.append([case, outcome(result), "-" if reported is None else reported, "-" if made is None else made,
                          "-" if offsite is None else offsite, "%.1f s" % seconds,
                          "-" if peak is None else "%.0f MiB" % peak])

    def secrets(self):
        v = self.emu.connection_vars()
        return [v["rpm_token"], v["flexdeploy_password"], v["plutora_client_secret"], v["plutora_password"]]

    def options(self, product, base, **extra):
        return self.emu.module_options(product, base=base, **extra)

    # Redirected writes ------------------------------------------------------------------------
    # (label, product, module, task, setup task or None, the write's method and path)
    WRITE_TASKS = [
        ("RPM PUT", "rpm", "rpm_environment", dict(name="production", deployment_policy="closed"), None,
         ("PUT", r"^/brpm/v1/environments/")),
        ("RPM DELETE", "rpm", "rpm_environment", dict(name="aws_cloud", state="absent"), None,
         ("DELETE", r"^/brpm/v1/environments/")),
        ("FlexDeploy PATCH", "flexdeploy", "flexdeploy_environment", dict(code="QA", description="patched"), None,
         ("PATCH", r"/topology/environment/")),
        ("Plutora PUT", "plutora", "plutora_system", dict(name="Core Banking", description="put"), None,
         ("PUT", r"^/plutora/systems/")),
        ("Plutora DELETE", "plutora", "plutora_system", dict(name="Short Lived", state="absent"),
         dict(name="Short Lived", vendor="V", status="Active", organization="ABC Group"),
         ("DELETE", r"^/plutora/systems/")),
    ]

    def _setup(self, product, module, setup):
        self.emu.reset()
        self.https_emu.reset()
        if setup:
            for emu in (self.emu, self.https_emu):
                run_module(self.collections, module, dict(self.options(product, emu.url, ca_path=self.ca_path),
                                                          **setup), self.cap)
            self.emu.clear_log()
            self.https_emu.clear_log()

    def redirected_writes(self):
        for label, product, module, args, setup, (method, path) in self.WRITE_TASKS:
            # An http:// api_url behind an http->https rule (302 on every request).
            self._setup(product, module, setup)
            with Front() as front:
                front.redirect(302, to=self.https_emu.url)
                result, seconds, peak = run_module(self.collections, module,
                                                   dict(self.options(product, front.url, ca_path=self.ca_path),
                                                        **args), self.cap)
            self.record("%s, http->https rule (302)" % label, result, seconds, peak,
                        reported=int(bool(result and result.get("changed"))), made=writes_made(self.https_emu))
            # A front that answers the write (only) with 302 to the same URL.
            self._setup(product, module, setup)
            with Front(backend=self.emu.url) as front:
                front.redirect(302, to=front.url, method=method, path=path)
                result, seconds, peak = run_module(self.collections, module,
                                                   dict(self.options(product, front.url), **args), self.cap)
            self.record("%s, the write answered 302 (same URL)" % label, result, seconds, peak,
                        reported=int(bool(result and result.get("changed"))), made=writes_made(self.emu))
            # The API moved on the same server: /old/... answers with the new path.
            for status in (301, 302, 307, 308):
                self._setup(product, module, setup)
                with Front(backend=self.emu.url) as front:
                    front.redirect(status, to=front.url, path=r"^/old(/.*)$", replace=r"\1")
                    result, seconds, peak = run_module(self.collections, module,
                                                       dict(self.options(product, front.url + "/old"), **args),
                                                       self.cap)
                self.record("%s, API moved on the same server (%d)" % (label, status), result, seconds, peak,
                            reported=int(bool(result and result.get("changed"))), made=writes_made(self.emu))

    def lost_delete(self):
        self.emu.reset()
        setup = dict(self.emu.module_options("plutora"), name="Lost Delete", vendor="V", status="Active",
                     organization="ABC Group")
        run_module(self.collections, "plutora_system", setup, self.cap)
        self.emu.clear_log()
        self.emu.inject(drop=True, when="after", method="DELETE", path=r"^/plutora/systems/", count=1)
        result, seconds, peak = run_module(self.collections, "plutora_system",
                                           dict(self.emu.module_options("plutora"), name="Lost Delete",
                                                state="absent"), self.cap)
        self.record("Plutora DELETE whose answer is lost (the retry gets 404)", result, seconds, peak,
                    reported=int(bool(result and result.get("changed"))), made=writes_made(self.emu))

    # Credentials off-site ---------------------------------------------------------------------
    def credentials_offsite(self):
        for status in (301, 302, 307, 308):
            self.emu.reset()
            with Front() as stranger, Front(backend=self.emu.url) as front:
                front.redirect(status, to=stranger.url.replace("127.0.0.1", "localhost"), method="GET")
                result, seconds, peak = run_module(self.collections, "rpm_environment_info",
                                                   dict(self.options("rpm", front.url), name="production"), self.cap)
                offsite = credential_bytes(stranger.received_text(), self.secrets())
            self.record("RPM token, GET redirected (%d) to another host" % status, result, seconds, peak,
                        offsite=offsite)
        self.emu.reset()
        with Front() as stranger, Front(cert=self.https_emu.cert, key=self.https_emu.key) as front:
            front.redirect(302, to=stranger.url)
            result, seconds, peak = run_module(self.collections, "rpm_environment_info",
                                               dict(self.options("rpm", front.url, ca_path=self.ca_path),
                                                    name="production"), self.cap)
            offsite = credential_bytes(stranger.received_text(), self.secrets())
        self.record("RPM token, https redirected (302) to plain http", result, seconds, peak, offsite=offsite)
        self.emu.reset()
        with Front() as stranger, Front(backend=self.emu.url) as front:
            front.redirect(307, to=stranger.url, method="POST", path=r"/oauth/token$")
            result, seconds, peak = run_module(self.collections, "plutora_system_info",
                                               dict(self.options("plutora", front.url)), self.cap)
            offsite = credential_bytes(stranger.received_text(), self.secrets())
        self.record("Plutora login, token endpoint 307 to another port", result, seconds, peak, offsite=offsite)
        self.emu.reset()
        with Front() as stranger, Front(backend=self.emu.url) as front:
            front.redirect(307, to=stranger.url, method="PATCH")
            result, seconds, peak = run_module(self.collections, "flexdeploy_environment",
                                               dict(self.options("flexdeploy", front.url), code="QA",
                                                    description="patched"), self.cap)
            offsite = credential_bytes(stranger.received_text(), self.secrets())
            reached = len(stranger.received())
        self.record("FlexDeploy PATCH 307 to another port (%d requests reached it)" % reached, result, seconds,
                    peak, reported=int(bool(result and result.get("changed"))), made=writes_made(self.emu),
                    offsite=offsite)

    def userinfo(self):
        self.emu.reset()
        password = "userinfo-pass-7731"
        args = dict(self.emu.module_options("rpm"), name="production")
        args["api_url"] = args["api_url"].replace("http://", "http://admin:%s@" % password)
        result, seconds, peak = run_module(self.collections, "rpm_environment_info", args, self.cap)
        self.record("api_url with user:password@: the password in the result (%d times)"
                    % json.dumps(result).count(password), result, seconds, peak)

    def encrypted_in_properties(self):
        self.emu.reset()
        secret = "plain-in-properties-5521"
        args = dict(self.emu.module_options("flexdeploy"), environment="DEV", instance="SOA",
                    properties={"MDS_PASS": secret})
        result, seconds, peak = run_module(self.collections, "flexdeploy_target", args, self.cap, check_mode=True)
        self.record("encrypted property given in properties, check mode: the value in the result (%d times)"
                    % json.dumps(result).count(secret), result, seconds, peak)

    # Time and size ------------------------------------------------------------------------------
    def time_and_size(self):
        self.emu.reset()
        self.emu.inject(drip=0.1, method="GET", path=r"^/brpm/v1/environments$", count=1)
        result, seconds, peak = run_module(self.collections, "rpm_environment_info",
                                           dict(self.emu.module_options("rpm"), timeout=3), self.cap)
        self.record("answer dripping 1 byte / 0.1 s, timeout 3", result, seconds, peak)
        self.emu.reset()
        self.emu.inject(status=429, retry_after=86400, method="GET", path=r"^/brpm/v1/environments$", count=5)
        result, seconds, peak = run_module(self.collections, "rpm_environment_info",
                                           dict(self.emu.module_options("rpm")), self.cap)
        self.record("429 with Retry-After: 86400", result, seconds, peak)
        for status in (502, 503):
            self.emu.reset()
            self.emu.inject(status=status, method="POST", path=r"/oauth/token$", count=1)
            result, seconds, peak = run_module(self.collections, "plutora_system_info",
                                               dict(self.emu.module_options("plutora")), self.cap)
            self.record("Plutora token endpoint answers %d once" % status, result, seconds, peak)
        self.emu.reset()
        self.emu.inject(big_mb=200, method="GET", path=r"^/brpm/v1/environments$", count=1)
        result, seconds, peak = run_module(self.collections, "rpm_environment_info",
                                           dict(self.emu.module_options("rpm")), self.cap)
        self.record("a 200 MB answer to a list", result, seconds, peak)
        closed = Front().start()
        url = closed.url
        closed.stop()
        args = dict(self.emu.module_options("rpm"), name="production")
        args["api_url"] = url + "/brpm"
        result, seconds, peak = run_module(self.collections, "rpm_environment", args, self.cap)
        self.record("connection refused", result, seconds, peak)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--collections", required=True)
    parser.add_argument("--cap", type=float, default=150.0, help="seconds after which a task is stopped")
    parser.add_argument("--only", help="a regular expression of the case groups to run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as pki:
        ca = CertificateAuthority()
        cert, key = ca.issue_server(pki)
        ca_path = ca.write_ca(pki)
        with Emulator() as emu, Emulator(scheme="https", cert=cert, key=key, ca_path=ca_path) as https_emu:
            cases = Cases(args.collections, args.cap, emu, https_emu, ca_path)
            for group in ("redirected_writes", "lost_delete", "credentials_offsite", "userinfo",
                          "encrypted_in_properties", "time_and_size"):
                if args.only and not re.search(args.only, group):
                    continue
                getattr(cases, group)()
    print("## Real networks: redirects, credentials, slow links, big answers\n")
    print("One module process per case (`benchmarks/network_cases.py`); a task still running after %d s "
          "is stopped.\n" % args.cap)
    print(markdown_table(["case", "outcome", "writes reported", "writes made", "credential bytes off-site",
                          "time", "max RSS"], cases.rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
