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
from ansible.module_utils.common.validation import check_type_bool, check_type_int


# What every api_url (and Plutora's auth_url) says about where the credentials go.
URL_RULES = ("A redirect is followed only to the same scheme, host and port (a write only for HTTP 307 and 308, "
             "which keep the method); a redirect to another server, C(https) to C(http) included, fails naming "
             "the URL to set here, and nothing is sent there. A user name or password in the URL "
             "(C(user:password@host)) is refused: give the credentials in their own options.")


def _transport_options(prefix, product):
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
            "description": "Seconds one HTTP request to %s may take in all: connecting, sending it and receiving "
                           "the whole answer. An answer still arriving when the time is up fails the task (a slow "
                           "link is not retried). A request the server has not answered at all within it is "
                           "retried (reads, and writes that are safe to repeat), as are answers 429, 502, 503 and "
                           "504; the waits between the attempts of one request, C(Retry-After) included, add up to "
                           "at most 60 seconds, and a C(Retry-After) beyond that fails at once. Each wait is listed "
                           "in the result as C(http_retries) (shown at C(-v))." % product,
        },
        "max_response_mb": {
            "type": "int", "default": 32, "env": prefix + "_MAX_RESPONSE_MB",
            "description": "The largest answer read from %s, in megabytes. An answer announced or found bigger "
                           "fails the task before it is read whole, so memory stays bounded: a module holding an "
                           "answer needs about 9 times its size (the records, their views and the result). The "
                           "default holds about 80,000 RPM environments in one list (a peak near 330 MiB)."
                           % product,
        },
    }


PLUTORA = {
    "api_url": {
        "type": "str", "required": True, "env": "PLUTORA_API_URL",
        "description": "Base URL of the Plutora REST API, for example C(https://usapi.plutora.com). " + URL_RULES,
        "url": True,
    },
    "auth_url": {
        "type": "str", "env": "PLUTORA_AUTH_URL",
        "description": "URL of the OAuth token endpoint, for example C(https://usoauth.plutora.com/oauth/token). "
                       "Defaults to I(api_url) followed by C(/oauth/token). The same rules as for I(api_url) "
                       "hold for redirects and credentials in the URL.",
        "url": True,
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
PLUTORA.update(_transport_options("PLUTORA", "Plutora"))

FLEXDEPLOY = {
    "api_url": {
        "type": "str", "required": True, "env": "FLEXDEPLOY_API_URL",
        "description": "Base URL of FlexDeploy, for example C(http://host:8000/flexdeploy). "
                       "The module adds C(/rest/v1). " + URL_RULES,
        "url": True,
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
FLEXDEPLOY.update(_transport_options("FLEXDEPLOY", "FlexDeploy"))

RPM = {
    "api_url": {
        "type": "str", "required": True, "env": "RPM_API_URL",
        "description": "Base URL of BMC Release Process Management, for example C(https://host:8443/brpm). "
                       "The module adds C(/v1). " + URL_RULES,
        "url": True,
    },
    "token": {
        "type": "str", "required": True, "no_log": True, "env": "RPM_TOKEN",
        "description": "RPM API token. It travels in the query string, so it is masked in every URL the "
                       "module reports.",
    },
}
RPM.update(_transport_options("RPM", "RPM"))

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


# Credentials of which one complete set must be given (after fallbacks), per product: the options
# of the first set are reported when none is complete.
CREDENTIAL_SETS = {
    "plutora": (("client_id", "client_secret", "username", "password"), ("access_token",)),
}


def required_connection_options(product):
    return [(name, option.get("env")) for name, option in PRODUCTS[product].items() if option.get("required")]


def missing_connection_options(product, params):
    """[(name, env)] of the connection options a task lacks after fallbacks, every one at once, and
    the credential set that would do instead ([(name, env)], empty when there is none)."""
    options = PRODUCTS[product]

    def unset(name):
        return params.get(name) in (None, "")

    missing = [(name, env) for name, env in required_connection_options(product) if unset(name)]
    instead = []
    sets = CREDENTIAL_SETS.get(product)
    if sets and not any(not any(unset(name) for name in names) for names in sets):
        missing.extend((name, options[name].get("env")) for name in sets[0] if unset(name))
        instead = [(name, options[name].get("env")) for name in sets[1]]
    return missing, instead


def credential_set(product):
    """[(name, env)] of the credentials a product's task gives by default (its first set)."""
    return [(name, PRODUCTS[product][name].get("env")) for name in CREDENTIAL_SETS[product][0]]


def url_options(product):
    """[(name, env)] of a product's options that hold a URL."""
    return [(name, option.get("env")) for name, option in PRODUCTS[product].items() if option.get("url")]


def environment_errors(product, params, environ):
    """Messages for connection options whose value came from their environment variable and is not of
    the option's type (ansible-core's own message names only the option)."""
    checks = {"int": (check_type_int, "a whole number"), "bool": (check_type_bool, "true or false")}
    messages = []
    for name, option in PRODUCTS[product].items():
        env = option.get("env")
        if not env or option["type"] not in checks or env not in environ:
            continue
        raw = environ[env]
        # A value that converted is no longer the variable's text; one that did not still is.
        if params.get(name) != raw:
            continue
        check, wanted = checks[option["type"]]
        try:
            check(raw)
        except (TypeError, ValueError):
            messages.append("%s: the %s environment variable is '%s', which is not %s; correct or unset %s, or "
                            "set %s on the task." % (name, env, raw, wanted, env, name))
    return messages


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
