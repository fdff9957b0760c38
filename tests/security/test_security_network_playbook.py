# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Issue 19's credential cases as real ansible-playbook -vvvv runs, with the controller fast path and
with the module forced: redirects to another server (the RPM token, Plutora's login, a FlexDeploy
write), a password in api_url and a plain value given to an encrypted property in check mode. The
whole output is searched for every credential, and a recording stranger proves nothing reached it."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re
import subprocess
import sys

import pytest
import yaml

from harness import secret_values
from plugins_path import COLLECTIONS
from redirect_front import Front

URL_PASSWORD = "in-the-url-Pass-3907"
PROPERTY_VALUE = "plain-for-encrypted-6624"
EXPECTED_FAILURES = ["rpm token redirected to another server", "plutora login redirected to another server",
                     "flexdeploy write redirected to another server", "password in api_url"]


def playbook(emu, front, mover):
    """The tasks; credentials come from the environment (PLUTORA_*, FLEXDEPLOY_*, RPM_*), since
    ansible-core 2.19 quotes the playbook's own lines around a failed task."""
    v = emu.connection_vars()
    rpm = {"api_url": front.url + "/brpm"}
    plutora = {"api_url": front.url + "/plutora"}
    flexdeploy = {"api_url": v["flexdeploy_api_url"]}
    tasks = [
        {"name": "rpm token redirected to another server", "ignore_errors": True,
         "envops.environments.rpm_environment_info": {"name": "production"}},
        {"name": "plutora login redirected to another server", "ignore_errors": True,
         "envops.environments.plutora_system_info": {"name": "Core Banking"}},
        {"name": "flexdeploy write redirected to another server", "ignore_errors": True,
         "envops.environments.flexdeploy_environment": {"api_url": front.url + "/flexdeploy", "code": "QA",
                                                        "description": "through the front"}},
        {"name": "password in api_url", "ignore_errors": True,
         "envops.environments.rpm_environment_info": {
             "api_url": v["rpm_api_url"].replace("http://", "http://svc:%s@" % URL_PASSWORD), "name": "production"}},
        {"name": "plain value for an encrypted property", "check_mode": True, "diff": True,
         "envops.environments.flexdeploy_target": {"environment": "DEV", "instance": "SOA",
                                                   "properties": {"MDS_PASS": PROPERTY_VALUE,
                                                                  "FDSOA_SERVER_PORT": 8002}}},
        {"name": "a write resent by 307 on the same server",
         "envops.environments.rpm_environment": {"api_url": mover.url + "/old/brpm", "name": "production",
                                                 "deployment_policy": "closed"}},
    ]
    return [{"hosts": "localhost", "gather_facts": False,
             "module_defaults": {"group/envops.environments.rpm": rpm, "group/envops.environments.plutora": plutora,
                                 "group/envops.environments.flexdeploy": flexdeploy},
             "tasks": tasks}]


@pytest.mark.parametrize("fast_path", ["true", "false"], ids=["fast-path", "module"])
def test_no_credential_leaves_for_another_server_nor_shows_at_vvvv(emu, tmp_path, fast_path):
    with Front() as stranger, Front(backend=emu.url) as front, Front(backend=emu.url) as mover:
        mover.redirect(307, to=mover.url, path=r"^/old(/.*)$", replace=r"\1")
        front.redirect(302, to=stranger.url, method="GET", path=r"^/brpm/")
        front.redirect(307, to=stranger.url, method="POST", path=r"/oauth/token$")
        front.redirect(307, to=stranger.url, method="PATCH")
        (tmp_path / "play.yml").write_text(yaml.safe_dump(playbook(emu, front, mover)))
        env = dict(os.environ, **emu.connection_env())
        env.update(ANSIBLE_COLLECTIONS_PATH=COLLECTIONS, ANSIBLE_NOCOLOR="1",
                   ANSIBLE_LOCALHOST_WARNING="0", ANSIBLE_INVENTORY_UNPARSED_WARNING="0",
                   ANSIBLE_PYTHON_INTERPRETER=sys.executable, ENVOPS_CONTROLLER_FAST_PATH=fast_path)
        proc = subprocess.run(["ansible-playbook", "-i", "localhost,", "-c", "local", "-vvvv",
                               str(tmp_path / "play.yml")], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, timeout=600, check=False)
        reached = stranger.received()
    output = proc.stdout
    assert proc.returncode == 0, output[-4000:]
    way = "running envops.environments.rpm_environment_info in the controller" if fast_path == "true" else \
        "envops.environments.rpm_environment_info as a module"
    assert way in output, output[-3000:]
    ignored = re.findall(r"TASK \[([^\]]+)\](?:(?!TASK \[).)*?\.\.\.ignoring", output, re.S)
    assert sorted(ignored) == sorted(EXPECTED_FAILURES), ignored
    assert reached == [], "requests reached the other server: %s" % reached
    leaked = [s for s in secret_values() + [URL_PASSWORD, PROPERTY_VALUE] if s in output]
    assert leaked == [], "credentials in the -vvvv output: %s" % leaked
    # The failures say why, and the task that may go on did.
    assert output.count("Nothing was sent there") >= 3
    assert "svc:********@" in output and "user:password@" in output
    assert "changed=2" in output  # the check-mode target and the write re-sent by 307
