# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""BMC Release Process Management REST v1: authentication, searches and environment writes.

Quirks handled here (see the RPM seed and api-notes):
* the API token travels as the `token` query parameter (the client's redactor masks it);
* a search with no match answers 404 with a one-space body: that is an empty list, not an error;
* searches return active records only unless asked; DELETE only deactivates;
* names are unique: a create that loses a race to another run gets 422 "has already been taken",
  and a create whose answer was lost may still have happened; both are settled by reading again,
  never by sending the POST a second time.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.envops.environments.plugins.module_utils.errors import (
    InputError,
    NotFoundError,
    TransportError,
    UnexpectedResponseError,
    ValidationError,
)
from ansible_collections.envops.environments.plugins.module_utils.rest_client import HttpClient
from ansible_collections.envops.environments.plugins.module_utils.resolve import (
    is_id,
    pick_by_name,
    unknown_name_error,
)

# Related collections an environment refers to: option name -> (path, kind for messages).
RELATED = {
    "servers": ("servers", "server"),
    "server_groups": ("server_groups", "server group"),
    "environment_type": ("environment_types", "environment type"),
}


def build_api(params, redactor):
    redactor.add(params["token"])
    client = HttpClient(
        params["api_url"].rstrip("/") + "/v1",
        timeout=params["timeout"],
        validate_certs=params["validate_certs"],
        ca_path=params["ca_path"],
        params={"token": params["token"]},
        redactor=redactor,
    )
    return RpmApi(client)


class RpmApi:
    def __init__(self, client):
        self.client = client
        self._by_name = {}

    # Searches --------------------------------------------------------------------------
    def search(self, path, name=None, include_inactive=False):
        """Records of a collection matching a name filter; [] when RPM answers 404."""
        params = {}
        if name is not None:
            params["filters[name]"] = name
        if include_inactive:
            # Both flags together give active and inactive records.
            params["filters[active]"] = "true"
            params["filters[inactive]"] = "true"
        response = self.client.get(path, params=params, empty_statuses=(404,))
        if response.status == 404:
            if response.text.strip():
                # RPM's empty search is a blank 404; anything else is not RPM answering.
                raise UnexpectedResponseError(
                    "GET %s answered 404 with a page, not RPM's empty search; check that api_url "
                    "is the RPM base URL (it usually ends with /brpm)." % response.url,
                    {"status": 404, "method": "GET", "url": response.url})
            return []
        body = response.json
        if isinstance(body, dict):
            body = [body]
        if body is None and not response.text.strip():
            return []
        if not isinstance(body, list) or not all(isinstance(r, dict) and "id" in r for r in body):
            raise UnexpectedResponseError(
                "GET %s answered HTTP %s with something that is not a list of %s records: %s"
                % (response.url, response.status, path, response.text[:200]),
                {"status": response.status, "method": "GET", "url": response.url})
        return body

    def find_environment(self, name):
        records = self.search("environments", name=name, include_inactive=True)
        return pick_by_name(records, name, kind="environment")

    def get(self, path, record_id):
        return self.client.get("%s/%s" % (path, record_id)).json

    # Name resolution -------------------------------------------------------------------
    def resolve_id(self, option, related, value):
        """The numeric id of a server, server group or environment type given by name or id."""
        path, kind = RELATED[related]
        if is_id(value):
            record_id = int(value)
            key = (path, "#%d" % record_id)
            if key not in self._by_name:
                try:
                    self._by_name[key] = self.get(path, record_id)
                except NotFoundError:
                    raise InputError("%s: no %s with id %d exists." % (option, kind, record_id))
            return record_id
        key = (path, value)
        if key not in self._by_name:
            record = pick_by_name(self.search(path, name=value), value, kind=kind)
            if record is None:
                candidates = [r.get("name") for r in self.search(path)]
                raise unknown_name_error(option, kind, value, candidates)
            self._by_name[key] = record
        return int(self._by_name[key]["id"])

    def known(self, related, record_id):
        """{id, name} of a record this task already resolved, or None."""
        path = RELATED[related][0]
        for (cached_path, _key), record in self._by_name.items():
            if cached_path == path and int(record["id"]) == record_id:
                return {"id": record_id, "name": record.get("name")}
        return None

    # Writes ----------------------------------------------------------------------------
    def create_environment(self, fields):
        """POST a new environment; returns (record, outcome).

        outcome is "created" (the POST's answer), "taken" (the name was taken meanwhile by another
        run; the record is that one) or "unconfirmed" (the POST's answer was lost and the record
        was found by name). The caller converges the last two. A POST is never re-sent.
        """
        try:
            return self.client.post("environments", json_body={"environment": fields}).json, "created"
        except ValidationError as exc:
            if not any("has already been taken" in m for m in exc.server_messages):
                raise
            existing = self.find_environment(fields["name"])
            if existing is None:
                raise
            return existing, "taken"
        except TransportError as exc:
            existing = self.find_environment(fields["name"])
            if existing is None:
                raise TransportError(
                    "%s; no environment named '%s' exists afterwards. The POST was not repeated "
                    "(it is not safe to send twice); the server may still create it, so run the "
                    "task again to converge." % (exc.message, fields["name"]))
            return existing, "unconfirmed"

    def update_environment(self, env_id, fields):
        return self.client.put("environments/%s" % env_id, json_body={"environment": fields}).json

    def deactivate_environment(self, env_id):
        self.client.delete("environments/%s" % env_id)
