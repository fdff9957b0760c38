# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one place where secrets are removed from text and data.

Every message, URL, warning and result that leaves a module passes through a Redactor.
It knows the secret values of this task (passwords, tokens obtained at run time, encrypted
property values) and the shapes secrets take in text (``token=`` query values, bearer and basic
authorization headers, password-like JSON keys).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

try:  # ansible-core 2.22 and later: Ansible masks registered secrets wherever it shows them
    from ansible.module_utils import secrets as ansible_secrets
except ImportError:  # before: AnsibleModule masks its no_log_values in its answer (remove_values)
    ansible_secrets = None
register_with_ansible = getattr(ansible_secrets, "register_secrets", None)

MASK = "********"

# Query parameters and JSON keys whose values are secret wherever they appear.
SECRET_KEY_WORDS = (
    "token", "access_token", "refresh_token", "password", "client_secret", "secret",
    "api_key", "apikey", "authorization",
)

_QUERY_SECRET = re.compile(
    r"(?i)([?&;](?:%s)=)[^&#\s'\"]*" % "|".join(re.escape(k) for k in SECRET_KEY_WORDS)
)
_AUTH_HEADER = re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+")
# A key, not the end of a URL path ("/oauth/token: connection failed" names no secret).
_JSON_SECRET = re.compile(
    r"(?i)(?<!/)([\"']?(?:%s)[\"']?\s*[:=]\s*[\"']?)[^\"',}\s&]+"
    % "|".join(re.escape(k) for k in SECRET_KEY_WORDS)
)


class Redactor:
    """Holds the secret values of one task and scrubs them from anything printable."""

    def __init__(self, secrets=None):
        self._secrets = set()
        for value in secrets or ():
            self.add(value)

    def add(self, value):
        """Register a secret; short values (under 4 characters) would mask ordinary text."""
        if value is None:
            return
        text = str(value)
        if len(text) >= 4 and text != MASK:
            self._secrets.add(text)

    @property
    def secrets(self):
        return frozenset(self._secrets)

    def text(self, value):
        if value is None:
            return value
        text = str(value)
        # Longest first, so a secret that contains another is masked whole.
        for secret in sorted(self._secrets, key=len, reverse=True):
            text = text.replace(secret, MASK)
        text = _QUERY_SECRET.sub(lambda m: m.group(1) + MASK, text)
        text = _AUTH_HEADER.sub(lambda m: m.group(1) + " " + MASK, text)
        text = _JSON_SECRET.sub(lambda m: m.group(1) + MASK, text)
        return text

    def data(self, value):
        """Redact a JSON-like structure: secret keys are masked, strings are scrubbed."""
        if isinstance(value, dict):
            result = {}
            for key, item in value.items():
                if isinstance(key, str) and key.lower() in SECRET_KEY_WORDS and item not in (None, ""):
                    result[key] = MASK
                else:
                    result[key] = self.data(item)
            return result
        if isinstance(value, (list, tuple)):
            return [self.data(item) for item in value]
        if isinstance(value, str):
            return self.text(value)
        return value

    def url(self, url):
        return self.text(url)
