# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plutora REST API: authentication, searches by name, look-ups and writes.

Quirks handled here (see docs/api-reference.md, "Plutora"):
* tokens come from the OAuth password grant at `auth_url` (by default `<api_url>/oauth/token`);
  a given `access_token` is used as it is, and a 401 fetches a new token once when the four
  credentials are at hand;
* objects are referenced by GUID; users give names, resolved here through filtered list calls
  and `lookupfields/{type}` (fetched once per type per task). Names are searched with
  `` `name` Contains `X` ``, not Equals: Equals compares whole names, so a record stored as "X "
  would be missed (and created again); the shared picker (resolve.pick_by_name) then takes the
  record whose name is X once surrounding blanks are stripped, exact before case-insensitive;
* list calls are paged through the `resultSet` envelope; records come back with keys in any case;
* PUT and some POST calls answer with no body, so callers read the record back when they need it;
* every answer is checked against the documented shape (a list, or the `resultSet` envelope, of
  objects with id and name, or one such object) before anything is decided from it;
* a rejected login is one token request: the token endpoint's own 401 is never retried, and the
  rest of the task (the other items of a loop, which share the API object) gets the same error
  without asking again;
* requests no document shows (marked "(guess)" in docs/api-reference.md) go through `guessed()`: a server
  that answers them with 404 or 405 gets a MissingEndpointError naming the endpoint.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.envops.environments.plugins.module_utils.compare import ci_get, make_diff
from ansible_collections.envops.environments.plugins.module_utils.errors import (
    AuthenticationError,
    ConcurrentWriteError,
    ConflictError,
    InputError,
    MissingEndpointError,
    NotFoundError,
    ValidationError,
)
from ansible_collections.envops.environments.plugins.module_utils.fleet import (
    ROUNDS,
    pause,
    race_twins,
    twin_names,
    without_twins,
)
from ansible_collections.envops.environments.plugins.module_utils.rest_client import UrlSetting, client_from_options
from ansible_collections.envops.environments.plugins.module_utils.resolve import (
    matches,
    pick_by_name,
    unknown_name_error,
)

PLUTORA_INFO = "script.name=envops.environments"
PAGE_SIZE = 100
CREDENTIAL_OPTIONS = ("client_id", "client_secret", "username", "password")
GUID = re.compile(r"^\s*[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\s*$")


# Identifying keys of list records and single records, per list call (matched without case).
NAMED = ("id", "name")
LOOKUP_VALUE = ("id", "value")
# Requests that rest on a "(guess)" of docs/api-reference.md, as they are named in messages and docs.
GUESS_CONNECTIVITIES_LIST = "GET connectivities (filtered by environmentGroupId)"
GUESS_GROUP_PUT = "PUT environmentgroups/{id}"
GUESS_CONNECTIVITY_DELETE = "DELETE connectivities/{id}"


# The colours of environments and groups: what the modules accept and what module_args can give.
COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


def is_color(value):
    return COLOR.match(str(value)) is not None


def check_color(params):
    """InputError when the `color` option is given and is not of the form #rrggbb."""
    if params["color"] is not None and not is_color(params["color"]):
        raise InputError("color: '%s' is not a colour; use the form #rrggbb, for example #ffffff." % params["color"])


def is_guid(value):
    """True when the user gave a Plutora GUID rather than a name."""
    return isinstance(value, str) and GUID.match(value) is not None


def same_guid(left, right):
    return bool(left) and bool(right) and str(left).strip().lower() == str(right).strip().lower()


def end_id(record, key):
    """A connectivity's group/source/target/type GUID: `...Id` in later documents, the bare name in the primer."""
    value = ci_get(record, key + "Id")
    if value is None and is_guid(ci_get(record, key)):
        value = ci_get(record, key)
    return value


def filterable(value):
    """Whether a value can be written in Plutora's filter syntax, which has no escape for a backtick."""
    return "`" not in str(value)


