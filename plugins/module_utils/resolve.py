# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Picking one record by name from a search answer, and the errors when that is impossible.

Product APIs search by name with their own filters (which may be substring, wildcard or
case-insensitive matches); these helpers then choose the exact record or explain why not. Every
module matches a user-given name to server records here, so that one rule holds everywhere:
surrounding blanks are not significant, on the user's side (input rules) or the server's.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import difflib

from ansible_collections.envops.environments.plugins.module_utils.compare import ci_get
from ansible_collections.envops.environments.plugins.module_utils.errors import InputError


def is_id(value):
    """True for an int or a string of digits: the user gave a numeric id, not a name."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    return isinstance(value, str) and value.strip().isdigit()


def bare(value):
    """A name or code as it is compared: surrounding blanks are not significant (input rules)."""
    return "" if value is None else str(value).strip()


def same_name(left, right, ignore_case=True):
    """Whether two names are the same once surrounding blanks are stripped (and case folded)."""
    if left is None or right is None:
        return left is None and right is None
    if ignore_case:
        return bare(left).casefold() == bare(right).casefold()
    return bare(left) == bare(right)


def renamed(wanted, have):
    """Whether a record named `have` must be renamed to `wanted`: only when more than surrounding
    blanks differ (a case-only difference renames it to the spelling asked for)."""
    return wanted is not None and bare(wanted) != bare(have)


def _reader(name_key):
    if callable(name_key):
        return name_key
    return lambda record: ci_get(record, name_key)


def matches(records, name, name_key="name", ignore_case=True):
    """(records the name picks equally well, whether case was ignored to find them).

    Names are compared with surrounding blanks stripped on both sides: "app01 " on the server is
    `app01`. Records whose name is the same, case included, win; only when there is none (and the
    product compares names without case) do those equal without case count.
    """
    read = _reader(name_key)
    wanted = bare(name)
    named = [r for r in records if read(r) is not None]
    exact = [r for r in named if bare(read(r)) == wanted]
    if exact or not ignore_case:
        return exact, False
    return [r for r in named if bare(read(r)).casefold() == wanted.casefold()], True


def pick_by_name(records, name, option, kind, name_key="name", id_key="id", ignore_case=True,
                 describe=None, verb="are named", advice="give the id instead"):
    """The one record `name` picks among `records` (see matches()), or None when none matches.

    Several records matching equally is an InputError naming the option and every record
    (describe(record) or its quoted name and id), never a guess: a write must not reach the wrong one.
    """
    hits, folded = matches(records, name, name_key, ignore_case)
    if len(hits) == 1:
        return hits[0]
    if not hits:
        return None
    read = _reader(name_key)
    describe = describe or (lambda r: "'%s' id %s" % (read(r), ci_get(r, id_key)))
    if folded:
        how = " when case is ignored"
    elif any(read(r) != bare(name) for r in hits):
        how = " once surrounding blanks are ignored"
    else:
        how = ""
    raise InputError("%s: %d %ss %s '%s' on the server%s (%s); %s."
                     % (option, len(hits), kind, verb, bare(name), how, ", ".join(describe(r) for r in hits), advice))


def addressable(records, record, name_key="name", id_key="id", ignore_case=True):
    """(whether the record's own name picks it alone among `records`, the records it picks).

    What module_args asks before writing a record by its name: `records` must hold every record
    that could share the name (see matches()); records are told apart by `id_key`.
    """
    hits, _folded = matches(records, _reader(name_key)(record), name_key, ignore_case)
    ids = set(str(ci_get(r, id_key)).lower() for r in hits)
    return ids == set([str(ci_get(record, id_key)).lower()]), hits


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
