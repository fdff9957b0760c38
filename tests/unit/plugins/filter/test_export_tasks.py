# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The export_tasks filter: task files that Ansible loads back to the very same values."""

from __future__ import absolute_import, division, print_function

import pytest

from ansible.errors import AnsibleFilterError
from ansible.parsing.yaml.loader import AnsibleLoader

from ansible_collections.envops.environments.plugins.filter.export_tasks import FilterModule, export_tasks

TRICKY = [
    "{{ lookup('pipe', 'id') }}",        # a template
    "{% if true %}x{% endif %}",          # a statement
    "{# a comment #}",
    "[1, 2]", '{"a": 1}', "True", "no", "null", "~", "0x10", "1e3", "8001",   # YAML and literal look-alikes
    "two\nlines", "  padded  ", "tab\there", "quote ' and \" both", "#hash", "- dash", "ünïcödé",
]


def load(text):
    return list(AnsibleLoader(text).get_single_data() or [])


def rpm_records(names):
    return [{"id": i, "name": name, "module_args": {"name": name, "active": True, "servers": [name]}}
            for i, name in enumerate(names)]


def test_values_load_back_unchanged_and_templates_are_marked_unsafe():
    text = export_tasks([["rpm_environment", rpm_records(TRICKY)]], header="RPM environments\nsecond line")
    assert text.startswith("# RPM environments\n# second line\n---\n")
    tasks = load(text)
    assert [t["envops.environments.rpm_environment"]["name"] for t in tasks] == TRICKY
    assert [t["envops.environments.rpm_environment"]["servers"] for t in tasks] == [[n] for n in TRICKY]
    # Exactly the template-like strings carry !unsafe (their task name, name and server each), so
    # Ansible never evaluates them; the integration targets apply such a file and prove it.
    assert text.count("!unsafe") == 3 * 3
    assert "    name: !unsafe '{{ lookup(''pipe'', ''id'') }}'" in text
    assert "    name: '[1, 2]'" in text and "    name: 'True'" in text


def test_servers_come_as_written_before_the_environments_that_name_them():
    args = {"name": "qa2-app-01", "ip_address": "10.0.0.21", "active": True}
    server = {"id": 7, "name": "qa2-app-01", "module_args": args}
    tasks = load(export_tasks([["rpm_server", [server]], ["rpm_environment", rpm_records(["QA2"])]]))
    assert [t["name"] for t in tasks] == ["RPM server qa2-app-01", "RPM environment QA2"]
    assert tasks[0]["envops.environments.rpm_server"] == server["module_args"]


def test_task_names_are_one_line_labels():
    tasks = load(export_tasks([["rpm_environment", rpm_records(["two\nlines"])],
                               ["flexdeploy_target", [{"module_args": {"environment": "DEV", "instance": "SOA"}}]]]))
    assert [t["name"] for t in tasks] == ["RPM environment two lines", "FlexDeploy target DEV/SOA"]


def test_types_survive():
    args = {"environment": "DEV", "instance": "SOA", "active": False, "mode": "replace",
            "endpoints": [{"id": 10101, "resource_ids": [11223]}],
            "properties": {"PORT": 8001, "RATIO": 0.5, "EMPTY": None, "MDS_PASS": {"credential_id": 74952},
                           "{{ odd key }}": "x"}}
    [task] = load(export_tasks([["flexdeploy_target", [{"module_args": args}]]]))
    assert task["envops.environments.flexdeploy_target"] == args


def test_records_without_module_args_become_a_comment():
    records = [{"groupId": 10003, "groupName": "Operations", "module_args": None},
               {"groupId": 10002, "groupName": "Readers", "module_args": {"name": "Readers", "mode": "replace"}}]
    text = export_tasks([["flexdeploy_group", records]], header="groups")
    assert "#   FlexDeploy group 'Operations' (id 10003)" in text
    assert [t["name"] for t in load(text)] == ["FlexDeploy group Readers"]


def test_empty_export_is_an_empty_task_list():
    assert load(export_tasks([["rpm_environment", []]], header="none")) == []


@pytest.mark.parametrize("sections", [
    [["no_such_module", []]],
    [["rpm_environment"]],
    [["rpm_environment", [{"name": "raw record without module_args"}]]],
])
def test_wrong_input_is_a_clear_error(sections):
    with pytest.raises(AnsibleFilterError, match="export_tasks"):
        export_tasks(sections)


def test_registered_as_a_filter():
    assert FilterModule().filters()["export_tasks"] is export_tasks
