# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one name picker every module uses (module_utils/resolve.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.envops.environments.plugins.module_utils.errors import InputError
from ansible_collections.envops.environments.plugins.module_utils.resolve import (
    addressable,
    pick_by_name,
    renamed,
    same_name,
)


def records(*names):
    return [{"id": index, "Name": name} for index, name in enumerate(names, start=1)]


def test_blanks_around_names_are_not_significant_on_either_side():
    found = pick_by_name(records("QA ", "Dev"), "  QA", "name", "environment")
    assert found["id"] == 1
    assert pick_by_name(records("QA ", "Dev"), "QA1", "name", "environment") is None


def test_an_exact_match_wins_over_one_without_case():
    assert pick_by_name(records("qa", "QA "), "QA", "name", "environment")["id"] == 2
    assert pick_by_name(records("qa ", "Dev"), "QA", "name", "environment")["id"] == 1


def test_without_case_only_where_the_product_compares_so():
    assert pick_by_name(records("qa"), "QA", "name", "environment", ignore_case=False) is None


def test_names_that_differ_only_by_blanks_are_ambiguous_and_named():
    with pytest.raises(InputError) as caught:
        pick_by_name(records("Ops2", "Ops2 "), "Ops2", "name", "group", advice="rename all but one first")
    assert caught.value.message == ("name: 2 groups are named 'Ops2' on the server once surrounding blanks are "
                                    "ignored ('Ops2' id 1, 'Ops2 ' id 2); rename all but one first.")


def test_names_that_differ_only_by_case_are_ambiguous_when_none_is_exact():
    with pytest.raises(InputError) as caught:
        pick_by_name(records("OPS", "Ops "), "ops", "hosts[0].name", "host")
    assert caught.value.message.startswith("hosts[0].name: 2 hosts are named 'ops' on the server when case is ignored")


def test_keys_are_read_in_any_case_or_through_a_function():
    assert pick_by_name([{"NAME": "x "}], "x", "name", "thing")["NAME"] == "x "
    assert pick_by_name([{"code": "A "}], "a", "code", "thing", name_key=lambda r: r["code"])["code"] == "A "


def test_renamed_and_same_name():
    assert not renamed("QA", "QA ")
    assert renamed("QA", "qa ")
    assert renamed("QA", None)
    assert not renamed(None, "anything")
    assert same_name(" qa", "QA ") and not same_name("qa", "QA", ignore_case=False)


def test_addressable_uses_the_same_comparison():
    listed = records("Ops2", "Ops2 ", "Dev", "dev")
    alone, hits = addressable(listed, listed[0])
    assert not alone and [r["id"] for r in hits] == [1, 2]
    # "Dev" and "dev": each name picks its own record exactly.
    assert addressable(listed, listed[2])[0] and addressable(listed, listed[3])[0]
    # a copy of the record (read by id) is told apart by its id
    assert addressable(records("Solo "), {"id": 1, "Name": "Solo "})[0]
