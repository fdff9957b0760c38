# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Picking one record by name from a search answer, and the errors when that is impossible.

Product APIs search by name with their own filters (which may be substring, wildcard or
case-insensitive matches); these helpers then choose the exact record or explain why not.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import difflib

from ansible_collections.envops.environments.plugins.module_utils.errors import InputError


def is_id(value):
    """True for an int or a string of digits: the user gave a numeric id, not a name."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    return isinstance(value, str) and value.strip().isdigit()


def pick_by_name(records, name, name_key="name", kind="record"):
    """The one record whose name is `name`: an exact match, else a unique case-insensitive one.

    Returns None when nothing matches; raises InputError when several records match equally.
    """
    exact = [r for r in records if r.get(name_key) == name]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise InputError("%d %ss are named '%s' on the server; use the id instead." % (len(exact), kind, name))
    folded = [r for r in records if str(r.get(name_key, "")).lower() == str(name).lower()]
    if len(folded) == 1:
        return folded[0]
    if len(folded) > 1:
        raise InputError("%d %ss match '%s' when case is ignored (%s); give the exact name or the id."
                         % (len(folded), kind, name, ", ".join(sorted(str(r.get(name_key)) for r in folded))))
    return None


def close_matches(name, candidates, limit=5):
    names = sorted(set(str(c) for c in candidates if c is not None))
    lower = dict((n.lower(), n) for n in names)
    matches = difflib.get_close_matches(str(name).lower(), list(lower), n=limit, cutoff=0.5)
    return [lower[m] for m in matches]


def unknown_name_error(option, kind, name, candidates):
    """InputError for a name the server does not know, naming close matches when there are any."""
    matches = close_matches(name, candidates)
    message = "%s: no %s named '%s' was found" % (option, kind, name)
    if matches:
        message += "; close matches: %s" % ", ".join(matches)
    return InputError(message + ".")
