# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plutora systems, environments and environment groups written as the options of their modules.

One function per kind (system_view, environment_view, environment_group_view) gives both the
`diff` of the resource module and the `module_args` of the matching *_info module, so the two
cannot drift apart. Related records (organization, system, lookup values, member environments)
are named as the record carries them; in module_args by GUID instead when that name does not
pick exactly that record.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.envops.environments.plugins.module_utils.compare import ci_get
from ansible_collections.envops.environments.plugins.module_utils.module_args import (
    AS_RECORDED,
    References,
    without_none,
)
from ansible_collections.envops.environments.plugins.module_utils.plutora import end_id, is_color, is_guid
from ansible_collections.envops.environments.plugins.module_utils.resolve import bare

SYSTEM_STATUSES = ("Active", "Inactive")
# Lookup kinds of module_args -> Plutora lookup field type.
LOOKUP_TYPES = {
    "usage": "UsedForWorkItem",
    "status": "EnvironmentStatus",
    "stack_layer": "StackLayer",
    "connectivity_type": "EnvironmentMapConnectivityType",
}
# More member GUIDs than this are read with one full (paged) listing instead of a filter, which
# would make the URL too long.
FILTER_MAX = 25


def folded(value):
    return str(value).strip().lower()


# Systems ---------------------------------------------------------------------------------------

def system_view(record, refs=AS_RECORDED):
    """The system as plutora_system's options, the organization by name."""
    if not record:
        return {}
    return {
        "name": ci_get(record, "name"),
        "vendor": ci_get(record, "vendor"),
        "status": ci_get(record, "status"),
        "organization": refs.ref("organization", ci_get(record, "organizationId"), ci_get(record, "organization")),
        "description": ci_get(record, "description"),
    }


def system_module_args(record, refs):
    args = without_none(system_view(record, refs))
    # plutora_system compares the status without case but only accepts these spellings.
    status = next((s for s in SYSTEM_STATUSES if args.get("status") and folded(args["status"]) == s.lower()), None)
    if status:
        args["status"] = status
    return args


# Environments ----------------------------------------------------------------------------------

def layer_view(layer, refs=AS_RECORDED):
    return {"component_name": ci_get(layer, "componentName"), "version": ci_get(layer, "version"),
            "stack_layer": refs.ref("stack_layer", ci_get(layer, "stackLayerID"), ci_get(layer, "stackLayer"))}


def host_view(host, refs=AS_RECORDED):
    layers = [layer_view(layer, refs) for layer in ci_get(host, "layers") or []]
    return {"name": ci_get(host, "name"),
            "layers": sorted(layers, key=lambda l: str(l["component_name"]).lower())}


def environment_view(record, refs=AS_RECORDED):
    """The environment as plutora_environment's options: names instead of GUIDs, hosts and layers."""
    if not record:
        return {}
    hosts = [host_view(host, refs) for host in ci_get(record, "hosts") or []]
    return {
        "name": ci_get(record, "name"), "description": ci_get(record, "description"), "url": ci_get(record, "url"),
        "vendor": ci_get(record, "vendor"),
        "system": refs.ref("system", ci_get(record, "linkedSystemId"), ci_get(record, "linkedSystem")),
        "usage": refs.ref("usage", ci_get(record, "usageWorkItemId"), ci_get(record, "usageWorkItem")),
        "status": refs.ref("status", ci_get(record, "environmentStatusId"), ci_get(record, "environmentStatus")),
        "color": ci_get(record, "color"), "shared": ci_get(record, "isSharedEnvironment"),
        "hosts": sorted(hosts, key=lambda h: str(h["name"]).lower()),
    }


def _repeated(names):
    counts = {}
    for name in names:
        counts[folded(name)] = counts.get(folded(name), 0) + 1
    return sorted(set(str(n) for n in names if counts[folded(n)] > 1))


def odd_color(record):
    """A colour the modules would refuse (not #rrggbb): module_args leaves it out."""
    color = ci_get(record, "color")
    return color is not None and not is_color(color)


def unexportable_parts(record):
    """What of an environment cannot be written as options, and why: plutora_environment matches
    hosts by name and layers by component name, so names repeated (without case) cannot be told
    apart; a colour must have the form #rrggbb."""
    problems = []
    if odd_color(record):
        problems.append("the colour '%s' is not of the form #rrggbb, so it is left out" % ci_get(record, "color"))
    hosts = ci_get(record, "hosts") or []
    repeated = _repeated([ci_get(h, "name") for h in hosts])
    if repeated:
        return problems + ["hosts named %s appear more than once, so hosts are left out" % ", ".join(repeated)]
    for host in hosts:
        components = _repeated([ci_get(layer, "componentName") for layer in ci_get(host, "layers") or []])
        if components:
            problems.append("host %s has components %s more than once, so its layers are left out"
                            % (ci_get(host, "name"), ", ".join(components)))
    return problems


