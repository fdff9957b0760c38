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
  - Every answer of the server is checked against the shape the product documents give (a list of records
    with their identifying keys, or one record) before anything is decided from it; an answer that does not
    fit fails the task, naming the request, and never leads to a write.
"""
