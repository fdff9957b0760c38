# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every module gets from runner.py and rest_client.py: missing library message, proxies, TLS options."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.envops.environments.plugins.module_utils import runner
from ansible_collections.envops.environments.plugins.module_utils.rest_client import HttpClient, RetryPolicy
from ansible_collections.envops.environments.plugins.modules import rpm_environment


def test_missing_requests_gives_ansible_message(emu, run_module, monkeypatch):
    monkeypatch.setattr(runner, "HAS_REQUESTS", False)
    monkeypatch.setattr(runner, "REQUESTS_IMPORT_ERROR", "Traceback: No module named 'requests'")
    result, failed = run_module(rpm_environment, {"api_url": emu.url + "/brpm", "token": "t0ken-value", "name": "x"})
    assert failed
    assert "Failed to import the required Python library (requests)" in result["msg"]
    assert emu.requests() == []


def test_proxy_from_environment_is_used(emu, monkeypatch):
    # The host does not resolve; the request can only succeed through the proxy (the emulator).
    monkeypatch.setenv("HTTP_PROXY", emu.url)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    token = emu.connection_vars()["rpm_token"]
    client = HttpClient("http://rpm.example.invalid/brpm/v1", timeout=5, params={"token": token},
                        retry=RetryPolicy(retries=0))
    assert client.get("servers").status == 200


def test_tls_options_reach_the_session(tmp_path):
    ca_file = tmp_path / "ca.pem"
    ca_file.write_text("-----BEGIN CERTIFICATE-----\n")
    assert HttpClient("https://x.invalid", validate_certs=False).session.verify is False
    assert HttpClient("https://x.invalid", ca_path=str(ca_file)).session.verify == str(ca_file)
    assert HttpClient("https://x.invalid").session.verify is True


def test_a_session_is_reused_within_a_task(emu):
    token = emu.connection_vars()["rpm_token"]
    client = HttpClient(emu.url + "/brpm/v1", params={"token": token})
    client.get("servers")
    adapter = client.session.get_adapter(emu.url)
    pools_before = len(adapter.poolmanager.pools)
    client.get("server_groups")
    client.get("environment_types")
    assert len(adapter.poolmanager.pools) == pools_before == 1
    assert client.request_count == 3
