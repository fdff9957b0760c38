# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""BMC Release Process Management REST v1: authentication, searches, environment and server writes.

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
  never by sending the POST a second time;
* server writes (POST servers, PUT and DELETE servers/{id}) follow the general REST rules and the
  environments page, which no RPM document shows for servers (a guess): they go through
  `guessed()`, so a server without them (404/405) is a MissingEndpointError naming the request, and
  their answers must show what was sent.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.envops.environments.plugins.module_utils.compare import make_diff
from ansible_collections.envops.environments.plugins.module_utils.errors import (
    InputError,
    MissingEndpointError,
    NotFoundError,
    TransportError,
    UnexpectedResponseError,
    ValidationError,
)
from ansible_collections.envops.environments.plugins.module_utils.fleet import NOT_PLANNED, write_verified
from ansible_collections.envops.environments.plugins.module_utils.rest_client import client_from_options
from ansible_collections.envops.environments.plugins.module_utils.resolve import (
    is_id,
    pick_by_name,
    renamed,
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


# Requests that rest on a "(guess)" (docs/api-reference.md), as they are named in messages and docs.
GUESS_SERVER_CREATE = 'POST /v1/servers with {"server": {...}}'
GUESS_SERVER_UPDATE = 'PUT /v1/servers/{id} with {"server": {...}}'
GUESS_SERVER_DEACTIVATE = "DELETE /v1/servers/{id}"
# The server fields rpm_server writes (the body's keys are a guess, by analogy with environments).
SERVER_FIELDS = ("name", "dns", "ip_address", "os_platform", "active")


def server_field_differs(key, wanted, have):
    """Whether a server field must change: names as the picker compares them (surrounding blanks aside,
    a case difference renames); an empty text and no value are the same."""
    if key == "name":
        return renamed(wanted, have)
    if isinstance(wanted, str) or isinstance(have, str):
        return (wanted or None) != (have or None)
    return wanted != have


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

    def guessed(self, guess, method, path, **kwargs):
        """A request that rests on a "(guess)" (docs/api-reference.md); 404 or 405 becomes MissingEndpointError."""
        return MissingEndpointError.guarded("RPM", guess, lambda: self.client.request(method, path, **kwargs))

    def find_server(self, name):
        """The server `name` picks among active and inactive servers, or None.

        Searched with the `%` wildcard around the name, as resolve_id() searches, so that rpm_server
        manages the very server rpm_environment's look-up finds.
        """
        records = self.search("servers", name="%" + name + "%", include_inactive=True)
        return pick_by_name(records, name, "name", "server", advice="rename all but one in RPM first")

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

    def select(self, path, record_id=None, name=None, active=None):
        """What an *_info module reads: the record with `record_id` ([] when there is none), or the
        records `name` matches (every record without it); active and inactive ones unless `active`
        picks one kind (RPM returns active records only unless asked)."""
        if record_id is not None:
            try:
                records = [self.get(path, record_id)]
            except NotFoundError:
                return []
        else:
            records = self.search(path, name=name, include_inactive=active is not True)
        if active is not None:
            records = [r for r in records if bool(r.get("active")) == active]
        return records

    # Name resolution -------------------------------------------------------------------
    def resolve_id(self, option, related, value):
        """The numeric id of a server, server group or environment type given by name or id."""
        record_id = self.find_id(option, related, value)
        if record_id is None:
            path, kind = RELATED[related]
            raise unknown_name_error(option, kind, value, [r.get("name") for r in self.search(path)])
        return record_id

    def find_id(self, option, related, value):
        """resolve_id(), but None for a name that no active record has (an unknown id still fails)."""
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
                return None
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
    def _create(self, kind, path, fields, find, guess=None):
        """POST a new record {kind: fields}; returns (record, outcome).

        outcome is "created" (the POST's answer), "taken" (the name was taken meanwhile by another
        run; the record is that one) or "unconfirmed" (the POST's answer was lost and the record
        was found by name with `find`). The caller converges the last two. A POST is never re-sent.
        guess: the POST rests on a guess (see guessed()).
        """
        try:
            if guess:
                response = self.guessed(guess, "POST", path, json_body={kind: fields})
            else:
                response = self.client.post(path, json_body={kind: fields})
            return response.record(kind, **RECORD), "created"
        except ValidationError as exc:
            if not any("has already been taken" in m for m in exc.server_messages):
                raise
            existing = find(fields["name"])
            if existing is None:
                raise
            return existing, "taken"
        except TransportError as exc:
            existing = find(fields["name"])
            if existing is None:
                raise TransportError(
                    "%s; no %s named '%s' exists afterwards. The POST was not repeated "
                    "(it is not safe to send twice); the server may still create it, so run the "
                    "task again to converge." % (exc.message, kind, fields["name"]))
            return existing, "unconfirmed"

    def create_environment(self, fields):
        """POST a new environment; (record, outcome) as _create() gives them."""
        return self._create("environment", "environments", fields, self.find_environment)

    def update_environment(self, env_id, fields):
        response = self.client.put("environments/%s" % env_id, json_body={"environment": fields})
        return response.record("environment", **RECORD)

    def deactivate_environment(self, env_id):
        self.client.delete("environments/%s" % env_id)

    def create_server(self, fields):
        """POST a new server (a guess); (record, outcome) as _create() gives them. A created record
        must show the fields sent."""
        record, outcome = self._create("server", "servers", fields, self.find_server, GUESS_SERVER_CREATE)
        if outcome == "created":
            check_written(GUESS_SERVER_CREATE, fields, record)
        return record, outcome

    def update_server(self, server_id, fields):
        """PUT the changed fields of a server (a guess); the answer must show them."""
        response = self.guessed(GUESS_SERVER_UPDATE, "PUT", "servers/%s" % server_id, json_body={"server": fields})
        return check_written(GUESS_SERVER_UPDATE, fields, response.record("server", **RECORD))

    def deactivate_server(self, server_id):
        """DELETE a server, which deactivates it (a guess; deactivated_server() vets the record read back)."""
        self.guessed(GUESS_SERVER_DEACTIVATE, "DELETE", "servers/%s" % server_id)


# What rpm_environment and rpm_server share --------------------------------------------------

def deactivate(module, api, path, label, current, view, send, check=None):
    """state=absent of an RPM record, which RPM never deletes: (changed, record, diff).

    A missing or inactive record is unchanged; otherwise send(id) deactivates it unless in check mode,
    and it is read back from `path` until it is inactive (another writer may have reactivated it
    meanwhile, see fleet.write_verified). check(record), when given, vets each record read back first.
    """
    if current is None or not current.get("active"):
        return False, current, make_diff(view(current), view(current))
    after = dict(current, active=False)
    if not module.check_mode:
        record_id = current["id"]

        def read():
            record = api.get(path, record_id)
            return check(record) if check else record
        after = write_verified(api, label, current, lambda record: True if record.get("active") else None,
                               lambda _record, _plan: send(record_id), read)[1]
    return True, after, make_diff(view(current), view(after))


def write_verified_record(api, path, label, current, fields, plan_of, create, update):
    """The write of rpm_environment and rpm_server once their plan `fields` is known: (changed, record).

    create(fields) makes the record when `current` is None; then update(id, plan) writes until the
    record read back from `path` holds what the task asked for, plan_of(record) being None
    (fleet.write_verified).
    """
    created, plan = False, fields
    if current is None:
        # "taken": another run created it meanwhile; "unconfirmed": the POST's answer was lost and the
        # record was found by name. What this task asks of either is verified (and written) below.
        current, outcome = create(fields)
        created, plan = outcome != "taken", NOT_PLANNED
    record_id = current["id"]
    wrote, record = write_verified(api, label, current, plan_of, lambda _record, plan: update(record_id, plan),
                                   lambda: api.get(path, record_id), plan=plan)
    return created or wrote, record


def deactivated_server(record):
    """A server read back after deactivate_server(): inactive, or the guessed DELETE did not work here."""
    return check_written(GUESS_SERVER_DEACTIVATE, {"active": False}, record)


def check_written(guess, fields, record):
    """`record` if it holds every field of `fields`; else UnexpectedResponseError.

    A server that takes a guessed request but not (all) its fields must not pass for converged: the
    task fails naming the fields and the request, and nothing more is sent.
    """
    off = ["%s=%r (the server holds %r)" % (key, value, record.get(key)) for key, value in sorted(fields.items())
           if server_field_differs(key, value, record.get(key))]
    if off:
        raise UnexpectedResponseError(
            "RPM answered %s (server id %s) without taking %s: this RPM server does not take these fields the way "
            "the module sends them (the request rests on a guess, since no RPM document shows it). Nothing more was "
            "sent; set them in RPM instead." % (guess, record.get("id"), ", ".join(off)),
            {"expected": dict(fields), "id": record.get("id")})
    return record
