# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: plutora
short_description: Hosts of Plutora environments as an inventory
version_added: 0.1.0
description:
  - Builds an inventory from the hosts of Plutora environments, read through the Plutora REST API.
  - Every Plutora host becomes an inventory host. It joins one group per environment, per system and
    per usage (C(UsedForWorkItem)) of the environment it belongs to; its layers and their versions become
    host variables.
  - Environments are selected on the server with Plutora's filter (by name and status) and read page by
    page; each selected environment is then read once for its hosts and layers.
  - Environments without hosts add nothing to the inventory.
  - The inventory file must be named C(plutora.yml) or C(plutora.yaml) (or end with one of them).
author:
  - envops maintainers (@envops)
extends_documentation_fragment:
  - constructed
  - inventory_cache
options:
  plugin:
    description: Marks the file as an inventory of this plugin.
    type: str
    required: true
    choices: [envops.environments.plutora]
  api_url:
    description:
      - Base URL of the Plutora REST API, for example C(https://usapi.plutora.com).
    type: str
    required: true
    env:
      - name: PLUTORA_API_URL
  auth_url:
    description:
      - URL of the OAuth token endpoint, for example C(https://usoauth.plutora.com/oauth/token).
      - Defaults to I(api_url) followed by C(/oauth/token).
    type: str
    env:
      - name: PLUTORA_AUTH_URL
  client_id:
    description: OAuth client id of the Plutora API key.
    type: str
    env:
      - name: PLUTORA_CLIENT_ID
  client_secret:
    description: OAuth client secret of the Plutora API key.
    type: str
    env:
      - name: PLUTORA_CLIENT_SECRET
  username:
    description: Plutora user with API access.
    type: str
    env:
      - name: PLUTORA_USERNAME
  password:
    description: Password of I(username).
    type: str
    env:
      - name: PLUTORA_PASSWORD
  access_token:
    description:
      - A bearer token obtained beforehand, used instead of fetching one. When the four credentials are
        also given, an expired token is replaced by a new one.
    type: str
    env:
      - name: PLUTORA_ACCESS_TOKEN
  validate_certs:
    description: Whether to verify the TLS certificate of the Plutora server.
    type: bool
    default: true
    env:
      - name: PLUTORA_VALIDATE_CERTS
  ca_path:
    description:
      - A PEM file of CA certificates used to verify the Plutora server.
      - An empty value means none, as for the modules (AWX's Plutora credential type injects an empty
        C(PLUTORA_CA_PATH) when it holds no CA certificates).
    type: str
    env:
      - name: PLUTORA_CA_PATH
  timeout:
    description:
      - Seconds one HTTP request to Plutora may take in all (connecting, sending it and receiving the whole
        answer), as for the modules.
    type: int
    default: 30
    env:
      - name: PLUTORA_TIMEOUT
  max_response_mb:
    description:
      - The largest answer read from Plutora, in megabytes; a bigger one fails before it is read whole, as for
        the modules.
    type: int
    default: 32
    env:
      - name: PLUTORA_MAX_RESPONSE_MB
  environment_names:
    description:
      - Only environments with one of these names (Plutora compares names without case).
    type: list
    elements: str
    default: []
  environment_name_contains:
    description:
      - Only environments whose name contains this text (without case).
    type: str
  environment_statuses:
    description:
      - Only environments with one of these statuses (C(EnvironmentStatus) values such as C(Active)).
    type: list
    elements: str
    default: []
  group_prefix:
    description:
      - Prefix of the groups made per environment, system and usage, for example
        C(plutora_environment_UAT_1), C(plutora_system_Core_Banking) and C(plutora_usage_UAT).
      - Characters not allowed in group names become C(_).
    type: str
    default: plutora_
notes:
  - Every string the plugin takes from Plutora (host names, group names, layer versions and all other host
    variables) is marked unsafe, so Ansible never evaluates it as a template. A layer version such as
    C({{ lookup('ansible.builtin.pipe', 'id') }}) stays that text; it is never run. With ansible-core 2.19
    and later, C(ansible-inventory --list) shows such values as C({"__ansible_unsafe":"..."}); see
    C(docs/awx.md) of the collection for what that means in AWX.
  - A host name that appears in several environments is one inventory host, in each environment's groups;
    its C(plutora_*) variables are those of the environment read last.
  - With caching on, the environments read are kept in the cache (they hold no credentials); C(--flush-cache)
    or a cache timeout reads them again.
seealso:
  - module: envops.environments.plutora_environment_info
"""

EXAMPLES = r"""
# plutora.yml: credentials from PLUTORA_API_URL, PLUTORA_CLIENT_ID, PLUTORA_CLIENT_SECRET,
# PLUTORA_USERNAME and PLUTORA_PASSWORD
plugin: envops.environments.plutora
environment_statuses: [Active]
environment_name_contains: UAT
keyed_groups:
  - key: plutora_versions.keys() | list
    prefix: component
compose:
  app_version: plutora_versions['payments-api'] | default('none')
groups:
  databases: plutora_layers | selectattr('stack_layer', 'equalto', 'Database') | list | length > 0
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: /tmp/plutora_inventory_cache
"""

import os
import re

from ansible.errors import AnsibleParserError
from ansible.inventory.group import to_safe_group_name
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable
from ansible.utils.unsafe_proxy import wrap_var

from ansible_collections.envops.environments.plugins.module_utils.compare import ci_get
from ansible_collections.envops.environments.plugins.module_utils.errors import EnvopsError
from ansible_collections.envops.environments.plugins.module_utils.rest_client import HAS_REQUESTS
from ansible_collections.envops.environments.plugins.module_utils.options import PLUTORA, secret_option_names
from ansible_collections.envops.environments.plugins.module_utils.plutora import build_api
from ansible_collections.envops.environments.plugins.module_utils.redaction import Redactor

FILE_NAME = re.compile(r"plutora\.ya?ml$")


def quoted(value, option):
    """A value in Plutora's backtick filter syntax, which has no way to escape a backtick."""
    if "`" in value:
        raise AnsibleParserError("%s: a value may not contain a backtick (`): %s" % (option, value))
    return "`%s`" % value


def environment_filter(names, contains, statuses):
    """Plutora's filter for the selection, or None for every environment.

    The syntax has no parentheses and `and` binds tighter than `or`, so "(name is A or B) and
    (status is X or Y)" is written out as every combination of one name and one status.
    """
    name_terms = ["`name` Equals %s" % quoted(n, "environment_names") for n in names] or [None]
    status_terms = ["`status` Equals %s" % quoted(s, "environment_statuses") for s in statuses] or [None]
    contains_term = "`name` Contains %s" % quoted(contains, "environment_name_contains") if contains else None
    groups = []
    for name_term in name_terms:
        for status_term in status_terms:
            terms = [t for t in (name_term, contains_term, status_term) if t]
            if terms:
                groups.append(" and ".join(terms))
    return " or ".join(groups) or None


def layer_view(layer):
    return {
        "id": ci_get(layer, "id"),
        "component_name": ci_get(layer, "componentName"),
        "version": ci_get(layer, "version"),
        "stack_layer": ci_get(layer, "stackLayer"),
    }


def environment_view(record):
    """What the inventory keeps of an environment (and caches): no credentials, only data."""
    return {
        "id": ci_get(record, "id"),
        "name": ci_get(record, "name"),
        "system": ci_get(record, "linkedSystem"),
        "usage": ci_get(record, "usageWorkItem"),
        "status": ci_get(record, "environmentStatus"),
        "hosts": [{"id": ci_get(host, "id"), "name": ci_get(host, "name"),
                   "layers": [layer_view(layer) for layer in ci_get(host, "layers") or []]}
                  for host in ci_get(record, "hosts") or []],
    }


def host_vars(environment, host):
    layers = host["layers"]
    return {
        "plutora_host_id": host["id"],
        "plutora_environment": environment["name"],
        "plutora_environment_id": environment["id"],
        "plutora_environment_status": environment["status"],
        "plutora_system": environment["system"],
        "plutora_usage": environment["usage"],
        "plutora_layers": layers,
        "plutora_versions": dict((layer["component_name"], layer["version"]) for layer in layers),
    }


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):
    NAME = "envops.environments.plutora"

    def verify_file(self, path):
        return super(InventoryModule, self).verify_file(path) and FILE_NAME.search(path) is not None

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path, cache)
        self._read_config_data(path)
        cache_key = self.get_cache_key(path)
        use_cache = self.get_option("cache") and cache
        update_cache = self.get_option("cache") and not cache
        environments = None
        if use_cache:
            try:
                environments = self._cache[cache_key]
            except KeyError:
                update_cache = True
        if environments is None:
            environments = self.fetch_environments()
        if update_cache:
            self._cache[cache_key] = environments
        self.populate(environments)

    def connection_params(self):
        params = dict((name, self.get_option(name)) for name in PLUTORA)
        # A str option expanded here like a module's path option: Ansible's own `path` type would
        # turn an empty value into the current directory.
        if params["ca_path"]:
            params["ca_path"] = os.path.expanduser(os.path.expandvars(params["ca_path"]))
        return params

    def fetch_environments(self):
        if not HAS_REQUESTS:
            raise AnsibleParserError("the envops.environments.plutora inventory needs the requests library")
        params = self.connection_params()
        if not params["api_url"]:
            raise AnsibleParserError("api_url (or the PLUTORA_API_URL environment variable) is required")
        redactor = Redactor(params[name] for name in secret_option_names("plutora"))
        selection = environment_filter(self.get_option("environment_names"),
                                       self.get_option("environment_name_contains"),
                                       self.get_option("environment_statuses"))
        try:
            api = build_api(params, redactor)
            listed = api.list("environments", selection)
            return [environment_view(api.get_record("environments", ci_get(item, "id"))) for item in listed]
        except EnvopsError as exc:
            raise AnsibleParserError("Plutora inventory: %s" % redactor.text(exc.message))

    def group(self, kind, name):
        group = to_safe_group_name("%s%s_%s" % (self.get_option("group_prefix"), kind, name), force=True,
                                   silent=True)
        return self.inventory.add_group(wrap_var(group))

    def populate(self, environments):
        """Hosts, groups and variables from the environments read (or cached).

        Everything from the server is data, never a template: it is marked unsafe here, on the way
        into Ansible's variables, whether it was just read or comes from the cache (on 2.16-2.18 an
        unmarked "{{ lookup('pipe', ...) }}" in a layer version would run on the controller).
        """
        strict = self.get_option("strict")
        for environment in wrap_var(environments):
            if not environment["hosts"]:
                continue
            groups = [self.group("environment", environment["name"])]
            for kind in ("system", "usage"):
                if environment[kind]:
                    groups.append(self.group(kind, environment[kind]))
            for host in environment["hosts"]:
                name = self.inventory.add_host(host["name"])
                for group in groups:
                    self.inventory.add_child(group, name)
                hostvars = host_vars(environment, host)
                for key, value in hostvars.items():
                    self.inventory.set_variable(name, key, value)
                self._set_composite_vars(self.get_option("compose"), hostvars, name, strict=strict)
                self._add_host_to_composed_groups(self.get_option("groups"), hostvars, name, strict=strict)
                self._add_host_to_keyed_groups(self.get_option("keyed_groups"), hostvars, name, strict=strict)
