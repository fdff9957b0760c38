# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The plutora_hosts filter: the environment role's hosts as plutora_environment's hosts option."""

from __future__ import absolute_import, division, print_function

import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.envops.environments.plugins.filter.plutora_hosts import FilterModule, plutora_hosts
from ansible_collections.envops.environments.plugins.modules.plutora_environment import HOST_SPEC


def test_components_become_layers_and_the_rpm_fields_stay_out():
    hosts = [
        {"name": "qa2-app-01", "dns": "qa2-app-01.example.com", "ip_address": "10.0.0.21", "os_platform": "Linux",
         "components": [{"name": "Orders API", "version": "1.4.2", "layer": "Application"},
                        {"name": "Cache", "layer": "Middleware"}]},
        {"name": "qa2-db-01", "components": []},
        {"name": "qa2-web-01"},
    ]
    assert plutora_hosts(hosts) == [
        {"name": "qa2-app-01", "layers": [
            {"component_name": "Orders API", "version": "1.4.2", "stack_layer": "Application"},
            {"component_name": "Cache", "stack_layer": "Middleware"}]},
        {"name": "qa2-db-01", "layers": []},       # no layers: the host's layers are removed
        {"name": "qa2-web-01"},                    # no components given: its layers are left as they are
    ]


def test_the_result_fits_the_module_options():
    result = plutora_hosts([{"name": "h", "components": [{"name": "c", "version": 15, "layer": "Database"}]}])
    assert set(result[0]) <= set(HOST_SPEC)
    assert set(result[0]["layers"][0]) <= set(HOST_SPEC["layers"]["options"])
    # A version YAML read as a number is sent as text.
    assert result[0]["layers"][0]["version"] == "15"


@pytest.mark.parametrize("hosts,where", [
    ([{"dns": "x"}], "environment_hosts[0]"),
    (["qa2-app-01"], "environment_hosts[0]"),
    ([{"name": "h", "components": ["Orders API"]}], "environment_hosts[0].components[0]"),
])
def test_misfits_are_named(hosts, where):
    with pytest.raises(AnsibleFilterError) as caught:
        plutora_hosts(hosts)
    assert where in str(caught.value)


def test_registered():
    assert FilterModule().filters()["plutora_hosts"] is plutora_hosts
    assert plutora_hosts(None) == []
