#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: rpm_server
short_description: Manage servers in BMC Release Process Management
version_added: 0.2.0
description:
  - Creates, updates and deactivates servers in BMC Release Process Management (RPM) through its
    REST v1 API (C(/v1/servers)), the machines that M(envops.environments.rpm_environment) puts in
    environments.
  - The server is found by name among active and inactive servers; a write is sent only when an
    option given differs from what the server holds. Options that are not given are left as they are.
  - RPM has no real delete; I(state=absent) deactivates the server, as the API's C(DELETE) does for
    environments. The server stays in the environments that hold it.
author:
  - envops maintainers (@envops)
extends_documentation_fragment:
  - envops.environments.rpm
  - envops.environments.input_rules
  - envops.environments.fleet
attributes:
  check_mode:
    support: full
    description: Reads only; reports what would change and sends no write.
  diff_mode:
    support: full
    description: Shows the server before and after.
options:
  name:
    description:
      - Name of the server, its identity. Matched without case, surrounding blanks set aside; a server
        found with a different case is renamed to this spelling.
      - At most 255 characters.
    type: str
    required: true
  state:
    description:
      - C(present) creates or updates the server.
      - C(absent) deactivates it (C(DELETE)); a server already inactive or missing is unchanged.
    type: str
    choices: [present, absent]
    default: present
  dns:
    description:
      - DNS name of the server. An empty string and no value are the same.
    type: str
  ip_address:
    description:
      - IP address of the server, as RPM stores it (text). An empty string and no value are the same.
    type: str
  os_platform:
    description:
      - Operating system platform of the server, for example C(Linux) or C(Windows).
    type: str
  active:
    description:
      - Whether the server is active. Set C(true) to re-activate a server deactivated by I(state=absent).
      - A server created without it is active.
    type: bool
notes:
  - >-
    BMC's REST servers page documents the reads (C(GET /v1/servers) with its C(name), C(active) and
    C(inactive) filters, and C(GET /v1/servers/{id})). The writes rest on a guess, since no RPM document shows
    them for servers; they follow the product's general REST rules and the environments page:
    C(POST /v1/servers) and C(PUT /v1/servers/{id}) with a body C({"server": {"name", "dns", "ip_address",
    "os_platform", "active"}}), and a C(DELETE /v1/servers/{id}) that deactivates.
  - On a server that answers one of those writes with HTTP 404 or 405, the task fails naming the request
    and nothing else is sent. When the answer to a write does not show the fields sent (a server that takes
    the request but not its body), the task fails naming the fields; after a C(DELETE) the server is read
    back and must be inactive.
  - RPM answers a search with no match with HTTP 404 and a body of one space. Any other 404 (no body, or a
    page from a proxy or a wrong I(api_url)) is not read as "no such server"; the task fails and sends no create.
  - When another run creates the same server between this task's search and its create, the server's "name
    has already been taken" answer makes the task converge that server instead of failing. A create whose
    answer is lost is never sent again; the task looks the server up instead.
seealso:
  - module: envops.environments.rpm_server_info
  - module: envops.environments.rpm_environment
  - name: BMC RPM REST servers
    description: The RPM REST v1 servers API.
    link: https://docs.bmc.com/docs/rpm43/rest-servers-483493085.html
"""

EXAMPLES = r"""
- name: Two application servers, then an environment that holds them
  module_defaults:
    group/envops.environments.rpm:
      api_url: https://rpm.example.com:8443/brpm
      token: "{{ rpm_token }}"
  block:
    - name: Ensure the servers exist
      envops.environments.rpm_server:
        name: "{{ item.name }}"
        dns: "{{ item.dns }}"
        ip_address: "{{ item.ip }}"
        os_platform: Linux
        active: true
      loop:
        - {name: qa2-app-01, dns: qa2-app-01.example.com, ip: 10.0.0.21}
        - {name: qa2-app-02, dns: qa2-app-02.example.com, ip: 10.0.0.22}

    - name: The QA2 environment with exactly these servers
      envops.environments.rpm_environment:
        name: QA2
        servers: [qa2-app-01, qa2-app-02]

- name: Retire a server (RPM deactivates it)
  envops.environments.rpm_server:
    name: qa-old-01
    state: absent
"""

RETURN = r"""
server:
  description:
    - The server as RPM holds it after the task (in check mode, as it would be; a new server then has
      C(id) null). Absent when the server does not exist.
  returned: always
  type: dict
  sample:
    id: 7
    name: qa2-app-01
    dns: qa2-app-01.example.com
    ip_address: 10.0.0.21
    os_platform: Linux
    active: true
diff:
  description: The server before and after, as this module's options.
  returned: always
  type: dict
  contains:
    before:
      description: State before the task.
      type: dict
      returned: always
    after:
      description: State after the task.
      type: dict
      returned: always
"""

from ansible_collections.envops.environments.plugins.module_utils.compare import make_diff
from ansible_collections.envops.environments.plugins.module_utils.errors import InputError
from ansible_collections.envops.environments.plugins.module_utils.fleet import hold
from ansible_collections.envops.environments.plugins.module_utils.inputs import tidy_identifiers
from ansible_collections.envops.environments.plugins.module_utils.rpm import (
    SERVER_FIELDS,
    build_api,
    deactivate,
    deactivated_server,
    server_field_differs,
    write_verified_record,
)
from ansible_collections.envops.environments.plugins.module_utils.rpm_views import server_view as view
from ansible_collections.envops.environments.plugins.module_utils.runner import ModuleDefinition

ARGUMENT_SPEC = dict(
    name=dict(type="str", required=True),
    state=dict(type="str", default="present", choices=["present", "absent"]),
    dns=dict(type="str"),
    ip_address=dict(type="str"),
    os_platform=dict(type="str"),
    active=dict(type="bool"),
)

NAME_MAX = 255
# What RPM gives a server created without them (the emulator's guess, shown in check mode).
CREATE_DEFAULTS = {"dns": None, "ip_address": None, "os_platform": None, "active": True}


def check_input(params):
    """Mistakes that need no server to spot, refused before any request."""
    tidy_identifiers(params, "name", name=NAME_MAX)
    if params["state"] == "absent" and params["active"]:
        raise InputError("active=true contradicts state=absent (which deactivates the server); give one of them.")


def changed_fields(params, current):
    """{field: wanted value} for every option given that differs from the server (all given ones for a new server)."""
    current = current or {}
    return dict((key, params[key]) for key in SERVER_FIELDS
                if params[key] is not None and (not current or server_field_differs(key, params[key], current.get(key))))


def run(module, api):
    params = module.params
    check_input(params)
    label = "server '%s'" % params["name"]
    with hold(module, api, "server", params["name"]):
        current = api.find_server(params["name"])

        if params["state"] == "absent":
            return deactivate(module, api, "servers", label, current, view, api.deactivate_server,
                              check=deactivated_server)

        fields = changed_fields(params, current)
        if current is not None and not fields:
            return False, current, make_diff(view(current), view(current))
        predicted = dict(CREATE_DEFAULTS, id=None) if current is None else dict(current)
        predicted.update(fields)
        if module.check_mode:
            return True, predicted, make_diff(view(current), view(predicted))
        changed, record = write_verified_record(api, "servers", label, current, fields,
                                                lambda record: changed_fields(params, record) or None,
                                                api.create_server, api.update_server)
        return changed, record, make_diff(view(current), view(record))


DEFINITION = ModuleDefinition("rpm", ARGUMENT_SPEC, build_api, run, "server")


def main():
    DEFINITION.main()


if __name__ == "__main__":
    main()
