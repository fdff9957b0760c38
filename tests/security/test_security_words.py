# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Words that are not secrets: only values known to be secret are masked, never server data that
reads like a credential. A group "Basic Users", an environment "Bearer Bonds QA" and a description
"password: rotated by the vault team" come back intact in results, `diff`, `module_args` and
`invocation`, both ways, and their module_args applied again change nothing. Known secrets stay
masked all the same."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from harness import secret_values
from seed_api import ApiSeeder, writes
from unit.conftest import run_module_main

from ansible_collections.envops.environments.plugins.filter.export_tasks import export_tasks
from ansible_collections.envops.environments.plugins.modules import (
    flexdeploy_group,
    flexdeploy_group_info,
    plutora_environment,
    plutora_environment_info,
    rpm_environment,
    rpm_environment_info,
)
from ansible_collections.envops.environments.plugins.plugin_utils.in_controller import run_in_controller

try:
    from ansible.module_utils.secrets import mask_secrets
except ImportError:  # ansible-core < 2.22: secrets are masked in the answer itself
    mask_secrets = None

WORDS = ("Basic Users", "Bearer Bonds QA", "password: rotated by the vault team")
DESCRIPTION = WORDS[2]


def seed(emu):
    api = ApiSeeder(emu)
    api.flexdeploy("POST", "administration/security/group", {"groupName": WORDS[0], "description": DESCRIPTION})
    api.rpm("POST", "environments", {"environment": {"name": WORDS[1]}})
    env = [e for e in api.plutora("GET", "environments") if e["name"] == "Core Banking Env 001"][0]
    record = api.plutora("GET", "environments/" + env["id"])
    api.plutora("PUT", "environments/" + env["id"], dict(record, description=DESCRIPTION))
    return api


CASES = [
    ("flexdeploy", flexdeploy_group_info, "groups", dict(name=WORDS[0]), flexdeploy_group),
    ("rpm", rpm_environment_info, "environments", dict(name=WORDS[1]), rpm_environment),
    ("plutora", plutora_environment_info, "environments", dict(name="Core Banking Env 001"), plutora_environment),
]


def as_ansible_shows(results):
    """The results as Ansible shows them: from ansible-core 2.22 on, the secrets a task registers with it are
    masked there (ansible.module_utils.secrets), not in the answer itself."""
    text = json.dumps(results)
    return mask_secrets(text) if mask_secrets is not None else text


def run(way, monkeypatch, module, args, check_mode=False):
    if way == "module":
        return run_module_main(monkeypatch, module, args, check_mode=check_mode, diff=True)[0]
    name = "envops.environments." + module.__name__.rsplit(".", 1)[-1]
    return run_in_controller(module.DEFINITION, args, name, check_mode=check_mode, diff=True)


@pytest.mark.parametrize("way", ["module", "controller"])
@pytest.mark.parametrize("product,info,key,select,resource", CASES, ids=[c[0] for c in CASES])
def test_words_that_read_like_credentials_come_back_intact(emu, monkeypatch, way, product, info, key, select,
                                                           resource):
    seed(emu)
    result = run(way, monkeypatch, info, emu.module_options(product, **select))
    text = json.dumps(result)
    assert "********" not in text, text
    [record] = result[key]
    args = record["module_args"]
    assert any(word in json.dumps(args) for word in WORDS), args
    # The export of it holds the words, and applying it changes nothing and writes nothing.
    assert any(word in export_tasks([[resource.__name__.rsplit(".", 1)[-1], [record]]]) for word in WORDS)
    emu.clear_log()
    applied = run(way, monkeypatch, resource, emu.module_options(product, **args))
    assert applied.get("changed") is False and not applied.get("failed"), applied
    assert writes(emu.requests()) == []
    # A diff and an invocation that carry the words show them too.
    changed = run(way, monkeypatch, resource, emu.module_options(product, **dict(args, **(
        {"description": DESCRIPTION + " again"} if product != "rpm" else {"deployment_policy": "closed"}))),
        check_mode=True)
    shown = json.dumps({"diff": changed["diff"], "invocation": changed.get("invocation")})
    assert "********" not in shown.replace('"VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"', ""), shown
    assert any(word in json.dumps(changed["diff"]) for word in WORDS), changed["diff"]
    text = as_ansible_shows([result, applied, changed])
    for secret in secret_values():
        assert secret not in text