def environment_module_args(record, refs):
    """plutora_environment options that describe the environment.

    Its hosts and layers are listed with purge_hosts=true, so they are the exact sets; hosts
    (or one host's layers) whose names repeat are left out, which leaves them as they are.
    """
    args = without_none(environment_view(record, refs))
    if odd_color(record):
        del args["color"]
    hosts = []
    for host in args.pop("hosts"):
        host = dict(host, layers=[without_none(layer) for layer in host["layers"]])
        if len(_repeated([layer["component_name"] for layer in host["layers"]])):
            del host["layers"]
        hosts.append(host)
    if not _repeated([host["name"] for host in hosts]):
        args["hosts"] = hosts
        args["purge_hosts"] = True
    return args


# Environment groups ----------------------------------------------------------------------------

def connection_view(record, env_names, refs=AS_RECORDED):
    """A connectivity as one item of plutora_environment_group's connections option."""
    type_name = ci_get(record, "connectivityType")
    return {"source": env_names.get(folded(end_id(record, "source")), end_id(record, "source")),
            "target": env_names.get(folded(end_id(record, "target")), end_id(record, "target")),
            "type": refs.ref("connectivity_type", end_id(record, "connectivityType"),
                             type_name if type_name and not is_guid(type_name) else None),
            "direction": ci_get(record, "direction")}


def environment_group_view(record, env_names):
    """The group as plutora_environment_group's options; env_names: {lower-case GUID: shown name}.

    Its connections are shown when the record carries them (already as connection_view items).
    """
    if not record:
        return {}
    shown = {"name": ci_get(record, "name"), "description": ci_get(record, "description"),
             "color": ci_get(record, "color"),
             "environments": sorted(env_names.get(folded(i), i) for i in ci_get(record, "environmentIDs") or [])}
    if "connections" in record:
        shown["connections"] = sorted(record["connections"],
                                      key=lambda c: (str(c["source"]), str(c["target"]), str(c["type"])))
    return shown


def environment_group_module_args(record, connectivities, refs):
    """(plutora_environment_group options that describe the group, connectivities left out).

    A connectivity whose ends are not both members cannot be given (the module refuses it);
    connectivities repeated on the server are given once.
    """
    ids = ci_get(record, "environmentIDs") or []
    members = set(folded(i) for i in ids)
    env_names = dict((folded(i), refs.ref("environment", i)) for i in ids)
    connections, left_out = [], []
    for conn in connectivities:
        shown = connection_view(conn, env_names, refs)
        ends = (folded(end_id(conn, "source")), folded(end_id(conn, "target")))
        if not set(ends) <= members or None in shown.values():
            left_out.append(shown)
        elif shown not in connections:
            connections.append(shown)
    args = without_none(environment_group_view(dict(record, connections=connections), env_names))
    if odd_color(record):
        del args["color"]
    return args, left_out


# Naming related records -------------------------------------------------------------------------

def references(api, environments=None, systems=None):
    """References naming organizations, systems, lookup values and environments as the Plutora
    modules look them up: one list of each kind, read at most once (organizations and lookups
    through the API's own per-task caches). `environments`: records already read that hold every
    environment whose name matters (see member_environments). `systems`: the names of the systems
    the records refer to, so that only their namesakes are listed (see namesakes)."""
    def names(records, name_key="name"):
        return [{"id": ci_get(r, "id"), "name": ci_get(r, name_key)} for r in records or []]

    def load(kind):
        if kind in LOOKUP_TYPES:
            return names(api.lookup_values(LOOKUP_TYPES[kind]), "value")
        if kind == "organization":
            return names(api.organizations())
        if kind == "system":
            return names(api.list("systems") if systems is None else namesakes(api, "systems", systems))
        return names(api.list("environments"))

    keys = dict((kind, ("id", "name")) for kind in list(LOOKUP_TYPES) + ["organization", "system", "environment"])
    refs = References(load, is_guid, keys)
    if environments is not None:
        refs.preload("environment", names(environments))
    return refs


def same_named(api, path, records):
    """Every record of `path` that may share a name with one of `records` (what module_args needs
    to tell whether a record's name picks it alone); see namesakes."""
    names = [ci_get(r, "name") for r in records if ci_get(r, "name") is not None]
    return namesakes(api, path, names) if names else []


def member_environments(api, ids):
    """Environment records naming every GUID in `ids` and every other environment sharing one of
    their names: two filtered requests for a few GUIDs, one full listing for many."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return []
    if len(ids) > FILTER_MAX:
        return api.list("environments")
    named = api.search("environments", "id", ids)
    wanted = list(dict.fromkeys(ci_get(r, "name") for r in named if ci_get(r, "name") is not None))
    if not wanted:
        return named
    # (a name holding a backtick cannot be filtered: search_names() then lists every environment)
    by_id = dict((folded(ci_get(r, "id")), r) for r in named)
    for record in api.search_names("environments", wanted):
        by_id.setdefault(folded(ci_get(record, "id")), record)
    return list(by_id.values())


def namesakes(api, path, names):
    """Every record of `path` whose name may equal one of `names` (without case or surrounding
    blanks): one list filtered with `Contains` for a few names (PlutoraApi.search_names), the full
    (paged) list for many, or for a name the filter cannot hold."""
    parts = list(dict.fromkeys(bare(name) for name in names if name is not None))
    if not parts or len(parts) > FILTER_MAX or not all(parts):
        return api.list(path)
    return api.search_names(path, parts)
