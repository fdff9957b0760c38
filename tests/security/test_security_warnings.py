# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Warnings are redacted by design, the same both ways.

ansible-core 2.19 does not mask a module process's warnings with its no_log values, while the
controller's fast path does; so every module.warn text goes through the task's Redactor in
runner.perform(). This test plants a secret (the FlexDeploy password) in server data that a
module quotes in a warning (flexdeploy_group_info names groups that share a name), runs it with
-vvvv as a module and in the controller, and searches the whole output for the secret.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import subprocess
import sys

import pytest
import requests
import yaml

from plugins_path import COLLECTIONS

SWITCH = {"module": "false", "fast": "true"}


def planted_groups(emu, name):
    """Two FlexDeploy groups with the same name (FlexDeploy allows it), through the API itself."""
    v = emu.connection_vars()
    for group_name in (name, name):
        answer = requests.post(v["flexdeploy_api_url"] + "/rest/v1/administration/security/group",
                               json={"groupName": group_name, "description": "planted by a security test"},
                               auth=(v["flexdeploy_username"], v["flexdeploy_password"]), timeout=10)
        answer.raise_for_status()


@pytest.mark.parametrize("mode", sorted(SWITCH))
def test_a_secret_quoted_in_a_warning_never_shows(emu, tmp_path, mode):
    v = emu.connection_vars()
    secret = v["flexdeploy_password"]
    planted_groups(emu, "warned crew %s" % secret)
    play = [{"hosts": "localhost", "gather_facts": False, "tasks": [
        {"name": "Read the groups that share a name", "register": "found",
         "envops.environments.flexdeploy_group_info": {
             "api_url": v["flexdeploy_api_url"], "username": v["flexdeploy_username"],
             "password": secret, "name_contains": "warned crew"}},
        {"name": "The warning was made, and the result holds both groups",
         "ansible.builtin.assert": {"that": ["found.groups | length == 2",
                                             "found.warnings | length == 2"]}},
    ]}]
    (tmp_path / "play.yml").write_text(yaml.safe_dump(play))
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS, ANSIBLE_NOCOLOR="1", ANSIBLE_LOCALHOST_WARNING="0",
               ANSIBLE_INVENTORY_UNPARSED_WARNING="0", ANSIBLE_PYTHON_INTERPRETER=sys.executable,
               ENVOPS_CONTROLLER_FAST_PATH=SWITCH[mode])
    proc = subprocess.run(["ansible-playbook", "-i", "localhost,", "-c", "local", "-vvvv", str(tmp_path / "play.yml")],
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300,
                          check=False)
    output = proc.stdout
    assert proc.returncode == 0, output[-3000:]
    # The task went the way asked, and its warnings were printed (masked).
    way = "in the controller" if mode == "fast" else "as a module"
    assert "envops fast path: running envops.environments.flexdeploy_group_info %s" % way in output
    assert "group 'warned crew ********'" in output, output[-3000:]
    assert secret not in output
