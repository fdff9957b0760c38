# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures of the fault-tolerance suite: one emulator per session, reset for every test."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import sys

import pytest

TESTS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if TESTS_DIR not in sys.path:
    sys.path.insert(0, TESTS_DIR)

from harness import Emulator  # noqa: E402
# warnings: a fixture of this suite too, so imported without a use here.
from unit.conftest import run_module_main, warnings  # noqa: E402,F401  pylint: disable=unused-import


@pytest.fixture(scope="session")
def emulator():
    with Emulator() as emu:
        yield emu


@pytest.fixture
def emu(emulator):
    """The session's emulator, reset to its seed data (no faults queued, empty log)."""
    emulator.reset()
    return emulator


@pytest.fixture
def run_module(monkeypatch):
    def runner(module, args, check_mode=False):
        return run_module_main(monkeypatch, module, args, check_mode=check_mode)
    return runner
