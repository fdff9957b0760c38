# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`antsibull-docs lint-collection-docs` passes on the collection: every plugin's documentation
(modules and the inventory plugin), its references (M(), seealso) and the changelog fragments."""

from __future__ import absolute_import, division, print_function

import os
import subprocess
import sys

import pytest

COLLECTION = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
ANTSIBULL_DOCS = os.path.join(os.path.dirname(sys.executable), "antsibull-docs")


@pytest.mark.skipif(not os.path.exists(ANTSIBULL_DOCS), reason="antsibull-docs is not installed (requirements/dev.txt)")
def test_lint_collection_docs():
    proc = subprocess.run([ANTSIBULL_DOCS, "lint-collection-docs", "--plugin-docs", "."], cwd=COLLECTION,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.strip() == "", proc.stdout
