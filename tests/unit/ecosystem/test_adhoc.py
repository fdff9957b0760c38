# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every module works ad hoc (`ansible localhost -m ...`) with its connection settings taken only from
the PLUTORA_*, FLEXDEPLOY_* and RPM_* environment variables, and shows no secret doing so."""

from __future__ import absolute_import, division, print_function

import os
import subprocess
import sys

import pytest

from harness import secret_values

COLLECTION = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
COLLECTIONS_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(COLLECTION)))
MODULES_DIR = os.path.join(COLLECTION, "plugins", "modules")
ANSIBLE = os.path.join(os.path.dirname(sys.executable), "ansible")

# One ad hoc call per module against the emulator's seed data; resource modules run with --check.
CALLS = {
    "rpm_environment": ("name=QA environment_type=Testing servers=qa-app-01,qa-db-01", True),
    "rpm_environment_info": ("name=production", False),
    "rpm_server": ("name=qa2-app-01 dns=qa2-app-01.example.com ip_address=10.0.0.21 os_platform=Linux", True),
    "rpm_server_info": ("name=qa-%", False),
    "plutora_token": ("", False),
    "plutora_system": ("name=Payments vendor=Acme status=Active organization='ABC Group'", True),
    "plutora_environment": ("name='Core Banking Env 001' color=#00ff00", True),
    "plutora_environment_group": ("name='Core train' environments='Core Banking Env 001,Core Banking Env 002'", True),
    "plutora_environment_info": ("name='Core Banking Env 001'", False),
    "plutora_system_info": ("name='Core Banking'", False),
    "plutora_environment_group_info": ("name_contains=train", False),
    "flexdeploy_environment": ("code=SIT name='System Integration' instances=SOA,OSB", True),
    "flexdeploy_target": ("environment=DEV instance=SOA properties='{\"FDSOA_SERVER_PORT\": 8002}'", True),
    "flexdeploy_group": ("name=Auditors global_permissions='{\"REPORT\": [\"READ\"]}'", True),
    "flexdeploy_environment_info": ("code=DEV", False),
    "flexdeploy_target_info": ("environment=DEV", False),
    "flexdeploy_group_info": ("name=Readers", False),
}


def modules():
    return sorted(name[:-3] for name in os.listdir(MODULES_DIR) if name.endswith(".py") and not name.startswith("_"))


def test_every_module_has_an_ad_hoc_call():
    assert sorted(CALLS) == modules()


@pytest.mark.parametrize("module", sorted(CALLS))
def test_module_runs_ad_hoc_from_environment_variables(emulator, module):
    emulator.reset()
    args, check = CALLS[module]
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith(("PLUTORA_", "FLEXDEPLOY_", "RPM_")))
    env.update(emulator.connection_env())
    env.update({"ANSIBLE_COLLECTIONS_PATH": COLLECTIONS_ROOT, "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
                "ANSIBLE_LOCALHOST_WARNING": "0", "ANSIBLE_INVENTORY_UNPARSED_WARNING": "0",
                "ANSIBLE_NOCOLOR": "1"})
    command = [ANSIBLE, "localhost", "-m", "envops.environments." + module]
    if args:
        command += ["-a", args]
    if check:
        command.append("--check")
    proc = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    assert proc.returncode == 0, proc.stdout
    assert "localhost | SUCCESS" in proc.stdout or "localhost | CHANGED" in proc.stdout
    if check:
        assert [r for r in emulator.requests() if r["method"] not in ("GET",) and "oauth" not in r["path"]] == []
    # plutora_token's result is the token itself: the action layer hides it like no_log.
    secrets = secret_values() + emulator.admin("GET", "/_admin/issued_tokens")
    assert not [s for s in secrets if s and s in proc.stdout]
