# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What AWX gives a job for a credential of a custom credential type, done the way AWX does it.

AWX (CredentialType.inject_credential) renders every injector template with an immutable sandboxed
Jinja2 environment whose variables are the credential's inputs:
- a boolean input the credential does not hold is False (not the field's default);
- an empty string input is left out, so `default(...)` applies to it;
- `file` injectors are written to files under <private data dir>/env/ first, and their paths are
  `tower.filename.<name>` (or `tower.filename` for a single unnamed file) in the other templates;
- `env` injectors become environment variables of the job; names starting with ANSIBLE_ and names
  AWX reserves for itself are refused;
- `extra_vars` injectors go to a file under env/ that the job gets as `-e @file`.
Beside the real environment AWX keeps a "safe" one for display, rendered with secret inputs
replaced by asterisks; and what it stores as the job's environment (job_env) is the one ansible-runner
reports, masked by name (build_safe_env).

Used by tests/run_awx_jobs.py (jobs through ansible-runner) and the unit tests of the credential types.
"""

from __future__ import absolute_import, division, print_function

import os
import re
import stat
import tempfile

import yaml
from jinja2.sandbox import ImmutableSandboxedEnvironment

HIDDEN = "**********"
# Some of the variables AWX keeps for itself; a credential type may not set them.
RESERVED_ENV = frozenset(["PATH", "PYTHONPATH", "VIRTUAL_ENV", "JOB_ID", "INVENTORY_ID", "INVENTORY_SOURCE_ID",
                          "INVENTORY_UPDATE_ID", "AD_HOC_COMMAND_ID", "REST_API_URL", "REST_API_TOKEN",
                          "MAX_EVENT_RES", "CALLBACK_QUEUE", "CALLBACK_CONNECTION", "CACHE", "JOB_CALLBACK_DEBUG",
                          "INVENTORY_HOSTVARS", "AWX_HOST", "PROJECT_REVISION"])


SECRET_NAME = re.compile(r"API|TOKEN|KEY|SECRET|PASS", re.I)
URL_PASSWORD = re.compile(r"^.*?://[^:]+:(.*?)@.*?$")


class _Namespace(object):
    pass


def load_credential_type(path):
    with open(path) as handle:
        return yaml.safe_load(handle)


def namespaces(definition, inputs):
    """(namespace, safe_namespace): the template variables for the job and for display."""
    tower = _Namespace()
    namespace = {"tower": tower}
    safe = {"tower": tower}
    fields = definition["inputs"].get("fields", [])
    secret = set(f["id"] for f in fields if f.get("secret"))
    for name, value in inputs.items():
        if isinstance(value, bool):
            namespace[name] = safe[name] = value
            continue
        if name in secret:
            safe[name] = HIDDEN
        elif len(value):
            safe[name] = value
        if len(value):
            namespace[name] = value
    for field in fields:
        if field["type"] == "boolean" and field["id"] not in inputs:
            namespace[field["id"]] = safe[field["id"]] = False
    return namespace, safe


def inject_credential(definition, inputs, private_data_dir, env, safe_env, args):
    """Add what one credential injects to env (the job's), safe_env (AWX's display copy) and args."""
    injectors = definition.get("injectors") or {}
    namespace, safe = namespaces(definition, inputs)
    sandbox = ImmutableSandboxedEnvironment()
    env_dir = os.path.join(private_data_dir, "env")
    tower = namespace["tower"]
    for label, template in (injectors.get("file") or {}).items():
        data = sandbox.from_string(template).render(**namespace)
        handle, path = tempfile.mkstemp(dir=env_dir)
        with os.fdopen(handle, "w") as out:
            out.write(data)
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR | stat.S_IRGRP | stat.S_IWGRP)
        if "." not in label:
            tower.filename = path
        else:
            if not hasattr(tower, "filename"):
                tower.filename = _Namespace()
            setattr(tower.filename, label.split(".", 1)[1], path)
    for var, template in (injectors.get("env") or {}).items():
        if var.startswith("ANSIBLE_") or var in RESERVED_ENV:
            raise ValueError("AWX does not let a credential type set %s" % var)
        env[var] = sandbox.from_string(template).render(**namespace)
        safe_env[var] = sandbox.from_string(template).render(**safe)
    extra_vars = dict((name, sandbox.from_string(template).render(**namespace))
                      for name, template in (injectors.get("extra_vars") or {}).items())
    if extra_vars:
        handle, path = tempfile.mkstemp(dir=env_dir)
        with os.fdopen(handle, "w") as out:
            yaml.safe_dump(extra_vars, out, default_flow_style=False)
        os.chmod(path, stat.S_IRUSR | stat.S_IRGRP)
        args.extend(["-e", "@%s" % path])


def build_safe_env(env):
    """The job environment as AWX stores and shows it: values of secret-looking names hidden."""
    safe = dict(env)
    for name, value in safe.items():
        if name == "AWS_ACCESS_KEY_ID":
            continue
        if name.startswith("ANSIBLE_") and not name.startswith(("ANSIBLE_NET", "ANSIBLE_GALAXY_SERVER")):
            continue
        if SECRET_NAME.search(name):
            safe[name] = HIDDEN
        elif isinstance(value, str) and URL_PASSWORD.match(value):
            safe[name] = URL_PASSWORD.sub(HIDDEN, value)
    return safe
