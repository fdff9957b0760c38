# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Connection options of each product, defined once.

The same dictionaries build the argument spec (with environment fallbacks and no_log) and the
doc fragments in plugins/doc_fragments/ (written by tools/gen_doc_fragments.py; a unit test fails
when a fragment drifts from what this file generates).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import textwrap

from ansible.module_utils.basic import env_fallback


def _tls_options(prefix, product):
    return {
        "validate_certs": {
            "type": "bool", "default": True, "env": prefix + "_VALIDATE_CERTS",
            "description": "Whether to verify the TLS certificate of the %s server." % product,
        },
        "ca_path": {
            "type": "path", "env": prefix + "_CA_PATH",
            "description": "A PEM file of CA certificates used to verify the %s server "
                           "(for a private or self-signed CA)." % product,
        },
        "timeout": {
            "type": "int", "default": 30, "env": prefix + "_TIMEOUT",
            "description": "Seconds to wait for each HTTP request to %s before failing "
                           "(idempotent requests are retried with backoff)." % product,
        },
    }


PLUTORA = {
    "api_url": {
        "type": "str", "required": True, "env": "PLUTORA_API_URL",
        "description": "Base URL of the Plutora REST API, for example C(https://usapi.plutora.com).",
    },
    "auth_url": {
        "type": "str", "env": "PLUTORA_AUTH_URL",
        "description": "URL of the OAuth token endpoint, for example C(https://usoauth.plutora.com/oauth/token). "
                       "Defaults to I(api_url) followed by C(/oauth/token).",
    },
    "client_id": {
        "type": "str", "env": "PLUTORA_CLIENT_ID",
        "description": "OAuth client id of the Plutora API key.",
    },
    "client_secret": {
        "type": "str", "no_log": True, "env": "PLUTORA_CLIENT_SECRET",
        "description": "OAuth client secret of the Plutora API key.",
    },
    "username": {
        "type": "str", "env": "PLUTORA_USERNAME",
        "description": "Plutora user with API access.",
    },
    "password": {
        "type": "str", "no_log": True, "env": "PLUTORA_PASSWORD",
        "description": "Password of I(username).",
    },
    "access_token": {
        "type": "str", "no_log": True, "env": "PLUTORA_ACCESS_TOKEN",
        "description": "A bearer token obtained beforehand (for example by M(envops.environments.plutora_token)), "
                       "used instead of fetching one. When the four credentials are also given, an expired "
                       "token is replaced by a new one; otherwise an expired token fails the task.",
    },
}
PLUTORA.update(_tls_options("PLUTORA", "Plutora"))

FLEXDEPLOY = {
    "api_url": {
        "type": "str", "required": True, "env": "FLEXDEPLOY_API_URL",
        "description": "Base URL of FlexDeploy, for example C(http://host:8000/flexdeploy). "
                       "The module adds C(/rest/v1).",
    },
    "username": {
        "type": "str", "required": True, "env": "FLEXDEPLOY_USERNAME",
        "description": "FlexDeploy user for HTTP Basic authentication.",
    },
    "password": {
        "type": "str", "required": True, "no_log": True, "env": "FLEXDEPLOY_PASSWORD",
        "description": "Password of I(username), or a FlexDeploy API token.",
    },
}
FLEXDEPLOY.update(_tls_options("FLEXDEPLOY", "FlexDeploy"))

RPM = {
    "api_url": {
        "type": "str", "required": True, "env": "RPM_API_URL",
        "description": "Base URL of BMC Release Process Management, for example C(https://host:8443/brpm). "
                       "The module adds C(/v1).",
    },
    "token": {
        "type": "str", "required": True, "no_log": True, "env": "RPM_TOKEN",
        "description": "RPM API token. It travels in the query string, so it is masked in every URL the "
                       "module reports.",
    },
}
RPM.update(_tls_options("RPM", "RPM"))

PRODUCTS = {"plutora": PLUTORA, "flexdeploy": FLEXDEPLOY, "rpm": RPM}

_SPEC_KEYS = ("type", "default", "no_log", "choices", "aliases", "elements")


def connection_argument_spec(product):
    """Argument spec of a product's connection options.

    `required` is enforced after fallbacks by runner.py, so an option set only through its
    environment variable is accepted; the argument spec itself marks nothing required.
    """
    spec = {}
    for name, option in PRODUCTS[product].items():
        entry = dict((k, option[k]) for k in _SPEC_KEYS if k in option)
        if "no_log" not in entry:
            entry["no_log"] = False
        if option.get("env"):
            entry["fallback"] = (env_fallback, [option["env"]])
        spec[name] = entry
    return spec


def required_connection_options(product):
    return [(name, option.get("env")) for name, option in PRODUCTS[product].items() if option.get("required")]


def secret_option_names(product):
    return [name for name, option in PRODUCTS[product].items() if option.get("no_log")]


def doc_fragment_yaml(product):
    """The DOCUMENTATION text of a product's connection doc fragment."""
    lines = ["options:"]
    for name, option in PRODUCTS[product].items():
        description = [option["description"]]
        if option.get("env"):
            description.append("If not set, the value of the C(%s) environment variable is used." % option["env"])
        if option.get("required"):
            description.append("Required, either as this option or through its environment variable.")
        lines.append("  %s:" % name)
        lines.append("    description:")
        for sentence in description:
            wrapped = textwrap.wrap(sentence, 100)
            lines.append("      - >-")
            lines.extend("        %s" % part for part in wrapped)
        lines.append("    type: %s" % option["type"])
        if "default" in option:
            default = option["default"]
            lines.append("    default: %s" % (str(default).lower() if isinstance(default, bool) else default))
    return "\n".join(lines) + "\n"
