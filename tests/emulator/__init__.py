# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""An emulator of the Plutora, FlexDeploy and BMC RPM REST APIs, for trying and testing the collection.

Built to the API facts of docs/api-reference.md (the product documents and their quirks); what
no public document shows is marked (guess) there and here. Start it with `python -m emulator --port 8765` (with tests/ on PYTHONPATH).
"""

from __future__ import absolute_import, division, print_function

from . import flexdeploy, plutora, rpm
from .core import State, create_base_app


def create_app():
    state = State()
    app = create_base_app(state)
    state.register("rpm", rpm.seed)
    app.register_blueprint(rpm.bp)
    app.register_blueprint(rpm.admin_bp)
    plutora.register(app, state)
    flexdeploy.register(app, state)
    return app
