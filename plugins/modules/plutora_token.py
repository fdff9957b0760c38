#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: plutora_token
short_description: Get a Plutora API access token once, for the tasks of a play
version_added: 0.1.0
description:
  - Fetches a bearer token from the Plutora OAuth endpoint with the password grant
    (I(client_id), I(client_secret), I(username), I(password)) and returns it.
  - Feed the result to the other Plutora modules through C(module_defaults) as I(access_token), so that
    a play authenticates once instead of once per task. When those modules also have the four
    credentials (for example from the C(PLUTORA_*) environment variables), they replace an expired
    token by a new one on their own.
  - The returned token is a secret. The collection's action plugin hides this task's result from the output at
    every verbosity, as C(no_log) would, while C(register) keeps the token for later tasks. Setting C(no_log) on
    the task as well, as the examples do, does no harm. A failure (a refused login, a wrong URL) holds no token
    and shows its message, with every secret masked.
  - Reads nothing and changes nothing in Plutora; it always reports C(changed=false), in check mode too.
author:
  - envops maintainers (@envops)
extends_documentation_fragment:
  - envops.environments.plutora
  - envops.environments.input_rules
attributes:
  check_mode:
    support: full
    description: Fetching a token writes nothing, so it also happens in check mode.
  diff_mode:
    support: none
    description: There is nothing to compare.
options:
  reuse_access_token:
    description:
      - C(false) always asks for a new token; a given I(access_token) is ignored.
      - C(true) asks for nothing when an I(access_token) is given (the option, C(module_defaults) or
        C(PLUTORA_ACCESS_TOKEN)), and returns I(access_token) null then, since the later tasks get that token
        where this one got it; only when none is given does it ask for a new one and return it. For roles
        and shared task files that authenticate once unless the play already has a token (the
        C(envops.environments.environment) role does); give the result's I(access_token) to the later tasks only
        when it is not null.
      - The given token is not checked; a later task that gets HTTP 401 for it renews it when it has the credentials.
    type: bool
    default: false
    version_added: 0.2.0
notes:
  - Unless I(reuse_access_token=true), I(access_token) is ignored by this module; it always asks for a new token.
  - In a loop on ansible-core before 2.19, only the items are hidden; callbacks that print the loop's whole result
    (minimal, oneline, json) show the tokens, so the task warns. Set C(no_log) on such a loop.
  - A login the token endpoint refuses is one request, never retried. When the task runs in the controller
    (the fast path), the other items of its loop get the same failure without asking again. When it runs as a
    module (fast path off, C(async), a remote delegate, C(become)), each loop item is a process of its own
    and asks once, so a loop of N items with wrong credentials counts N refused logins against lockout
    policies. This is also why one C(plutora_token) task, whose token the other tasks reuse, is the safe way
    to authenticate a play.
"""

EXAMPLES = r"""
- name: Manage Plutora with one token for the whole play
  hosts: localhost
  gather_facts: false
  module_defaults:
    group/envops.environments.plutora:
      access_token: "{{ plutora_auth.access_token | default(omit) }}"
  tasks:
    - name: Authenticate once (credentials from PLUTORA_* environment variables)
      envops.environments.plutora_token:
      register: plutora_auth
      no_log: true

    - name: Every later task reuses the token
      envops.environments.plutora_system:
        name: My System
        vendor: Plutora
        status: Active
        organization: ABC Group
"""

RETURN = r"""
access_token:
  description:
    - The bearer token. A secret, hidden from the task's output and kept in its registered result.
    - Null when I(reuse_access_token=true) found a token given.
  returned: success
  type: str
  sample: 0f3d...
"""

from ansible_collections.envops.environments.plugins.module_utils.plutora import build_api
from ansible_collections.envops.environments.plugins.module_utils.runner import ModuleDefinition

ARGUMENT_SPEC = dict(
    reuse_access_token=dict(type="bool", default=False),
)


def run(module, api):
    if module.params["reuse_access_token"] and api.auth.token:
        # Not returned: the given token is a no_log option, which Ansible masks in any result.
        return False, None, None
    return False, api.auth.fetch(hide=False), None


DEFINITION = ModuleDefinition("plutora", ARGUMENT_SPEC, build_api, run, "access_token", secret_result=True)


def main():
    DEFINITION.main()


if __name__ == "__main__":
    main()
