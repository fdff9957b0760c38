# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Comparing what the user asked for with what the server has, and building `diff`.

Only options the user gave are compared (None means "leave as it is"). Values are normalized
before comparison so that list order, key case and number-vs-string never cause a change.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy


def ci_get(record, key, default=None):
    """Case-insensitive key lookup (Plutora accepts and returns keys in any case)."""
    if not isinstance(record, dict):
        return default
    if key in record:
        return record[key]
    lower = key.lower()
    for candidate, value in record.items():
        if isinstance(candidate, str) and candidate.lower() == lower:
            return value
    return default


def normalize(value):
    """A form in which equal-meaning values compare equal."""
    if isinstance(value, dict):
        return dict((k, normalize(v)) for k, v in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [normalize(v) for v in value]
        try:
            return sorted(items, key=lambda v: (str(type(v)), v))
        except TypeError:
            return sorted(items, key=repr)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return str(value)
    return value


def values_equal(desired, current):
    return normalize(desired) == normalize(current)


def make_diff(before, after):
    """The `diff` Ansible prints with --diff; deep copies so later edits cannot leak in."""
    return {"before": copy.deepcopy(before) if before is not None else {},
            "after": copy.deepcopy(after) if after is not None else {}}
