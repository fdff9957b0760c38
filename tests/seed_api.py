# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Records made through the products' APIs directly, never through the modules: what a team that
adopts the collection already has. Used by the module_args tests and the export benchmark.

    api = ApiSeeder(emu)
    api.plutora("POST", "systems", {...}); api.flexdeploy("PATCH", "topology/...", {...}); api.rpm(...)
"""

from __future__ import absolute_import, division, print_function

import requests

from emulator.credentials import CREDENTIALS

WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


def writes(log):
    """Requests of an emulator log that change something (a Plutora token request changes nothing)."""
    return [(r["method"], r["path"]) for r in log
            if r["method"] in WRITE_METHODS and not r["path"].lower().endswith("/oauth/token")]


class ApiSeeder:
    def __init__(self, emu):
        self.url = emu.url
        self.session = requests.Session()
        self._plutora_token = None

    def _call(self, method, url, body=None, **kwargs):
        response = self.session.request(method, url, json=body, timeout=60, **kwargs)
        if response.status_code >= 400:
            raise AssertionError("%s %s answered %s: %s" % (method, url, response.status_code, response.text[:500]))
        return response.json() if response.text.strip() else None

    # Plutora ---------------------------------------------------------------------------------
    def plutora(self, method, path, body=None):
        if self._plutora_token is None:
            form = {"grant_type": "password", "client_id": CREDENTIALS["plutora_client_id"],
                    "client_secret": CREDENTIALS["plutora_client_secret"],
                    "username": CREDENTIALS["plutora_username"], "password": CREDENTIALS["plutora_password"]}
            answer = self.session.post(self.url + "/plutora/oauth/token", data=form, timeout=60)
            self._plutora_token = answer.json()["access_token"]
        return self._call(method, "%s/plutora/%s" % (self.url, path), body,
                          headers={"Authorization": "bearer " + self._plutora_token})

    def plutora_lookup(self, lookup_type, value):
        return next(v["id"] for v in self.plutora("GET", "lookupfields/" + lookup_type) if v["value"] == value)

    def plutora_organization(self, name):
        return next(o["id"] for o in self.plutora("GET", "organizations") if o["name"] == name)

    # FlexDeploy ------------------------------------------------------------------------------
    def flexdeploy(self, method, path, body=None):
        return self._call(method, "%s/flexdeploy/rest/v1/%s" % (self.url, path), body,
                          auth=(CREDENTIALS["flexdeploy_username"], CREDENTIALS["flexdeploy_password"]))

    # RPM -------------------------------------------------------------------------------------
    def rpm(self, method, path, body=None):
        return self._call(method, "%s/brpm/v1/%s" % (self.url, path), body,
                          params={"token": CREDENTIALS["rpm_token"]})
