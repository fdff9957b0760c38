# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Input rules every module follows, checked before any request (documented in the
`envops.environments.input_rules` doc fragment).

* Identifiers (names, codes, and the names, codes or ids of related records) lose surrounding
  blanks before they are compared, searched or sent: `"  QA  "` and `"QA"` are the same record,
  so a second run never fails on "name has already been taken" nor creates a twin.
* An identifier that is empty or blank (after trimming) is refused, naming the option.
* Bounds the documents give are checked here too (RPM names: at most 255 characters).

Options are named by paths: `name`, `servers[]` (every element of a list), `hosts[].name` and
`hosts[].layers[].component_name` (a key of every element of a list of dictionaries).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.envops.environments.plugins.module_utils.errors import InputError


def identifier(option, value, max_length=None):
    """`value` without surrounding blanks; InputError when nothing is left or it is too long."""
    text = value if isinstance(value, str) else str(value)
    text = text.strip()
    if not text:
        raise InputError("%s: must not be empty or blank (got %r)." % (option, value))
    if max_length is not None and len(text) > max_length:
        raise InputError("%s: at most %d characters are allowed, got %d." % (option, max_length, len(text)))
    return text


def tidy_identifiers(params, *paths, **max_lengths):
    """Trim (in place) and check every identifier option of `paths` that was given.

    max_lengths: {top-level option: longest allowed length}, for bounds the documents give.
    """
    for path in paths:
        _tidy(params, path.split("."), "", max_lengths.get(path))


def _tidy(container, parts, shown, max_length):
    head, rest = parts[0], parts[1:]
    many = head.endswith("[]")
    key = head[:-2] if many else head
    if not isinstance(container, dict) or container.get(key) is None:
        return
    label = "%s.%s" % (shown, key) if shown else key
    value = container[key]
    if not many:
        if rest:
            _tidy(value, rest, label, max_length)
        else:
            container[key] = identifier(label, value, max_length)
        return
    for index, item in enumerate(value):
        item_label = "%s[%d]" % (label, index)
        if rest:
            _tidy(item, rest, item_label, max_length)
        elif item is None:
            raise InputError("%s: must not be empty or blank (got None)." % item_label)
        else:
            value[index] = identifier(item_label, item, max_length)


def at_least(params, option, minimum, what):
    """InputError when a given integer option is below `minimum` (a bound of the documents)."""
    value = params.get(option)
    if value is not None and value < minimum:
        raise InputError("%s: must be %s (%d or more), got %d." % (option, what, minimum, value))
