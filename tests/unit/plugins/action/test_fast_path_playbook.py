# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The parity test: the same playbook through real ansible-playbook, fast path and forced module,
registers the same results, key for key, on the ansible-core of the Python that runs it.

One playbook covers several modules: check mode with diff, creates, converged loops, failures
(unknown name, bad choice, unsupported option), credentials from the task's `environment:`, a no_log
option, a task with no_log, and Plutora with a fetched and a registered token. Each run registers
every result and writes them to a file; the two files must match, apart from server timestamps,
GUIDs and tokens (which differ between any two runs). Where the core has the INJECT_INVOCATION
setting (2.21 and later), both of its values are run. Neither run may print a deprecation warning,
and failures read the same ("Task failed: Module failed: ...").

Run it in each virtual environment of the core matrix (python -m pytest tests/unit/plugins/action).
"""

from __future__ import absolute_import, division, print_function

import json
import os
import re
import subprocess
import sys

import pytest
import yaml

from ansible_collections.envops.environments.plugins.plugin_utils import core_interfaces

from harness import secret_values

COLLECTION = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
COLLECTIONS_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(COLLECTION)))
ANSIBLE_PLAYBOOK = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")
TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[^\"]*")
GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
IGNORED = {"ignore_errors": True}
# The INJECT_INVOCATION setting exists from ansible-core 2.21 on: run both of its values there.
INJECT_INVOCATION = [False, True] if core_interfaces.INJECT_INVOCATION_HONOURED else [None]


def tasks(v):
    rpm = {"api_url": v["rpm_api_url"], "token": v["rpm_token"]}
    flexdeploy = {"api_url": v["flexdeploy_api_url"], "username": v["flexdeploy_username"],
                  "password": v["flexdeploy_password"]}
    plutora = {"api_url": v["plutora_api_url"], "client_id": v["plutora_client_id"],
               "client_secret": v["plutora_client_secret"], "username": v["plutora_username"],
               "password": v["plutora_password"]}
    env = {"name": "fast-qa", "environment_type": "Testing", "servers": ["qa-app-01"], "deployment_policy": "opened"}
    system = {"vendor": "Plutora", "status": "Active", "organization": "ABC Group"}
    return [
        {"name": "check", "register": "r_check", "check_mode": True, "diff": True,
         "envops.environments.rpm_environment": dict(rpm, **env)},
        {"name": "check flexdeploy", "register": "r_check_fd", "check_mode": True, "diff": True,
         "envops.environments.flexdeploy_environment": dict(flexdeploy, code="FASTQA", name="Fast QA",
                                                            instances=["SOA"])},
        {"name": "create", "register": "r_create", "envops.environments.rpm_environment": dict(rpm, **env)},
        {"name": "loop create", "register": "r_loop", "loop": ["fast-a", "fast-b", "fast-c"],
         "envops.environments.rpm_environment": dict(rpm, name="{{ item }}", deployment_policy="closed")},
        {"name": "loop converged", "register": "r_loop_again", "loop": ["fast-a", "fast-b", "fast-c"],
         "envops.environments.rpm_environment": dict(rpm, name="{{ item }}", deployment_policy="closed")},
        dict(IGNORED, name="unknown server", register="r_unknown",
             **{"envops.environments.rpm_environment": dict(rpm, name="fast-qa", servers=["nope"])}),
        dict(IGNORED, name="bad choice", register="r_choice",
             **{"envops.environments.rpm_environment": dict(rpm, name="fast-qa", deployment_policy="ajar")}),
        dict(IGNORED, name="unsupported", register="r_unsupported",
             **{"envops.environments.rpm_environment": dict(rpm, name="fast-qa", colour="red")}),
        {"name": "credentials from the task environment", "register": "r_env",
         "environment": {"RPM_API_URL": v["rpm_api_url"], "RPM_TOKEN": v["rpm_token"]},
         "envops.environments.rpm_environment_info": {"name": "fast-qa"}},
        {"name": "a task with no_log", "register": "r_no_log", "no_log": True,
         "envops.environments.rpm_environment": dict(rpm, name="fast-qa", deployment_policy="closed")},
        {"name": "secret property", "register": "r_secret",
         "envops.environments.flexdeploy_target": dict(flexdeploy, environment="DEV", instance="SOA",
                                                       secret_properties={"MDS_PASS": "fast-path-mds-9d1"},
                                                       update_secrets="always")},
        {"name": "plutora loop", "register": "r_systems", "loop": [1, 2, 3],
         "envops.environments.plutora_system": dict(plutora, name="Fast System {{ item }}", **system)},
        {"name": "token", "register": "r_token", "envops.environments.plutora_token": plutora},
        {"name": "registered token", "register": "r_with_token",
         "envops.environments.plutora_system_info": {"api_url": v["plutora_api_url"],
                                                     "access_token": "{{ r_token.access_token }}",
                                                     "name": "Fast System 1"}},
    ]


REGISTERED = ["r_check", "r_check_fd", "r_no_log", "r_create", "r_loop", "r_loop_again", "r_unknown", "r_choice", "r_unsupported", "r_env",
              "r_secret", "r_systems", "r_token", "r_with_token"]


def run_playbook(emu, tmp_path, mode, inject_invocation=None):
    emu.reset()
    out = tmp_path / ("results-%s.json" % mode)
    play = {"hosts": "localhost", "gather_facts": False, "tasks": tasks(emu.connection_vars()) + [
        {"name": "write the results", "ansible.builtin.copy": {
            "dest": str(out), "content": "{{ {%s} | to_json }}" % ", ".join("'%s': %s" % (r, r) for r in REGISTERED)}}]}
    playbook = tmp_path / ("play-%s.yml" % mode)
    playbook.write_text(yaml.safe_dump([play]))
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith(("PLUTORA_", "FLEXDEPLOY_", "RPM_")))
    env.update({"ANSIBLE_COLLECTIONS_PATH": COLLECTIONS_ROOT, "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
                "ANSIBLE_LOCALHOST_WARNING": "0", "ANSIBLE_INVENTORY_UNPARSED_WARNING": "0", "ANSIBLE_NOCOLOR": "1",
                "ANSIBLE_DEPRECATION_WARNINGS": "1",
                "ENVOPS_CONTROLLER_FAST_PATH": "true" if mode == "fast" else "false"})
    if inject_invocation is not None:
        env["ANSIBLE_INJECT_INVOCATION"] = "1" if inject_invocation else "0"
    emu.clear_log()
    proc = subprocess.run([ANSIBLE_PLAYBOOK, "-i", "localhost,", "-c", "local", "-vvvv", str(playbook)], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    assert proc.returncode == 0, proc.stdout[-6000:]
    tokens = emu.admin("GET", "/_admin/issued_tokens")
    log = emu.requests()
    results = json.loads(out.read_text())
    return results, proc.stdout, tokens, log


def normalised(results, tokens):
    text = json.dumps(results, sort_keys=True)
    for token in tokens:
        text = text.replace(token, "<token>")
    return json.loads(GUID.sub("<guid>", TIMESTAMP.sub("<time>", text)))


def failures(output):
    return [line for line in output.splitlines() if line.startswith("[ERROR]: Task failed:")]


@pytest.mark.parametrize("inject_invocation", INJECT_INVOCATION)
def test_fast_path_and_module_give_the_same_results(emu, tmp_path, inject_invocation):
    fast, fast_output, fast_tokens, fast_log = run_playbook(emu, tmp_path, "fast", inject_invocation)
    module, module_output, module_tokens, module_log = run_playbook(emu, tmp_path, "module", inject_invocation)

    # Each way was taken for every collection task.
    assert fast_output.count("running envops.environments.") == fast_output.count("in the controller") > 12
    assert "AnsiballZ_rpm_environment" not in fast_output
    assert module_output.count("as a module: the fast path is turned off") > 12
    assert "AnsiballZ_rpm_environment" in module_output

    fast_results, module_results = normalised(fast, fast_tokens), normalised(module, module_tokens)
    for register in REGISTERED:
        assert fast_results[register] == module_results[register], register
    assert failures(fast_output) == failures(module_output)
    for output in (fast_output, module_output):
        assert "[DEPRECATION WARNING]" not in output
        assert "the controller fast path cannot" not in " ".join(output.splitlines())
    if inject_invocation is not None:
        assert ("invocation" in fast["r_create"]) is inject_invocation

    # What the results say, besides being equal.
    assert fast["r_check"]["changed"] and fast["r_check"]["diff"]["before"] == {}
    assert fast["r_check_fd"]["changed"] and fast["r_check_fd"]["diff"]["after"]["code"] == "FASTQA"
    assert fast["r_no_log"]["changed"] is True
    assert "the output has been hidden" in fast_output and "the output has been hidden" in module_output
    assert [r["changed"] for r in fast["r_loop_again"]["results"]] == [False, False, False]
    assert fast["r_unknown"]["failed"] and "no server named 'nope'" in fast["r_unknown"]["msg"]
    assert fast["r_choice"]["msg"] == "value of deployment_policy must be one of: opened, closed, got: ajar"
    assert fast["r_unsupported"]["msg"].startswith(
        "Unsupported parameters for (envops.environments.rpm_environment) module: colour.")
    assert fast["r_env"]["environments"][0]["name"] == "fast-qa"
    assert fast["r_with_token"]["systems"][0]["name"] == "Fast System 1"
    assert fast["r_token"]["access_token"] in fast_tokens  # register keeps the token usable

    # The fast path fetched one token for the 3-item loop (plus plutora_token's own); the module, one per item.
    def token_requests(log):
        return len([r for r in log if "oauth" in r["path"]])
    assert token_requests(fast_log) == 2 and token_requests(module_log) == 4
    assert len(fast_log) < len(module_log)

    # No secret in either -vvvv output: credentials, issued tokens, the no_log property value. The
    # module way shows the task's environment: (RPM_TOKEN here) in ansible-core's own EXEC line;
    # the fast path starts no process, so it has no such line.
    module_output = "\n".join(line for line in module_output.splitlines() if not line.startswith("<localhost> EXEC "))
    for output, tokens in ((fast_output, fast_tokens), (module_output, module_tokens)):
        secrets = secret_values() + tokens + ["fast-path-mds-9d1"]
        assert not [s for s in secrets if s and s in output]
