# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Response.records() / record(): the one place an answer's shape is checked, and the input rules."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.envops.environments.plugins.module_utils.errors import InputError, UnexpectedResponseError
from ansible_collections.envops.environments.plugins.module_utils.inputs import at_least, tidy_identifiers
from ansible_collections.envops.environments.plugins.module_utils.rest_client import Response

URL = "https://rpm.example.com/brpm/v1/environments?token=********"


def answer(body, content_type="application/json", status=200):
    text = body if isinstance(body, str) else json.dumps(body)
    try:
        decoded = json.loads(text) if text.strip() else None
    except ValueError:
        decoded = None
    return Response(status, {"Content-Type": content_type}, text.encode(), decoded, "GET", URL)


def test_records_pass_a_list_of_objects_with_their_keys():
    records = [{"id": 1, "name": "a"}, {"id": 2, "name": "b", "extra": None}]
    assert answer(records).records("environments", keys=("id", "name"), int_keys=("id",)) == records
    assert answer([]).records("environments", keys=("id",)) == []


@pytest.mark.parametrize("body,content_type,shown", [
    ("OK", "text/plain", "a body that is not JSON (text/plain, 2 bytes): OK"),
    ({"id": 1, "name": "a"}, "application/json", "a JSON object"),
    ([1, 2], "application/json", "a JSON list: [1, 2]"),
    ([{"name": "a"}], "application/json", "a JSON list"),
    ([{"id": "1", "name": "a"}], "application/json", "a JSON list"),
    ([{"id": True, "name": "a"}], "application/json", "a JSON list"),
    ([{"id": 1, "name": None}], "application/json", "a JSON list"),
    ("", "text/plain", "an empty body"),
], ids=["text", "object", "numbers", "missing-key", "string-id", "bool-id", "null-name", "empty"])
def test_records_refuse_what_does_not_fit(body, content_type, shown):
    with pytest.raises(UnexpectedResponseError) as caught:
        answer(body, content_type).records("environments records", keys=("id", "name"), int_keys=("id",))
    message = caught.value.message
    assert message.startswith("GET %s answered HTTP 200 with %s" % (URL, shown)), message
    assert "expected a JSON list of environments records with id, name (id numeric)" in message
    assert caught.value.details == {"status": 200, "method": "GET", "url": URL,
                                    "expected": "a JSON list of environments records with id, name (id numeric)"}


def test_record_and_alternative_spellings_without_case():
    record = {"Id": "g-1", "EnvironmentGroup": "g", "sourceId": "s"}
    assert answer(record).record("connectivity", keys=("id", ("environmentGroupId", "environmentGroup"),
                                                       ("sourceId", "source")), any_case=True) == record
    with pytest.raises(UnexpectedResponseError) as caught:
        answer([record]).record("connectivity", keys=("id",), any_case=True)
    assert "expected a JSON object of connectivity with id" in caught.value.message
    with pytest.raises(UnexpectedResponseError):
        answer(record).record("connectivity", keys=("id", "targetId"), any_case=True)


def test_records_of_a_part_of_the_answer():
    envelope = answer({"resultSet": [{"id": "x"}], "totalCount": 1})
    assert envelope.records("systems", keys=("id",), body=envelope.json["resultSet"]) == [{"id": "x"}]
    with pytest.raises(UnexpectedResponseError):
        envelope.records("systems", keys=("id",), body=None)


def test_identifiers_are_trimmed_in_place_through_lists_and_dicts():
    params = {"name": "  QA ", "servers": [" a", "b "], "hosts": [{"name": " h ", "layers": [{"component_name": "c "}]}],
              "missing": None, "layers": None}
    tidy_identifiers(params, "name", "servers[]", "hosts[].name", "hosts[].layers[].component_name", "missing",
                     "layers[].component_name")
    assert params == {"name": "QA", "servers": ["a", "b"], "hosts": [{"name": "h", "layers": [{"component_name": "c"}]}],
                      "missing": None, "layers": None}


@pytest.mark.parametrize("params,path,label", [
    ({"name": ""}, "name", "name"), ({"name": " \t"}, "name", "name"),
    ({"servers": ["a", " "]}, "servers[]", "servers[1]"),
    ({"hosts": [{"name": "h", "layers": [{"component_name": ""}]}]}, "hosts[].layers[].component_name",
     "hosts[0].layers[0].component_name"),
])
def test_blank_identifiers_are_refused_naming_the_option(params, path, label):
    with pytest.raises(InputError) as caught:
        tidy_identifiers(params, path)
    assert caught.value.message.startswith("%s: must not be empty or blank" % label)


def test_bounds():
    tidy_identifiers({"name": " %s " % ("x" * 255)}, "name", name=255)
    with pytest.raises(InputError) as caught:
        tidy_identifiers({"name": "x" * 256}, "name", name=255)
    assert "at most 255 characters" in caught.value.message
    at_least({"sort_number": 0}, "sort_number", 0, "a sort number")
    at_least({"sort_number": None}, "sort_number", 0, "a sort number")
    with pytest.raises(InputError) as caught:
        at_least({"sort_number": -1}, "sort_number", 0, "a sort number")
    assert caught.value.message == "sort_number: must be a sort number (0 or more), got -1."
