# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Start and drive the API emulator from scripts and tests (demo, integration, benchmarks).

    with Emulator() as emu:
        env = emu.connection_env()      # PLUTORA_*, FLEXDEPLOY_*, RPM_* for the modules
        emu.clear_log(); ...; emu.requests()
"""

from __future__ import absolute_import, division, print_function

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

TESTS_DIR = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, TESTS_DIR)

from emulator.credentials import CREDENTIALS  # noqa: E402  (needs TESTS_DIR on sys.path)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Emulator:
    def __init__(self, port=None, scheme="http", cert=None, key=None, log_path=None, env=None, ca_path=None):
        self.port = port or free_port()
        self.scheme = scheme
        self.cert = cert
        self.key = key
        # CA that signed `cert` (the certificate itself when it is self-signed).
        self.ca_path = ca_path or cert
        self.log_path = log_path
        self.env = env
        self.process = None
        self._log_handle = None

    @property
    def url(self):
        return "%s://127.0.0.1:%d" % (self.scheme, self.port)

    @property
    def admin_url(self):
        # The admin API is reached over plain HTTP only when the emulator serves HTTP.
        return "http://127.0.0.1:%d" % self.port

    def start(self):
        cmd = [sys.executable, "-m", "emulator", "--port", str(self.port), "--quiet"]
        if self.cert:
            cmd += ["--cert", self.cert, "--key", self.key]
        env = dict(os.environ if self.env is None else self.env)
        env["PYTHONPATH"] = TESTS_DIR + os.pathsep + env.get("PYTHONPATH", "")
        if self.log_path:
            os.makedirs(os.path.dirname(self.log_path), exist_ok=True)
        self._log_handle = open(self.log_path or os.devnull, "w")
        self.process = subprocess.Popen(cmd, cwd=TESTS_DIR, env=env, stdout=self._log_handle,
                                        stderr=subprocess.STDOUT)
        deadline = time.time() + 20
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("the emulator exited with code %s" % self.process.returncode)
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the emulator did not start listening on port %d" % self.port)

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
            self.process = None
        if self._log_handle:
            self._log_handle.close()
            self._log_handle = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # Admin API -----------------------------------------------------------------------
    def admin(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.admin_url + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        ctx = None
        if self.scheme == "https":
            import ssl
            ctx = ssl.create_default_context(cafile=self.ca_path)
            req = urllib.request.Request(self.url + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30, context=ctx) as response:
            return json.loads(response.read() or b"null")

    def reset(self):
        return self.admin("POST", "/_admin/reset")

    def clear_log(self):
        return self.admin("DELETE", "/_admin/requests")

    def requests(self):
        return self.admin("GET", "/_admin/requests")

    def inject(self, **fault):
        return self.admin("POST", "/_admin/faults", fault)

    def configure(self, **config):
        return self.admin("POST", "/_admin/config", config)

    def clear_faults(self):
        return self.admin("DELETE", "/_admin/faults")

    def seed_rpm_environments(self, count, prefix="bulk-env-"):
        """Add `count` RPM environments in one admin call (for scale benchmarks)."""
        return self.admin("POST", "/_admin/rpm/environments", {"count": count, "prefix": prefix})

    # What modules need ---------------------------------------------------------------
    def connection_vars(self):
        """Connection settings of the three products, keyed like the integration config."""
        return {
            "emulator_url": self.url,
            "plutora_api_url": self.url + "/plutora",
            "plutora_client_id": CREDENTIALS["plutora_client_id"],
            "plutora_client_secret": CREDENTIALS["plutora_client_secret"],
            "plutora_username": CREDENTIALS["plutora_username"],
            "plutora_password": CREDENTIALS["plutora_password"],
            "flexdeploy_api_url": self.url + "/flexdeploy",
            "flexdeploy_username": CREDENTIALS["flexdeploy_username"],
            "flexdeploy_password": CREDENTIALS["flexdeploy_password"],
            "rpm_api_url": self.url + "/brpm",
            "rpm_token": CREDENTIALS["rpm_token"],
        }

    def module_options(self, product, base=None, **extra):
        """The connection options of a product's modules ("plutora", "flexdeploy" or "rpm"), plus `extra`.

        base: the URL of a server in front of the emulator (tests/redirect_front.py) to reach it through.
        """
        values = self.connection_vars()
        if base is not None:
            values = dict((k, v.replace(self.url, base, 1) if k.endswith("_api_url") else v)
                          for k, v in values.items())
        if product == "rpm":
            options = {"api_url": values["rpm_api_url"], "token": values["rpm_token"]}
        elif product == "flexdeploy":
            options = dict((key, values["flexdeploy_" + key]) for key in ("api_url", "username", "password"))
        else:
            options = dict((key, values["plutora_" + key])
                           for key in ("api_url", "client_id", "client_secret", "username", "password"))
        options.update(extra)
        return options

    def connection_env(self):
        """The same settings as the environment variables the modules fall back to."""
        values = self.connection_vars()
        return {
            "PLUTORA_API_URL": values["plutora_api_url"],
            "PLUTORA_CLIENT_ID": values["plutora_client_id"],
            "PLUTORA_CLIENT_SECRET": values["plutora_client_secret"],
            "PLUTORA_USERNAME": values["plutora_username"],
            "PLUTORA_PASSWORD": values["plutora_password"],
            "FLEXDEPLOY_API_URL": values["flexdeploy_api_url"],
            "FLEXDEPLOY_USERNAME": values["flexdeploy_username"],
            "FLEXDEPLOY_PASSWORD": values["flexdeploy_password"],
            "RPM_API_URL": values["rpm_api_url"],
            "RPM_TOKEN": values["rpm_token"],
        }


def collection_module(name):
    """A module of the collection by its short name (rpm_environment), to run in-process."""
    import importlib
    return importlib.import_module("ansible_collections.envops.environments.plugins.modules." + name)


def secret_values():
    """Every credential the emulator accepts: none may appear in any output."""
    return [value for key, value in CREDENTIALS.items()
            if any(word in key for word in ("password", "secret", "token"))]
