# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Credentials the emulator accepts. Overridable through EMULATOR_* environment variables so a
test can prove that a secret it chose never shows up in any output."""

from __future__ import absolute_import, division, print_function

import os

CREDENTIALS = {
    "rpm_token": os.environ.get("EMULATOR_RPM_TOKEN", "rpm-emulator-token-5f1c2a"),
    "flexdeploy_username": os.environ.get("EMULATOR_FLEXDEPLOY_USERNAME", "fdadmin"),
    "flexdeploy_password": os.environ.get("EMULATOR_FLEXDEPLOY_PASSWORD", "fd-emulator-pass-8c41"),
    # A user that may read but not write (403 on writes).
    "flexdeploy_reader": os.environ.get("EMULATOR_FLEXDEPLOY_READER", "fdreader"),
    "flexdeploy_reader_password": os.environ.get("EMULATOR_FLEXDEPLOY_READER_PASSWORD", "fd-reader-pass-19d2"),
    "plutora_client_id": os.environ.get("EMULATOR_PLUTORA_CLIENT_ID", "plutora-emulator-client"),
    "plutora_client_secret": os.environ.get("EMULATOR_PLUTORA_CLIENT_SECRET", "plutora-client-secret-3b7e"),
    "plutora_username": os.environ.get("EMULATOR_PLUTORA_USERNAME", "api.user@example.com"),
    "plutora_password": os.environ.get("EMULATOR_PLUTORA_PASSWORD", "plutora-pass-a61f"),
}
