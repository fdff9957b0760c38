# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the `module_args` of the *_info modules share: naming related records, dropping nulls.

`module_args` is a record written as the options of its resource module, so that passing it back
unchanged converges with no write. A related record is written by its name when that name picks
exactly this record through the resource module's own look-up, and by its id otherwise (a name
shared by several records, a name that reads as an id, a record the look-up cannot see). A record
whose own name (its identity in the resource module) does not pick it alone has no module_args.
Names are compared as the resource modules compare them (resolve.py: surrounding blanks are not
significant).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.envops.environments.plugins.module_utils.compare import ci_get
from ansible_collections.envops.environments.plugins.module_utils.resolve import addressable, bare


def addressed_by_name(module, record, candidates, kind, resource_module, name_key="name", id_key="id", field="name"):
    """Whether the resource module finds `record` by its own name; when not, a warning says why.

    candidates: records that hold every record that may share the name (a search that finds them
    all, or the whole list). A record its name cannot address alone gets module_args null:
    applying it would fail (several records match), or worse, reach another record.
    """
    record_id = str(ci_get(record, id_key)).lower()
    pool = list(candidates or [])
    if not any(str(ci_get(r, id_key)).lower() == record_id for r in pool):
        pool.append(record)
    alone, hits = addressable(pool, record, name_key, id_key)
    if not alone:
        module.warn("%s '%s' (id %s): %d %ss share this %s (ids %s; surrounding blanks are not significant), so %s "
                    "cannot address it and module_args is null; rename all but one to manage them with it."
                    % (kind, ci_get(record, name_key), ci_get(record, id_key), len(hits), kind, field,
                       ", ".join(str(ci_get(r, id_key)) for r in hits), resource_module))
    return alone


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
    fields; looks_like_id(text) tells a name the module would take for an id. Names are counted
    as the shared picker compares them (blanks stripped), without case: where a product's picker
    would still tell two names apart by case, the id is used all the same, which always works.
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
                folded = bare(name).casefold()
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
        if counts.get(bare(listed).casefold(), 0) != 1:
            return str(record_id)
        return listed
