# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""FlexDeploy environments, targets and groups written as the options of their resource modules.

One function per kind (environment_view, target_view, group_view) gives both the `diff` of the
resource module and the `module_args` of the matching *_info module, so the two cannot drift.
Related environments and instances are named by code (FlexDeploy keeps codes unique); by id
(as text) when a code does not pick exactly that record.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.envops.environments.plugins.module_utils.flexdeploy import (
    ENVIRONMENT,
    INSTANCE,
    PERMISSIONS,
    deployment_of,
    pairs_of,
    permissions_view,
)
from ansible_collections.envops.environments.plugins.module_utils.module_args import (
    AS_RECORDED,
    References,
    without_none,
)
from ansible_collections.envops.environments.plugins.module_utils.resolve import is_id

MASK = "*****"
NEW_SECRET = "<new secret value>"


# Environments ----------------------------------------------------------------------------------

def environment_view(record, refs=AS_RECORDED):
    """The environment as flexdeploy_environment's options.

    refs=AS_RECORDED (diff): instances by id, as the record holds them. References (module_args): by code.
    """
    if not record:
        return {}
    return {
        "code": record.get("environmentCode"),
        "name": record.get("environmentName"),
        "description": record.get("description"),
        "active": record.get("isActive"),
        "sort_number": record.get("sortNumber"),
        "build_environment": record.get("isBuildEnvironment"),
        "instances": sorted(refs.ref("instance", i) for i in record.get("instances") or []),
    }


def environment_module_args(record, refs):
    """flexdeploy_environment options that describe the environment (instances are an exact set)."""
    return without_none(environment_view(record, refs))


# Targets ---------------------------------------------------------------------------------------

def endpoints_of(target):
    return dict((int(e["endPointId"]), set(e.get("resourceIds") or [])) for e in target.get("endPoints") or [])


def is_masked(prop):
    return prop.get("credentialId") is not None or prop.get("propertyValue") == MASK


def target_view(target, labels, secrets_sent=(), exported=False):
    """The target as flexdeploy_target's options: endpoint sets, properties by name.

    labels: (environment, instance) as they are shown, codes when known.
    An encrypted property never shows its value: in `diff` as its credential id with a masked
    value (C(<new secret value>) for one this task sent); with exported=True (module_args) as
    {credential_id} alone, which flexdeploy_target compares without the value. An encrypted
    property without a credential id cannot be written back at all and is left out when exported.
    """
    properties = {}
    for prop in target.get("properties") or []:
        name = prop["propertyName"]
        if exported and is_masked(prop):
            if prop.get("credentialId") is None:
                continue
            properties[name] = {"credential_id": prop.get("credentialId")}
            if prop.get("isExpression"):
                properties[name]["expression"] = True
        elif is_masked(prop) or name in secrets_sent:
            properties[name] = {"credential_id": prop.get("credentialId"),
                                "value": NEW_SECRET if name in secrets_sent else MASK}
        elif prop.get("isExpression"):
            properties[name] = {"value": prop.get("propertyValue"), "expression": True}
        else:
            properties[name] = prop.get("propertyValue")
    return {
        "environment": labels[0],
        "instance": labels[1],
        "active": target.get("isActive"),
        "endpoints": [{"id": eid, "resource_ids": sorted(ids)} for eid, ids in sorted(endpoints_of(target).items())],
        "properties": properties,
    }


def unexportable_properties(target):
    """Encrypted properties with no credential id: module_args cannot name their value."""
    return sorted(p["propertyName"] for p in target.get("properties") or []
                  if is_masked(p) and p.get("credentialId") is None)


def target_module_args(target, refs):
    """flexdeploy_target options that describe the target.

    mode=replace makes the endpoints and properties exact sets (the API's PUT); when an encrypted
    property has to be left out, mode=merge instead, so applying keeps that property's value.
    """
    labels = (refs.ref("environment", target.get("environmentId")), refs.ref("instance", target.get("instanceId")))
    args = without_none(target_view(target, labels, exported=True))
    args["mode"] = "merge" if unexportable_properties(target) else "replace"
    return args


# Groups ----------------------------------------------------------------------------------------

def group_view(group, refs=AS_RECORDED):
    """The group as flexdeploy_group's options.

    refs=AS_RECORDED (diff): deployment environments by id. References (module_args): by code.
    """
    if not group:
        return {}
    deployment = deployment_of(group)
    return {
        "name": group.get("groupName"),
        "description": group.get("description"),
        "active": group.get("isActive"),
        "administrator": group.get("isFlexDeployAdministrator"),
        "all_environments": deployment.get("allEnvironments"),
        "deployment_environments": sorted(refs.ref("environment", i) for i in deployment.get("environments") or []),
        "global_permissions": permissions_view(pairs_of(group.get("globalPermissions"))),
    }


def group_module_args(group, refs):
    """flexdeploy_group options that describe the group; mode=replace makes the environments and
    the global permissions exact sets."""
    args = without_none(group_view(group, refs))
    args["mode"] = "replace"
    return args


def unknown_permissions(group):
    """Pairs the permission table of flexdeploy_group does not know (it would refuse them)."""
    return sorted("%s/%s" % pair for pair in pairs_of(group.get("globalPermissions"))
                  if pair[0] not in PERMISSIONS or pair[1] not in PERMISSIONS[pair[0]])


# Naming related records -------------------------------------------------------------------------

def references(api):
    """References naming environments and instances by code, as FlexDeployApi.resolve finds them:
    one list of each kind, read at most once (shared with the API's own look-ups)."""
    kinds = {"environment": ENVIRONMENT, "instance": INSTANCE}

    def load(kind):
        return api.full_list(kinds[kind])

    keys = dict((label, (kind.id_key, kind.code_key)) for label, kind in kinds.items())
    return References(load, is_id, keys)
