# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""RPM environments and servers written as the options of rpm_environment and rpm_server.

One function per kind (environment_view, server_view) gives both the `diff` of the resource module
and the `module_args` of its info module, so the two cannot drift apart.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.envops.environments.plugins.module_utils.module_args import (
    AS_RECORDED,
    References,
    without_none,
)
from ansible_collections.envops.environments.plugins.module_utils.resolve import is_id
from ansible_collections.envops.environments.plugins.module_utils.rpm import RELATED, SERVER_FIELDS

# Kinds a record refers to -> the option whose look-up (RpmApi.resolve_id) names them.
KINDS = {"servers": "servers", "server_groups": "server_groups", "environment_type": "environment_type"}


def environment_view(record, refs=AS_RECORDED):
    """The environment as rpm_environment's options, related records by name.

    refs=AS_RECORDED (diff): the names the record carries. References (module_args): names that
    pick exactly that record, ids (as text) otherwise.
    """
    if not record:
        return {}
    env_type = record.get("environment_type") or {}
    groups = record.get("server_groups") or []
    default_group = record.get("default_server_group_id")
    group_name = next((g.get("name") for g in groups if g.get("id") == default_group), None)
    return {
        "name": record.get("name"),
        "active": record.get("active"),
        "default": record.get("default"),
        "deployment_policy": record.get("deployment_policy"),
        "environment_type": refs.ref("environment_type", env_type.get("id"), env_type.get("name")),
        "servers": sorted(refs.ref("servers", s.get("id"), s.get("name")) for s in record.get("servers") or []),
        "server_groups": sorted(refs.ref("server_groups", g.get("id"), g.get("name")) for g in groups),
        "default_server_group": refs.ref("server_groups", default_group, group_name),
    }


def environment_module_args(record, refs):
    """rpm_environment options that describe the record exactly (lists are exact sets there)."""
    return without_none(environment_view(record, refs))


def references(api):
    """References that name servers, server groups and types as RpmApi.resolve_id finds them:
    by a name search among active records (what RPM's search returns unless asked)."""
    def load(kind):
        return api.search(RELATED[kind][0])

    keys = dict((kind, ("id", "name")) for kind in KINDS)
    return References(load, is_id, keys)


def server_view(record):
    """The server as rpm_server's options."""
    if not record:
        return {}
    return dict((key, record.get(key)) for key in SERVER_FIELDS)


def server_module_args(record):
    """rpm_server options that describe the server exactly."""
    return without_none(server_view(record))
