# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    """The input rules every module follows (plugins/module_utils/inputs.py)."""

    DOCUMENTATION = r"""
options: {}
notes:
  - Names, codes and references to other records (the options that identify something, such as I(name),
    I(code), I(environment) or the elements of a list of names) lose their surrounding blanks before they
    are compared, searched for or sent, in every module of this collection; C("  QA  ") and C(QA) name the
    same record. Such a value that is empty or only blanks fails before any request is sent.
  - Names and codes stored on the server are compared the same way, surrounding blanks set aside on both
    sides. A record stored as C('QA ') is the record C(QA) (found, never created a second time) and it is
    not renamed because of its blanks; a host stored as C('app01 ') is the host C(app01) (kept, never
    deleted and created again under I(purge_hosts)). A name that matches exactly wins; otherwise, where
    the product compares names without case (each module says so), a single match without case, which
    is renamed to the spelling given where the module documents it. Two or more records matching
    equally (C(Ops2) and C('Ops2 ')) fail the task before any write, naming them and the option; the
    C(module_args) of such a record in the *_info modules is C(null), with a warning.
  - Every answer of the server is checked against the shape the product documents give (a list of records
    with their identifying keys, or one record) before anything is decided from it; an answer that does not
    fit fails the task, naming the request, and never leads to a write.
"""
