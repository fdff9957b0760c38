# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""plutora_hosts: the environment role's environment_hosts as plutora_environment's `hosts` option.

The role's definition is product-neutral ({name, components: [{name, version, layer}]} plus RPM's
server fields); plutora_environment names the same things {name, layers: [{component_name, version,
stack_layer}]}. Only the names change: the module does every check. (The documentation is in
plutora_hosts.yml next to this file.)
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from collections.abc import Mapping

from ansible.errors import AnsibleFilterError

# Key of a component in the definition -> option of a layer of plutora_environment.
LAYER_KEYS = (("name", "component_name"), ("version", "version"), ("layer", "stack_layer"))


def _layer(component, where):
    if not isinstance(component, Mapping):
        raise AnsibleFilterError("plutora_hosts: %s must be a dictionary with name, version and layer" % where)
    layer = dict((option, component[key]) for key, option in LAYER_KEYS if component.get(key) is not None)
    if layer.get("version") is not None:
        # A version is text (1.10 is not 1.1); YAML may have read it as a number.
        layer["version"] = str(layer["version"])
    return layer


def plutora_hosts(hosts):
    """[{name, components: [...]}, ...] -> [{name, layers: [...]}, ...]; a host without components
    gets no `layers` (its layers are then left as they are)."""
    result = []
    for index, host in enumerate(hosts or []):
        if not isinstance(host, Mapping) or host.get("name") is None:
            raise AnsibleFilterError("plutora_hosts: environment_hosts[%d] must be a dictionary with a name" % index)
        option = {"name": host["name"]}
        if host.get("components") is not None:
            option["layers"] = [_layer(component, "environment_hosts[%d].components[%d]" % (index, number))
                                for number, component in enumerate(host["components"])]
        result.append(option)
    return result


class FilterModule:
    def filters(self):
        return {"plutora_hosts": plutora_hosts}
