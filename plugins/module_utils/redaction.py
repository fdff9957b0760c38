# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one place where secrets are removed from text and data.

Every message, URL, warning and result that leaves a module passes through a Redactor. It masks
the values known to be secret in this task, and nothing else: the task's credentials, tokens issued
to it, encrypted property values it sent or learned. A word pattern would also mask ordinary server
data (a group "Basic Users", an environment "Bearer Bonds QA", a description "password: rotated by
the vault team"), and the export would then write the masked text back as the record's value.

A secret is masked in every form in which the client itself puts it into text: as given, URL-encoded
(the RPM token in a query string), JSON-escaped (a body), and, for HTTP Basic, as the base64 of
`user:password` an Authorization header carries.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import json

from urllib.parse import quote, quote_plus

try:  # ansible-core 2.22 and later: Ansible masks registered secrets wherever it shows them
    from ansible.module_utils import secrets as ansible_secrets
except ImportError:  # before: AnsibleModule masks its no_log_values in its answer (remove_values)
    ansible_secrets = None
register_with_ansible = getattr(ansible_secrets, "register_secrets", None)

MASK = "********"
# Shorter values would mask ordinary text (a password "abc" would mask every "abc").
SHORTEST_SECRET = 4


def forms(text):
    """The forms in which the client may write a secret into a URL, a body or a message."""
    return set([text, quote_plus(text, safe=""), quote(text, safe=""), json.dumps(text)[1:-1]])


class Redactor:
    """Holds the secret values of one task and masks them in anything printable."""

    def __init__(self, secrets=None):
        self._secrets = set()
        for value in secrets or ():
            self.add(value)

    def add(self, value):
        """Register a secret; values under SHORTEST_SECRET characters are not (see there)."""
        if value is None:
            return
        text = str(value)
        if len(text) < SHORTEST_SECRET or text == MASK:
            return
        self._secrets.update(form for form in forms(text) if len(form) >= SHORTEST_SECRET)

    def add_basic_credentials(self, username, password):
        """Register what an HTTP Basic Authorization header of these credentials carries."""
        if password in (None, ""):
            return
        pair = "%s:%s" % ("" if username is None else username, password)
        self.add(base64.b64encode(pair.encode("utf-8")).decode("ascii"))

    @property
    def secrets(self):
        """Every form of every secret (for Ansible's own no_log masking too)."""
        return frozenset(self._secrets)

    def text(self, value):
        if value is None:
            return value
        text = str(value)
        # Longest first, so a secret that contains another is masked whole.
        for secret in sorted(self._secrets, key=len, reverse=True):
            if secret in text:
                text = text.replace(secret, MASK)
        return text

    def data(self, value):
        """A JSON-like structure with every known secret masked in its strings (keys included)."""
        if isinstance(value, dict):
            return dict((self.data(key) if isinstance(key, str) else key, self.data(item))
                        for key, item in value.items())
        if isinstance(value, (list, tuple)):
            return [self.data(item) for item in value]
        if isinstance(value, str):
            return self.text(value)
        return value

    def url(self, url):
        return self.text(url)
