# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Where the collection under test is installed: the directory holding ansible_collections/."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

# tests/security -> tests -> environments -> envops -> ansible_collections -> BUILD
COLLECTIONS = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", ".."))
