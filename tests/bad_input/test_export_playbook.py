# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""playbooks/export.yml (envops.environments.export) without a usable export_dir: one line that names
`-e export_dir=DIR`, before any request, instead of the role's whole argument spec. And the directory
it is given, when relative, is taken from where ansible-playbook runs, not from the playbook's folder."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import subprocess
import sys

import pytest

COLLECTION = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COLLECTIONS_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(COLLECTION)))
PLAYBOOK = os.path.join(COLLECTION, "playbooks", "export.yml")
ANSIBLE_PLAYBOOK = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")
MESSAGE = "export_dir is not set: give the directory to write the export to, e.g. -e export_dir=DIR"


def run(args, cwd, env_extra=None):
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith(("PLUTORA_", "FLEXDEPLOY_", "RPM_")))
    env.update({"ANSIBLE_COLLECTIONS_PATH": COLLECTIONS_ROOT, "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
                "ANSIBLE_LOCALHOST_WARNING": "0", "ANSIBLE_INVENTORY_UNPARSED_WARNING": "0",
                "ANSIBLE_NOCOLOR": "1"})
    env.update(env_extra or {})
    return subprocess.run([ANSIBLE_PLAYBOOK] + args, cwd=str(cwd), env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=300, check=False)


@pytest.mark.parametrize("extra", [[], ["-e", "export_dir="], ["-e", "export_dir='  '"], ["-e", '{"export_dir": null}']],
                         ids=["missing", "empty", "blank", "null"])
def test_no_export_dir_is_one_line_naming_the_fix(emu, tmp_path, extra):
    emu.clear_log()
    proc = run([PLAYBOOK] + extra, tmp_path, emu.connection_env())
    assert proc.returncode == 2, proc.stdout
    assert '"msg": "%s"' % MESSAGE in proc.stdout, proc.stdout
    # Not the role's argument validation, which prints the whole spec of every option.
    for spec_word in ("argument_spec", "Validation of arguments failed", "export_flexdeploy_environment"):
        assert spec_word not in proc.stdout, proc.stdout
    assert "ok=0" in proc.stdout and "failed=1" in proc.stdout
    assert emu.requests() == []
    assert os.listdir(str(tmp_path)) == []


def test_a_relative_export_dir_is_taken_from_where_ansible_playbook_runs(emu, tmp_path):
    """The collection's playbook runs from inside the installed collection; the files must not land there."""
    proc = run(["envops.environments.export", "-e", "export_dir=adopted", "-e", "export_products=rpm"], tmp_path,
               emu.connection_env())
    assert proc.returncode == 0, proc.stdout
    assert sorted(os.listdir(str(tmp_path / "adopted"))) == ["apply.yml", "rpm.yml"]
    assert not os.path.exists(os.path.join(COLLECTION, "playbooks", "adopted"))
