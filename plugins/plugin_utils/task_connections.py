# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The API objects of the task running in this worker process, shared by the items of its loop.

Ansible runs each task of each host in its own forked worker and may create a new action plugin
for every loop item, so the store lives at module level and is keyed by the task's scope (task
uuid, host, process id) and, inside it, by the product and a hash of the connection options,
credentials included. An item whose options differ gets its own API object; a new scope drops
(and closes) everything of the previous one, so nothing is ever shared between tasks.

What an API object carries from item to item: its HTTP session (connection reuse), its look-up
caches (related records that the module itself never writes: servers, instances, lookup values),
the Plutora token (fetched once, renewed on a 401) and its Redactor, which keeps masking every
secret the task has learned so far.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import json

from ansible_collections.envops.environments.plugins.module_utils.options import PRODUCTS


def connection_key(product, params):
    """Product and a digest of its connection options (the credentials never appear in clear)."""
    options = dict((name, params.get(name)) for name in sorted(PRODUCTS[product]))
    digest = hashlib.sha256(json.dumps([product, options], sort_keys=True, default=str).encode("utf-8"))
    return product, digest.hexdigest()


class TaskConnections:
    def __init__(self):
        self.scope = None
        self._entries = {}

    def enter(self, scope):
        """Use the store for `scope`; the API objects of any other scope are closed and forgotten."""
        if scope != self.scope:
            self.close()
            self.scope = scope
        return self

    def lookup(self, product, params):
        """(redactor, api) kept for these connection options in this scope, or (None, None)."""
        return self._entries.get(connection_key(product, params), (None, None))

    def keep(self, product, params, redactor, api):
        self._entries[connection_key(product, params)] = (redactor, api)

    def secrets(self):
        """Every secret value the API objects of this scope know."""
        known = set()
        for redactor, _api in self._entries.values():
            known.update(redactor.secrets)
        return frozenset(known)

    def __len__(self):
        return len(self._entries)

    def close(self):
        for _redactor, api in self._entries.values():
            client = getattr(api, "client", None)
            if client is not None and hasattr(client, "close"):
                client.close()
        self._entries.clear()
        self.scope = None


# The store of this worker process.
TASK_CONNECTIONS = TaskConnections()