def equals_filter(field, values):
    """The documented filter syntax for "field is one of values", or None if a value cannot be written."""
    values = list(values)
    if not values or not all(filterable(v) for v in values):
        return None
    return " or ".join("`%s` Equals `%s`" % (field, v) for v in values)


def filter_text(params, filters):
    """The filter of an *_info module's options (all must hold), or None when none is given.

    filters: (option, record field, operator) per filtering option; a value with a backtick is an
    InputError naming the option.
    """
    terms = []
    for option, field, operator in filters:
        value = params.get(option)
        if value is None:
            continue
        if not filterable(value):
            raise InputError("%s: Plutora's filter cannot hold a backtick (`): %s" % (option, value))
        terms.append("`%s` %s `%s`" % (field, operator, value))
    return " and ".join(terms) or None


def names_filter(values, field="name"):
    """The filter that finds every record one of these names may pick: Contains, since Equals
    misses a name stored with surrounding blanks (the picker then compares). None if a value
    cannot be written."""
    values = list(values)
    if not values or not all(filterable(v) for v in values):
        return None
    return " or ".join("`%s` Contains `%s`" % (field, str(v).strip()) for v in values)


def build_api(params, redactor):
    api_url = params["api_url"].rstrip("/")
    client = client_from_options("plutora", params, api_url, redactor, headers={"Plutora-Info": PLUTORA_INFO})
    if params.get("auth_url"):
        auth_url, setting = params["auth_url"], UrlSetting("auth_url", "PLUTORA_AUTH_URL", params["auth_url"])
    else:
        auth_url, setting = api_url + "/oauth/token", client.setting
    auth = TokenSource(client, redactor, auth_url, dict((name, params.get(name)) for name in CREDENTIAL_OPTIONS),
                       params.get("access_token"), setting)
    return PlutoraApi(client, auth)


def refused_again(exc, message=None):
    """A new AuthenticationError with the message (or `message`) and details of `exc`."""
    return AuthenticationError(exc.message if message is None else message, method=exc.method, url=exc.url,
                               status=exc.status, server_messages=exc.server_messages)


class TokenSource:
    """The bearer token of this task: given, or fetched with the password grant."""

    def __init__(self, client, redactor, auth_url, credentials, access_token=None, setting=None):
        self.client = client
        self.redactor = redactor
        self.auth_url = auth_url
        # Where auth_url came from (auth_url, or api_url when it is derived), for messages.
        self.setting = setting
        self.credentials = credentials
        self.token = access_token or None
        self.token_info = {}
        # The error of a login the token endpoint refused. The items of a loop share this object
        # (plugins/plugin_utils/task_connections.py); they get that error again without a request,
        # since lockout policies count failed logins.
        self.refusal = None

    @property
    def can_fetch(self):
        return all(self.credentials.get(name) for name in CREDENTIAL_OPTIONS)

    def missing_credentials(self):
        return [name for name in CREDENTIAL_OPTIONS if not self.credentials.get(name)]

    def fetch(self, hide=True):
        """Ask the OAuth endpoint for a new token; the token is a secret from the moment it exists.

        hide=False only for plutora_token, whose result is the token (its task runs with no_log).
        """
        if not self.can_fetch:
            raise InputError("Plutora needs either access_token or all of client_id, client_secret, username "
                             "and password (or their PLUTORA_* environment variables); missing: %s."
                             % ", ".join(self.missing_credentials()))
        if self.refusal is not None:
            raise refused_again(self.refusal)
        form = dict(self.credentials, grant_type="password")
        try:
            # A login changes nothing on the server: it is retried like a read (502, 503, a dropped
            # connection), while a refusal (401, 400) is one request and never repeated.
            response = self.client.post(self.auth_url, data=form, headers={"Authorization": None}, idempotent=True,
                                        setting=self.setting)
        except AuthenticationError as exc:
            self.refusal = refused_again(exc, "Plutora refused the API key (client_id/client_secret) at %s: %s"
                                         % (exc.url, "; ".join(exc.server_messages) or "HTTP %s" % exc.status))
            raise self.refusal
        except ValidationError as exc:
            # OAuth answers a wrong user or password with 400 invalid_grant.
            self.refusal = refused_again(exc, "Plutora refused the user credentials (username/password) at %s: %s"
                                         % (exc.url, "; ".join(exc.server_messages)))
            raise self.refusal
        body = response.json if isinstance(response.json, dict) else {}
        token = body.get("access_token")
        if not token:
            raise AuthenticationError("The token endpoint %s answered without an access_token." % response.url,
                                      method="POST", url=response.url, status=response.status)
        if hide:
            self.redactor.add(token)
        self.token = token
        self.token_info = {"token_type": body.get("token_type"), "expires_in": body.get("expires_in")}
        return token

    def header(self):
        if not self.token:
            self.fetch()
        return {"Authorization": "bearer %s" % self.token}


