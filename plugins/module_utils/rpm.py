# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""BMC Release Process Management REST v1: authentication, searches and environment writes.

Quirks handled here (see docs/api-reference.md, "BMC Release Process Management"):
* the API token travels as the `token` query parameter (the client's redactor masks it);
* a search with no match answers 404 with a one-space body: that is an empty list, not an error;
  any other 404 (no body, a page) is not RPM answering and fails, so a wrong api_url or a proxy
  never reads as "no such environment" (which would lead to a create);
* every answer is checked against the documented shape (a list of records with numeric ids, or one
  record) before anything is decided from it;
* searches return active records only unless asked; DELETE only deactivates;
* a search's answer is checked against its filters (name pattern, active flag) before it is used:
  a server or proxy that drops the query string must not turn `name: production` into every
  environment;
* names are unique: a create that loses a race to another run gets 422 "has already been taken",
  and a create whose answer was lost may still have happened; both are settled by reading again,
  never by sending the POST a second time.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.envops.environments.plugins.module_utils.errors import (
    InputError,
    NotFoundError,
    TransportError,
    UnexpectedResponseError,
    ValidationError,
)
from ansible_collections.envops.environments.plugins.module_utils.rest_client import client_from_options
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
    client = client_from_options(
        "rpm", params, params["api_url"].rstrip("/") + "/v1", redactor,
        params={"token": params["token"]},
        # RPM answers a token it does not know with 403 "Invalid API Key" (401 is not used).
        auth_hints={403: "check token / RPM_TOKEN (RPM refuses a token it does not know with 403)"},
    )
    return RpmApi(client)


# RPM's own 404 (an empty search or a missing record): a body of a single space (docs/api-reference.md).
RPM_BLANK_404 = "RPM's documented 404 (a body of one space)"
# What identifies an RPM record in every answer: a numeric id and a name.
RECORD = {"keys": ("id", "name"), "int_keys": ("id",)}


def name_matches(pattern, name):
    """Whether RPM's name filter `pattern` selects `name`: the whole name, without case, `%` any
    run of characters, surrounding blanks not significant (RPM trims names)."""
    if name is None:
        return False
    regex = ".*".join(re.escape(part) for part in str(pattern).strip().split("%"))
    return re.match("^%s$" % regex, str(name).strip(), re.IGNORECASE | re.DOTALL) is not None


def is_rpm_blank_404(response):
    """Whether a 404 is RPM's own: a body of blanks only, not empty and not an HTML page.

    A proxy, a load balancer or a web server at a wrong api_url answers 404 with no body or with
    a page; only RPM answers with the documented single space.
    """
    text = response.text or ""
    content_type = ((response.headers or {}).get("Content-Type") or "").lower()
    return bool(text) and not text.strip() and "html" not in content_type


class RpmApi:
    product = "rpm"

    def __init__(self, client):
        self.client = client
        self._by_name = {}

    def _read(self, path, params=None):
        """GET `path`. A 404 comes back only when it is RPM's own (an empty search, a missing
        record); any other 404 is not RPM answering and fails."""
        response = self.client.get(path, params=params, empty_statuses=(404,))
        if response.status != 404 or is_rpm_blank_404(response):
            return response
        raise UnexpectedResponseError(
            "%s %s answered HTTP 404 with %s, not %s: this is not how RPM says \"no records\", so "
            "api_url / RPM_API_URL may not be the RPM base URL (it usually ends with /brpm) or a proxy "
            "answered instead. Nothing was written."
            % (response.method, response.url, response.body_summary(), RPM_BLANK_404),
            {"status": 404, "method": response.method, "url": response.url, "expected": RPM_BLANK_404})

    # Searches --------------------------------------------------------------------------
    def search(self, path, name=None, include_inactive=False):
        """Records of a collection matching a name filter; [] for RPM's own empty-search 404."""
        params = {}
        if name is not None:
            params["filters[name]"] = name
        if include_inactive:
            # Both flags together give active and inactive records.
            params["filters[active]"] = "true"
            params["filters[inactive]"] = "true"
        response = self._read(path, params)
        if response.status == 404:
            return []
        records = response.records("%s records" % path, **RECORD)
        # The filters decide only as far as the answer proves them (see the module docstring).
        return [r for r in records if (name is None or name_matches(name, r.get("name")))
                and (include_inactive or r.get("active") is not False)]

    def find_environment(self, name):
        # RPM trims environment names itself (docs/api-reference.md), so its exact name filter finds every
        # record the shared comparison could pick.
        records = self.search("environments", name=name, include_inactive=True)
        return pick_by_name(records, name, "name", "environment", advice="rename all but one in RPM first")

    def get(self, path, record_id):
        """One record by id; NotFoundError only for RPM's own 404."""
        response = self._read("%s/%s" % (path, record_id))
        if response.status == 404:
            raise NotFoundError("GET %s: no record with id %s." % (response.url, record_id),
                                method="GET", url=response.url, status=404)
        return response.record("%s record" % path, **RECORD)

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
            # `%` is RPM's wildcard: the name anywhere in a record's name, so one stored with
            # surrounding blanks is found too (the whole-name filter would miss it); the shared
            # picker then compares.
            record = pick_by_name(self.search(path, name="%" + value + "%"), value, option, kind)
            if record is None:
                raise unknown_name_error(option, kind, value, [r.get("name") for r in self.search(path)])
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
            response = self.client.post("environments", json_body={"environment": fields})
            return response.record("environment", **RECORD), "created"
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
        response = self.client.put("environments/%s" % env_id, json_body={"environment": fields})
        return response.record("environment", **RECORD)

    def deactivate_environment(self, env_id):
        self.client.delete("environments/%s" % env_id)
