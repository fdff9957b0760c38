# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the `module_args` of the *_info modules share: naming related records, dropping nulls.

`module_args` is a record written as the options of its resource module, so that passing it back
unchanged converges with no write. A related record is written by its name when that name picks
exactly this record through the resource module's own look-up, and by its id otherwise (a name
shared by several records, a name that reads as an id, a record the look-up cannot see).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


def without_none(options):
    """The options whose value is not None: a missing option and a null one both mean "leave as it is"."""
    return dict((key, value) for key, value in options.items() if value is not None)


class AsRecorded:
    """The names the record itself carries (what `diff` shows); the id when it carries none."""

    @staticmethod
    def ref(kind, record_id, name=None):
        return record_id if name is None else name


AS_RECORDED = AsRecorded()


class References:
    """Names or ids of related records, decided against the server's list of each kind.

    load(kind) returns the records a name look-up of the resource module can find (called at most
    once per kind, and only for kinds a record refers to); id_key and name_key(kind) name their
    fields; looks_like_id(text) tells a name the module would take for an id.
    """

    def __init__(self, load, looks_like_id, keys):
        self._load = load
        self._looks_like_id = looks_like_id
        self._keys = keys            # kind -> (id key, name key)
        self._indexes = {}

    @staticmethod
    def _id_key(record_id):
        return str(record_id).strip().lower()

    def preload(self, kind, records):
        """Use records the caller has already read (the whole list of the kind) instead of loading them."""
        self._indexes[kind] = self._build(kind, records)

    def _index(self, kind):
        if kind not in self._indexes:
            self._indexes[kind] = self._build(kind, self._load(kind))
        return self._indexes[kind]

    def _build(self, kind, records):
        id_key, name_key = self._keys[kind]
        names, counts = {}, {}
        for record in records or []:
            name = record.get(name_key)
            names[self._id_key(record.get(id_key))] = name
            if name is not None:
                folded = str(name).strip().lower()
                counts[folded] = counts.get(folded, 0) + 1
        return names, counts

    def ref(self, kind, record_id, name=None):
        """The name of the record when it picks this record alone, else its id (as text)."""
        if record_id is None:
            return name
        names, counts = self._index(kind)
        listed = names.get(self._id_key(record_id))
        if listed is None or self._looks_like_id(str(listed)):
            return str(record_id)
        if counts.get(str(listed).strip().lower(), 0) != 1:
            return str(record_id)
        return listed
