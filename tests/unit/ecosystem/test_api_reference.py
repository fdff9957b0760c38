# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The project stands alone: the API facts live in docs/api-reference.md, which ships, names every guess
switch of the emulator, and is what the code cites; no file points outside the repository."""

from __future__ import absolute_import, division, print_function

import os
import re

from emulator.core import GUESSES

COLLECTION = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
REFERENCE = os.path.join(COLLECTION, "docs", "api-reference.md")
# Places outside the repository that earlier files cited (spelled in pieces so this file does not match).
OUTSIDE = re.compile("|".join([r"shared/" + "seeds", "api" + "-notes", r"\.\./" + "shared", "API " + "notes"]))
SKIPPED_DIRS = {".git", ".venv", "build", "output", "__pycache__", ".pytest_cache", ".cache", ".ansible"}


def reference():
    with open(REFERENCE) as handle:
        return handle.read()


def test_every_guess_switch_is_in_the_reference_table():
    text = reference()
    table = text.split("## Guesses the modules send requests to", 1)[1]
    for name in GUESSES:
        assert "| `%s` |" % name in table, name


def test_each_product_has_its_section():
    headings = re.findall(r"^## (.+)$", reference(), re.M)
    for product in ("Plutora", "FlexDeploy", "BMC Release Process Management"):
        assert any(h.startswith(product) for h in headings), (product, headings)
    assert "/v1/servers" in reference()


def test_no_file_cites_documents_outside_the_repository():
    cited = []
    for top, dirs, files in os.walk(COLLECTION):
        dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS and not d.startswith("build-")]
        for name in files:
            if not name.endswith((".py", ".md", ".yml", ".yaml", ".txt", ".sh", ".rst", ".cfg", ".ini")):
                continue
            path = os.path.join(top, name)
            with open(path, encoding="utf-8", errors="replace") as handle:
                for number, line in enumerate(handle, 1):
                    if OUTSIDE.search(line):
                        cited.append("%s:%d: %s" % (os.path.relpath(path, COLLECTION), number, line.strip()))
    assert cited == []
