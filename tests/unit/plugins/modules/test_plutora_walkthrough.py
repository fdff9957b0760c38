# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""playbooks/plutora_walkthrough.yml through the real ansible-playbook: converges, then changes nothing."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re
import subprocess
import sys

import requests

COLLECTION = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))))
COLLECTIONS_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(COLLECTION)))
PLAYBOOK = os.path.join(COLLECTION, "playbooks", "plutora_walkthrough.yml")
BIN = os.path.dirname(sys.executable)
RECAP = re.compile(r"^localhost\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=\d+\s+failed=(\d+)", re.M)


def run_walkthrough(emu):
    env = dict(os.environ)
    env.update(emu.connection_env())
    env.update({"ANSIBLE_COLLECTIONS_PATH": COLLECTIONS_ROOT, "ANSIBLE_NOCOLOR": "1",
                "ANSIBLE_LOCALHOST_WARNING": "0", "ANSIBLE_INVENTORY_UNPARSED_WARNING": "0",
                "ANSIBLE_PYTHON_INTERPRETER": sys.executable, "PATH": BIN + os.pathsep + env.get("PATH", "")})
    emu.clear_log()
    proc = subprocess.run([os.path.join(BIN, "ansible-playbook"), "-i", "localhost,", "-c", "local", "-vvvv",
                           PLAYBOOK], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          check=False, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:]
    ok, changed, failed = (int(g) for g in RECAP.search(proc.stdout).groups())
    return changed, failed, proc.stdout, emu.requests()


def test_walkthrough_converges_then_is_unchanged_with_one_token_per_run(emu):
    changed, failed, output, log = run_walkthrough(emu)
    assert (changed, failed) == (8, 0)
    assert len([r for r in log if r["path"].endswith("/oauth/token")]) == 1

    changed, failed, output_again, log = run_walkthrough(emu)
    assert (changed, failed) == (0, 0)
    assert len([r for r in log if r["path"].endswith("/oauth/token")]) == 1
    assert [r for r in log if r["method"] not in ("GET",) and not r["path"].endswith("/oauth/token")] == []

    issued = emu.admin("GET", "/_admin/issued_tokens")
    for secret in issued + [emu.connection_vars()["plutora_client_secret"], emu.connection_vars()["plutora_password"]]:
        assert secret not in output and secret not in output_again

    # The server holds the primer's end state.
    v = emu.connection_vars()
    token = requests.post(v["plutora_api_url"] + "/oauth/token", data={
        "grant_type": "password", "client_id": v["plutora_client_id"], "client_secret": v["plutora_client_secret"],
        "username": v["plutora_username"], "password": v["plutora_password"]}).json()["access_token"]
    headers = {"Authorization": "bearer " + token}

    def get(path, **params):
        return requests.get(v["plutora_api_url"] + "/" + path, headers=headers, params=params).json()

    env_id = get("environments", filter="`name` Equals `My Environment`")[0]["id"]
    env = get("environments/" + env_id)
    assert env["description"] == "Here is the description of My Environment, take two"
    assert (env["color"], env["isSharedEnvironment"], env["linkedSystem"]) == ("#00ff00", False, "My System")
    assert [(h["name"], [(l["componentName"], l["version"], l["stackLayer"]) for l in h["layers"]])
            for h in env["hosts"]] == [("My Host", [("My Application", "2.0", "Application")])]
    group_id = get("environmentgroups", filter="`name` Equals `My Environment Group`")[0]["id"]
    links = get("connectivities", filter="`environmentGroupId` Equals `%s`" % group_id)
    assert [(c["source"], c["target"], c["connectivityType"], c["direction"]) for c in links] == [
        ("My Environment", "My second Environment", "HTTPS", "InAndOut")]
