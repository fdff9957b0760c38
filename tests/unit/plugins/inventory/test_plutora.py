# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The envops.environments.plutora inventory plugin against the emulator: in-process, and through
the real `ansible-inventory` command."""

from __future__ import absolute_import, division, print_function

import json
import os
import subprocess
import sys

import pytest
import requests
import yaml

from ansible.errors import AnsibleParserError
from ansible.inventory.data import InventoryData
from ansible.parsing.dataloader import DataLoader
from ansible.plugins.loader import inventory_loader

from ansible_collections.envops.environments.plugins.inventory import plutora as plugin_module
from ansible_collections.envops.environments.plugins.module_utils.options import PLUTORA
from emulator.plutora import LOOKUP_VALUES, ORGANIZATIONS
from harness import secret_values

COLLECTION = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))))
COLLECTIONS_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(COLLECTION)))
BIN = os.path.dirname(sys.executable)


def lookup(kind, value):
    return next(guid for guid, text, _order in LOOKUP_VALUES[kind] if text == value)


class Seeder:
    """Creates systems, environments, hosts and layers through the emulated Plutora API."""

    def __init__(self, emu):
        self.base = emu.url + "/plutora"
        creds = emu.connection_vars()
        token = requests.post(self.base + "/oauth/token", data={
            "grant_type": "password", "client_id": creds["plutora_client_id"],
            "client_secret": creds["plutora_client_secret"], "username": creds["plutora_username"],
            "password": creds["plutora_password"]}).json()["access_token"]
        self.headers = {"Authorization": "bearer " + token}

    def post(self, path, body):
        response = requests.post(self.base + "/" + path, json=body, headers=self.headers)
        assert response.status_code == 201, response.text
        return response.json()["id"]

    def system(self, name):
        return self.post("systems", {"Name": name, "Vendor": "Acme", "Status": "Active",
                                     "OrganizationId": ORGANIZATIONS[0][0]})

    def environment(self, name, system_id, usage="UAT", status="Active"):
        return self.post("environments", {
            "Name": name, "Vendor": "Acme", "LinkedSystemId": system_id,
            "UsageWorkItemId": lookup("UsedForWorkItem", usage),
            "EnvironmentStatusId": lookup("EnvironmentStatus", status),
            "Color": "#123456", "IsSharedEnvironment": False})

    def host(self, name, env_id, layers=()):
        host_id = self.post("hosts", {"Name": name, "EnvironmentID": env_id})
        for component, version, stack in layers:
            self.post("layers", {"ComponentName": component, "Version": version, "HostID": host_id,
                                 "EnvironmentID": env_id, "StackLayerID": lookup("StackLayer", stack)})
        return host_id


@pytest.fixture
def seeded(emu):
    seed = Seeder(emu)
    payments = seed.system("Payments")
    uat = seed.environment("Payments UAT", payments, usage="UAT")
    seed.host("pay-uat-app01", uat, [("payments-api", "2.4.1", "Application"), ("jdk", "17", "Middleware")])
    seed.host("pay-uat-db01", uat, [("postgres", "15.4", "Database")])
    sit = seed.environment("Payments SIT", payments, usage="SIT", status="Under Build/Config")
    seed.host("pay-sit-app01", sit, [("payments-api", "2.5.0-rc1", "Application")])
    seed.environment("Payments Empty", payments, usage="Dev")
    emu.clear_log()
    return emu


def write_config(tmp_path, emu=None, **options):
    config = {"plugin": "envops.environments.plutora"}
    if emu is not None:
        creds = emu.connection_vars()
        config.update(api_url=creds["plutora_api_url"], client_id=creds["plutora_client_id"],
                      client_secret=creds["plutora_client_secret"], username=creds["plutora_username"],
                      password=creds["plutora_password"])
    config.update(options)
    path = tmp_path / "plutora.yml"
    path.write_text(yaml.safe_dump(config))
    return str(path)


def new_plugin():
    """The plugin with its option definitions registered, as the plugin loader would do it.

    The tests import the collection from PYTHONPATH, so the loader cannot find it by name itself.
    """
    name = plugin_module.InventoryModule.NAME
    inventory_loader._load_config_defs(name, plugin_module, plugin_module.__file__)
    plugin = plugin_module.InventoryModule()
    inventory_loader._update_object(obj=plugin, name=name, path=plugin_module.__file__, resolved=name)
    return plugin


def parse(path, cache=True):
    inventory = InventoryData()
    plugin = new_plugin()
    plugin.parse(inventory, DataLoader(), path, cache=cache)
    # What InventoryManager does after a parse: write the cache if the plugin changed it.
    if getattr(plugin, "_cache", None) is not None:
        plugin.update_cache_if_changed()
    return inventory


def members(inventory, group):
    return sorted(h.name for h in inventory.groups[group].get_hosts())


def test_groups_per_environment_system_and_usage(seeded, tmp_path):
    inventory = parse(write_config(tmp_path, seeded, environment_name_contains="Payments"))
    assert members(inventory, "plutora_environment_Payments_UAT") == ["pay-uat-app01", "pay-uat-db01"]
    assert members(inventory, "plutora_environment_Payments_SIT") == ["pay-sit-app01"]
    assert members(inventory, "plutora_system_Payments") == ["pay-sit-app01", "pay-uat-app01", "pay-uat-db01"]
    assert members(inventory, "plutora_usage_UAT") == ["pay-uat-app01", "pay-uat-db01"]
    assert members(inventory, "plutora_usage_SIT") == ["pay-sit-app01"]
    # An environment without hosts adds nothing.
    assert "plutora_environment_Payments_Empty" not in inventory.groups
    assert "plutora_usage_Dev" not in inventory.groups


def test_layers_and_versions_are_host_variables(seeded, tmp_path):
    inventory = parse(write_config(tmp_path, seeded, environment_names=["payments uat"]))
    app = inventory.get_host("pay-uat-app01").vars
    assert app["plutora_environment"] == "Payments UAT"
    assert app["plutora_system"] == "Payments"
    assert app["plutora_usage"] == "UAT"
    assert app["plutora_environment_status"] == "Active"
    assert app["plutora_versions"] == {"payments-api": "2.4.1", "jdk": "17"}
    assert sorted((l["component_name"], l["stack_layer"]) for l in app["plutora_layers"]) == [
        ("jdk", "Middleware"), ("payments-api", "Application")]
    assert inventory.get_host("pay-sit-app01") is None


def test_filters_run_on_the_server_and_page_through_everything(seeded, tmp_path):
    # 120 seeded "Core Banking" environments plus 3 made here: the plugin pages through 100 at a time.
    parse(write_config(tmp_path, seeded))
    log = seeded.requests()
    listing = [r for r in log if r["path"] == "/plutora/environments"]
    assert [("pageNum=0" in r["query"], "pageNum=1" in r["query"]) for r in listing] == [(True, False), (False, True)]
    details = [r for r in log if r["path"].startswith("/plutora/environments/")]
    assert len(details) == 123
    seeded.clear_log()

    inventory = parse(write_config(tmp_path, seeded, environment_name_contains="payments",
                                   environment_statuses=["Active", "Under Build/Config"]))
    assert members(inventory, "plutora_system_Payments") == ["pay-sit-app01", "pay-uat-app01", "pay-uat-db01"]
    log = seeded.requests()
    # One token, one filtered page, one read per selected environment: nothing else.
    assert [r["path"] for r in log].count("/plutora/environments") == 1
    assert len([r for r in log if r["path"].startswith("/plutora/environments/")]) == 3
    assert len(log) == 5


def test_status_filter_combines_with_names(seeded, tmp_path):
    inventory = parse(write_config(tmp_path, seeded, environment_names=["Payments UAT", "Payments SIT"],
                                   environment_statuses=["Under Build/Config"]))
    assert sorted(h.name for h in inventory.hosts.values()) == ["pay-sit-app01"]


def test_filter_text_is_written_without_parentheses():
    text = plugin_module.environment_filter(["A", "B"], "x", ["Active"])
    assert text == ("`name` Equals `A` and `name` Contains `x` and `status` Equals `Active` or "
                    "`name` Equals `B` and `name` Contains `x` and `status` Equals `Active`")
    assert plugin_module.environment_filter([], None, []) is None
    with pytest.raises(AnsibleParserError, match="environment_names"):
        plugin_module.environment_filter(["a`b"], None, [])


def test_constructed_compose_groups_and_keyed_groups(seeded, tmp_path):
    inventory = parse(write_config(
        tmp_path, seeded, environment_name_contains="Payments",
        compose={"app_version": "plutora_versions['payments-api'] | default('none')"},
        groups={"databases": "plutora_layers | selectattr('stack_layer', 'equalto', 'Database') | list | length > 0"},
        keyed_groups=[{"key": "plutora_environment_status", "prefix": "status"}]))
    assert inventory.get_host("pay-uat-app01").vars["app_version"] == "2.4.1"
    assert inventory.get_host("pay-uat-db01").vars["app_version"] == "none"
    assert members(inventory, "databases") == ["pay-uat-db01"]
    assert members(inventory, "status_Active") == ["pay-uat-app01", "pay-uat-db01"]
    assert members(inventory, "status_Under_Build_Config") == ["pay-sit-app01"]


def test_cache_serves_the_second_parse_without_requests(seeded, tmp_path):
    cache_dir = str(tmp_path / "cache")
    path = write_config(tmp_path, seeded, environment_names=["Payments UAT"], cache=True,
                        cache_plugin="jsonfile", cache_connection=cache_dir)
    parse(path, cache=False)  # like --flush-cache: read the API and refresh the cache
    assert seeded.requests()
    seeded.clear_log()
    inventory = parse(path, cache=True)
    assert members(inventory, "plutora_environment_Payments_UAT") == ["pay-uat-app01", "pay-uat-db01"]
    assert seeded.requests() == []
    creds = seeded.connection_vars()
    cached = "".join(open(os.path.join(cache_dir, name)).read() for name in os.listdir(cache_dir))
    assert "pay-uat-app01" in cached
    assert creds["plutora_password"] not in cached and creds["plutora_client_secret"] not in cached


def test_credentials_from_environment_variables(seeded, tmp_path, monkeypatch):
    for name, value in seeded.connection_env().items():
        monkeypatch.setenv(name, value)
    inventory = parse(write_config(tmp_path, environment_names=["Payments SIT"]))
    assert members(inventory, "plutora_usage_SIT") == ["pay-sit-app01"]


def test_wrong_password_fails_clearly_without_showing_it(seeded, tmp_path):
    path = write_config(tmp_path, seeded, password="not-the-password-93x")
    with pytest.raises(AnsibleParserError) as failure:
        parse(path)
    assert "username/password" in str(failure.value)
    assert "not-the-password-93x" not in str(failure.value)


def test_file_name_is_checked(tmp_path):
    plugin = new_plugin()
    good = tmp_path / "prod.plutora.yaml"
    good.write_text("plugin: envops.environments.plutora\n")
    other = tmp_path / "hosts.yml"
    other.write_text("plugin: envops.environments.plutora\n")
    assert plugin.verify_file(str(good))
    assert not plugin.verify_file(str(other))


def test_options_match_the_module_connection_options():
    doc = yaml.safe_load(plugin_module.DOCUMENTATION)["options"]
    for name, option in PLUTORA.items():
        # ca_path: str, expanded by the plugin, because Ansible's `path` type makes "" the current directory.
        assert doc[name]["type"] == ("str" if name == "ca_path" else option["type"])
        assert doc[name].get("default") == option.get("default")
        assert doc[name]["env"] == [{"name": option["env"]}]


def ansible_inventory(args, emu, tmp_path):
    env = dict(os.environ)
    env.update(emu.connection_env())
    env.update({"ANSIBLE_COLLECTIONS_PATH": COLLECTIONS_ROOT, "ANSIBLE_INVENTORY_ENABLED": "envops.environments.plutora",
                "ANSIBLE_INVENTORY_UNPARSED_FAILED": "1", "ANSIBLE_NOCOLOR": "1"})
    return subprocess.run([os.path.join(BIN, "ansible-inventory")] + args, cwd=str(tmp_path), env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)


def test_ansible_inventory_graph_against_the_emulator(seeded, tmp_path):
    path = write_config(tmp_path, environment_name_contains="Payments")
    # -vvvv: even the most verbose output shows no credential and no issued token.
    proc = ansible_inventory(["-i", path, "--graph", "-vvvv"], seeded, tmp_path)
    assert proc.returncode == 0, proc.stdout
    assert "@plutora_environment_Payments_UAT:" in proc.stdout
    assert "|  |--pay-uat-db01" in proc.stdout
    assert "@plutora_usage_SIT:" in proc.stdout
    tokens = seeded.admin("GET", "/_admin/issued_tokens")
    assert tokens and not [s for s in secret_values() + tokens if s in proc.stdout]

    listed = ansible_inventory(["-i", path, "--list"], seeded, tmp_path)
    assert listed.returncode == 0, listed.stdout
    data = json.loads(listed.stdout[listed.stdout.index("{"):])
    versions = data["_meta"]["hostvars"]["pay-sit-app01"]["plutora_versions"]["payments-api"]
    # ansible-inventory marks strings from an inventory source as unsafe (not templated).
    assert versions in ("2.5.0-rc1", {"__ansible_unsafe": "2.5.0-rc1"})
    for secret in secret_values() + seeded.admin("GET", "/_admin/issued_tokens"):
        assert secret not in listed.stdout


def test_an_empty_ca_path_means_none(seeded, tmp_path, monkeypatch):
    # What AWX's Plutora credential type injects when the credential holds no CA certificates.
    path = write_config(tmp_path, environment_name_contains="Payments")
    monkeypatch.setenv("PLUTORA_CA_PATH", "")
    proc = ansible_inventory(["-i", path, "--graph"], seeded, tmp_path)
    assert proc.returncode == 0, proc.stdout
    assert "@plutora_environment_Payments_UAT:" in proc.stdout