class PlutoraApi:
    product = "plutora"

    def __init__(self, client, auth):
        self.client = client
        self.auth = auth
        self._lookups = {}
        self._organizations = None

    # Requests ----------------------------------------------------------------------------
    def call(self, method, path, **kwargs):
        """One API call with the bearer token; after a 401, one retry with a fresh token.

        The token is fetched before the call's own try: a login the token endpoint refuses (401 or
        400) is one request and fails at once, never the 401 that triggers a renewal (lockout
        policies count failed logins).
        """
        headers = self.auth.header()
        try:
            return self.client.request(method, path, headers=headers, **kwargs)
        except AuthenticationError as exc:
            if exc.status != 401:
                raise
            if not self.auth.can_fetch:
                raise AuthenticationError(
                    "Plutora refused the access token (HTTP 401 on %s %s): it has expired or is not valid. "
                    "Give client_id, client_secret, username and password as well (or set PLUTORA_CLIENT_ID, "
                    "PLUTORA_CLIENT_SECRET, PLUTORA_USERNAME and PLUTORA_PASSWORD) so that an expired token is "
                    "replaced, or fetch a new one with envops.environments.plutora_token."
                    % (exc.method, exc.url), method=exc.method, url=exc.url, status=401,
                    server_messages=exc.server_messages)
            self.auth.fetch()
            return self.client.request(method, path, headers=self.auth.header(), **kwargs)

    def guessed(self, guess, method, path, **kwargs):
        """A call that rests on a "(guess)" of docs/api-reference.md; 404 or 405 becomes MissingEndpointError."""
        return MissingEndpointError.guarded("Plutora", guess, lambda: self.call(method, path, **kwargs))

    def list(self, path, filter_text=None, keys=NAMED, what=None, guess=None, fits=None):
        """Every record of a list call, page by page (the server gives at most 100 a page).

        Each page must be a JSON list, or the documented `resultSet` envelope, of objects holding
        `keys`; `fits(record)` may ask more of each record. guess: the request rests on a guess
        (see guessed()).
        """
        what = what or "%s records" % path
        records, page = [], 0
        while True:
            params = {"pageNum": page, "recordsPerPage": PAGE_SIZE}
            if filter_text:
                params["filter"] = filter_text
            if guess:
                response = self.guessed(guess, "GET", path, params=params)
            else:
                response = self.call("GET", path, params=params)
            body = response.json
            envelope = isinstance(body, dict)
            chunk = ci_get(body, "resultSet") if envelope else body
            if envelope and not isinstance(ci_get(body, "totalCount", 0), int):
                raise response.unexpected("the resultSet envelope with a numeric totalCount")
            chunk = response.records(what, keys=keys, any_case=True, body=chunk)
            if fits is not None and not all(fits(record) for record in chunk):
                raise response.unexpected("a JSON list of %s with GUIDs in %s" % (what, ", ".join(
                    k if isinstance(k, str) else "/".join(k) for k in keys)))
            if not envelope:
                return chunk
            records.extend(chunk)
            total = ci_get(body, "totalCount")
            if not chunk or total is None or len(records) >= int(total):
                return records
            page += 1

    def connectivities(self, group_id):
        """The connectivities of one environment group (see connectivities_of)."""
        return self.connectivities_of([group_id])

    def connectivities_of(self, group_ids):
        """The connectivities of these environment groups: one filtered list for one group, one
        full (paged) list for several.

        Rests on a guess: the primer shows only `POST connectivities`. A server without the list
        call raises MissingEndpointError; the answer must name each connectivity's group, source
        and target by GUID, since a connectivity that cannot be recognised would be created again.
        """
        keys = ("id", ("environmentGroupId", "environmentGroup"), ("sourceId", "source"), ("targetId", "target"))

        def fits(record):
            return all(is_guid(end_id(record, end)) for end in ("environmentGroup", "source", "target"))

        group_ids = list(group_ids)
        filter_text = equals_filter("environmentGroupId", group_ids) if len(group_ids) == 1 else None
        records = self.list("connectivities", filter_text, keys=keys,
                            what="connectivity records", guess=GUESS_CONNECTIVITIES_LIST, fits=fits)
        # The filter narrows (or there is none); only these groups' connectivities count.
        return [c for c in records if any(same_guid(end_id(c, "environmentGroup"), g) for g in group_ids)]

    def delete_connectivity(self, group_id, conn_id):
        """Delete one connectivity of a group. Rests on a guess (the primer shows only POST
        connectivities): 405, or a 404 while the group still lists it, is MissingEndpointError; a
        404 for one no longer listed means another writer deleted it already, which was the aim."""
        try:
            self.guessed(GUESS_CONNECTIVITY_DELETE, "DELETE", "connectivities/%s" % conn_id)
        except MissingEndpointError as exc:
            if exc.status != 404 or any(same_guid(ci_get(c, "id"), conn_id) for c in self.connectivities(group_id)):
                raise

    def search(self, path, field, values):
        """Records whose `field` equals one of `values` (one filtered call; unfiltered if impossible)."""
        return self.list(path, equals_filter(field, values))

    def search_names(self, path, names):
        """Records any of `names` may pick (one filtered call; unfiltered if impossible)."""
        return self.list(path, names_filter(names))

    def find(self, path, name, kind, option="name", advice="rename all but one in Plutora first"):
        """The record named `name` in a list call's short form, or None. Twins another writer is
        settling at this moment (see create_unique) get a moment before they are refused."""
        records = without_twins(lambda: self.search_names(path, [name]),
                                lambda found: len(matches(found, name)[0]) > 1)
        return pick_by_name(records, name, option, kind, advice=advice)

    def named(self, path, name):
        """Every record `name` picks equally well (find()'s comparison), however many."""
        return matches(self.search_names(path, [name]), name)[0]

    def get_record(self, path, record_id):
        """One record, checked: an object with id and name."""
        response = self.call("GET", "%s/%s" % (path, record_id))
        return response.record("%s record" % path.rstrip("s"), keys=NAMED, any_case=True)

    def records_by_id(self, path, value):
        """What an *_info module's `id` option selects: [the record with that GUID], or [] when there is none."""
        if not is_guid(value):
            raise InputError("id: '%s' is not a GUID; give a name with the name option instead." % value)
        try:
            return [self.get_record(path, value.strip())]
        except NotFoundError:
            return []

    # Name resolution ---------------------------------------------------------------------
    def resolve(self, option, path, kind, value):
        """{id, name} of a system, environment or group given by name or GUID."""
        if is_guid(value):
            try:
                record = self.get_record(path, value.strip())
            except NotFoundError:
                raise InputError("%s: no %s with id '%s' exists." % (option, kind, value.strip()))
            return {"id": ci_get(record, "id"), "name": ci_get(record, "name")}
        record = self.find(path, value, kind, option, advice="give its GUID instead")
        if record is None:
            raise unknown_name_error(option, kind, value, [ci_get(r, "name") for r in self.list(path)])
        return {"id": ci_get(record, "id"), "name": ci_get(record, "name")}

    def resolve_many(self, option, path, kind, values, also_ids=()):
        """Names or GUIDs to {value: {id, name}}, plus {id: name} of every record read.

        One filtered call covers all the values and `also_ids` (records whose names are wanted too,
        such as the current members of a group).
        """
        values = list(dict.fromkeys(values))
        names = [v for v in values if not is_guid(v)]
        guids = list(dict.fromkeys([v.strip() for v in values if is_guid(v)] + [i for i in also_ids if i]))
        if not names and not guids:
            return {}, {}
        parts = ([names_filter(names)] if names else []) + ([equals_filter("id", guids)] if guids else [])
        records = self.list(path, None if None in parts else " or ".join(parts))
        found = {}
        for value in values:
            if is_guid(value):
                record = next((r for r in records if same_guid(ci_get(r, "id"), value)), None)
                if record is None:
                    raise InputError("%s: no %s with id '%s' exists." % (option, kind, value.strip()))
            else:
                record = pick_by_name(records, value, option, kind, advice="give its GUID instead")
                if record is None:
                    raise unknown_name_error(option, kind, value, [ci_get(r, "name") for r in self.list(path)])
            found[value] = {"id": ci_get(record, "id"), "name": ci_get(record, "name")}
        by_id = dict((str(ci_get(r, "id")).lower(), ci_get(r, "name")) for r in records)
        return found, by_id

    def organizations(self):
        """Every organization (a short look-up list), read once per task."""
        if self._organizations is None:
            self._organizations = self.list("organizations")
        return self._organizations

    def organization(self, option, value):
        """{id, name} of an organization by name or GUID."""
        records = self.organizations()
        if is_guid(value):
            record = next((r for r in records if same_guid(ci_get(r, "id"), value)), None)
            if record is None:
                raise InputError("%s: no organization with id '%s' exists." % (option, value.strip()))
        else:
            record = pick_by_name(records, value, option, "organization", advice="give its GUID instead")
            if record is None:
                raise unknown_name_error(option, "organization", value, [ci_get(r, "name") for r in records])
        return {"id": ci_get(record, "id"), "name": ci_get(record, "name")}

    def lookup_values(self, lookup_type):
        """The values of a lookup field type (`lookupfields/{type}`), fetched once per task."""
        if lookup_type not in self._lookups:
            self._lookups[lookup_type] = self.list("lookupfields/%s" % lookup_type, keys=LOOKUP_VALUE,
                                                   what="%s values" % lookup_type)
        return self._lookups[lookup_type]

    def lookup(self, option, lookup_type, value):
        """{id, value} of a lookup value given by its text or GUID; unknown values list the valid ones."""
        values = self.lookup_values(lookup_type)
        if is_guid(value):
            record = next((v for v in values if same_guid(ci_get(v, "id"), value)), None)
        else:
            record = pick_by_name(values, value, option, "%s value" % lookup_type, name_key="value",
                                  advice="give its GUID instead")
        if record is None:
            valid = ", ".join(str(ci_get(v, "value")) for v in values)
            raise InputError("%s: '%s' is not a %s value; valid values: %s." % (option, value, lookup_type, valid))
        return {"id": ci_get(record, "id"), "value": ci_get(record, "value")}

    # Writes ------------------------------------------------------------------------------
    def create(self, path, body, answer=("id",)):
        """POST a new record; its answer is checked to be the created object with `answer` keys.

        answer=None for calls documented to answer with no body (`POST connectivities`).
        """
        response = self.call("POST", path, json_body=body)
        if answer is None:
            return None
        return response.record("created %s record" % path.rstrip("s"), keys=answer, any_case=True)

    def create_unique(self, path, body, name, kind, wait=None):
        """POST a record whose name is its identity; (full record, created).

        created is False when the name was taken meanwhile by another writer: the server refused
        the POST, or a twin of the same name appeared beside this task's own. Plutora's GUIDs tell
        nothing of age, so this task's own twin yields (is deleted) and the survivor is the record
        to converge on; when every twin yielded at once, the create is made again after a random
        pause (at most fleet.ROUNDS times). A record another writer made is never deleted.
        """
        wait = wait or pause
        for attempt in range(ROUNDS):
            if attempt:
                wait(attempt)
            try:
                own = ci_get(self.create(path, body), "id")
            except (ValidationError, ConflictError):
                found = self.find(path, name, kind)
                if found is None:
                    raise
                return self.get_record(path, ci_get(found, "id")), False
            records = self.named(path, name)
            if not race_twins(records, own, (), lambda r: True, lambda r: ci_get(r, "id")):
                return self.get_record(path, own), True
            self.delete(path, own, gone_ok=True)
            others = self._settled(path, name, own, wait)
            if len(others) == 1:
                return self.get_record(path, ci_get(others[0], "id")), False
            if others:
                names = twin_names(others, lambda r: ci_get(r, "id"), lambda r: ci_get(r, "name"))
                raise ConcurrentWriteError(
                    "%s '%s': several writers created it at once and %d of them remain (%s); this task deleted its "
                    "own. Delete all but one in Plutora." % (kind, name, len(others), names))
        raise ConcurrentWriteError("%s '%s': created %d times, each time beside a twin another writer created at "
                                   "the same moment; nothing of this task's remains. Run again." % (kind, name, ROUNDS))

    def _settled(self, path, name, own, wait):
        """The other twins once their writers had the time to yield theirs too."""
        others = []
        for attempt in range(ROUNDS):
            others = [r for r in self.named(path, name) if not same_guid(ci_get(r, "id"), own)]
            if len(others) <= 1:
                return others
            wait(attempt + 1)
        return others

    def update(self, path, record_id, body, guess=None):
        """PUT the whole object; Plutora answers with no body. guess: the PUT rests on a guess."""
        if guess:
            self.guessed(guess, "PUT", "%s/%s" % (path, record_id), json_body=body)
        else:
            self.call("PUT", "%s/%s" % (path, record_id), json_body=body)

    def delete(self, path, record_id, gone_ok=False):
        """DELETE a record. A DELETE whose answer was lost is sent again; a 404 to that retry means the
        first one was done (or another client deleted it): the record is gone, as asked. gone_ok: any
        404 of Plutora's own is the record already gone, as asked (a twin another writer settled)."""
        try:
            self.call("DELETE", "%s/%s" % (path, record_id))
        except NotFoundError as exc:
            # Plutora's own 404 carries a JSON message; a page from something in between proves nothing.
            if exc.body is None or not (exc.resent or gone_ok):
                raise


def ci_set(record, key, value):
    """Set `key` in a record whose keys may be in any case, keeping the record's spelling."""
    for existing in list(record):
        if existing.lower() == key.lower():
            record[existing] = value
            return
    record[key] = value


def absent(module, api, path, current, shown):
    """state=absent of a record found by name: (changed, {}, diff). shown(record): its view for the diff."""
    if current is None:
        return False, {}, make_diff({}, {})
    before = shown(current)
    if not module.check_mode:
        try:
            api.delete(path, ci_get(current, "id"))
        except NotFoundError:
            # A 404 to a first DELETE proves nothing by itself; a read showing the record gone does
            # (another writer deleted it meanwhile, which is what was asked).
            if api.find(path, ci_get(current, "name"), "record") is not None:
                raise
    return True, {}, make_diff(before, {})


def require_for_create(kind, name, params, options):
    """InputError when options a create needs are missing (checked before any write)."""
    missing = [option for option in options if params.get(option) in (None, "")]
    if missing:
        raise InputError("%s '%s' does not exist; creating it needs %s." % (kind, name, ", ".join(missing)))
