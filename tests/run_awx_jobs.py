# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run the example playbooks as AWX runs job templates: through ansible-runner.

Each playbook of playbooks/ is a job template launched twice. Every job gets a private data
directory laid out as AWX lays it out for ansible-runner:

    env/envvars      the job's environment: AWX's own settings and what the credentials inject
    env/extravars    the job's extra variables (AWX's awx_* variables, survey answers)
    env/passwords    answers to prompts (none: these credentials prompt for nothing)
    env/settings     runner settings (job timeout)
    env/tmp*         files written by the credentials' file injectors
    inventory/       plutora.yml: the envops.environments.plutora inventory plugin as the source
    project/         the project checkout: playbooks/

The product credentials reach the job only through the collection's AWX credential types
(meta/credential_types/*.yml), rendered the way AWX renders them (tests/awx_injection.py), from
credentials holding only what a user types in. The collection comes from its built tarball,
installed where an execution environment would hold it. The server is the API emulator.

Checks: every job succeeds; each template's first job changes something and its second job
changes nothing; an inventory update of the Plutora source (ansible-inventory through
ansible-runner, as AWX syncs a source) finds the environments the jobs made; no secret
appears in any artifact file (stdout, job_events/*.json, fact_cache/, command, ...) nor in the
environment AWX would show for the job.

Usage: python tests/run_awx_jobs.py [PLAYBOOK_NAME ...]     (exit status 1 on any failed check)
"""

from __future__ import absolute_import, division, print_function

import glob
import importlib.metadata as importlib_metadata
import json
import os
import shutil
import subprocess
import sys
import time

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

from awx_injection import build_safe_env, inject_credential, load_credential_type  # noqa: E402
from harness import Emulator, secret_values  # noqa: E402

WORK = os.path.join(ROOT, "build", "awx")
COLLECTIONS = os.path.join(WORK, "collections")
TYPES_DIR = os.path.join(ROOT, "meta", "credential_types")
PRODUCT_ENV_PREFIXES = ("PLUTORA_", "FLEXDEPLOY_", "RPM_")
# A survey password question of the SOA job template: AWX puts the answer in the extra variables.
SURVEY_PASSWORDS = {"flexdeploy_soa_target.yml": {"mds_pass": "awx-survey-mds-7f3e1c"}}
# Other survey answers: the export template asks where to write (a directory on the execution node).
SURVEY_ANSWERS = {"export.yml": {"export_dir": os.path.join(WORK, "export")}}


class UnsafeText(str):
    """A value AWX writes with the !unsafe tag (survey answers: never templated)."""


yaml.SafeDumper.add_representer(UnsafeText, lambda dumper, value: dumper.represent_scalar("!unsafe", str(value)))


def build_and_install():
    """ansible-galaxy collection build + install, as scripts/demo.py does: the jobs use the tarball."""
    dist = os.path.join(WORK, "dist")
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(dist)
    # A staged tree of its own (build-awx/): scripts/test.sh runs the demo, which stages build/, alongside.
    staged = subprocess.run(["bash", os.path.join(ROOT, "scripts", "stage.sh"), "build-awx"], check=True,
                            stdout=subprocess.PIPE, text=True).stdout.strip()
    source = os.path.join(staged, "ansible_collections", "envops", "environments")
    subprocess.run(["ansible-galaxy", "collection", "build", "--force", "--output-path", dist, source],
                   check=True, stdout=subprocess.DEVNULL)
    tarball = glob.glob(os.path.join(dist, "envops-environments-*.tar.gz"))[0]
    subprocess.run(["ansible-galaxy", "collection", "install", "--force", "-p", COLLECTIONS, tarball], check=True,
                   stdout=subprocess.DEVNULL, env=dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS))
    return tarball


def credentials(emu):
    """One credential per product, holding only what a user types in (no optional switch set)."""
    conn = emu.connection_vars()
    return {
        "plutora": {"api_url": conn["plutora_api_url"], "client_id": conn["plutora_client_id"],
                    "client_secret": conn["plutora_client_secret"], "username": conn["plutora_username"],
                    "password": conn["plutora_password"], "auth_url": "", "ca_cert": ""},
        "flexdeploy": {"api_url": conn["flexdeploy_api_url"], "username": conn["flexdeploy_username"],
                       "password": conn["flexdeploy_password"]},
        "rpm": {"api_url": conn["rpm_api_url"], "token": conn["rpm_token"]},
    }


def write_yaml(path, data):
    with open(path, "w") as handle:
        yaml.safe_dump(data, handle, default_flow_style=False)
    os.chmod(path, 0o600)


def prepare_job(job_id, template, creds, extra_env=None):
    """The private data directory of one job; returns (directory, the env AWX would show)."""
    pdd = os.path.join(WORK, "jobs", str(job_id))
    for sub in ("env", "inventory", "project"):
        os.makedirs(os.path.join(pdd, sub))
    shutil.copytree(os.path.join(ROOT, "playbooks"), os.path.join(pdd, "project", "playbooks"))
    # What AWX's RunJob sets for every job (the collections path: where an execution environment holds them).
    env = {"JOB_ID": str(job_id), "INVENTORY_ID": "1", "PROJECT_REVISION": "demo", "AWX_HOST": "https://awx.invalid",
           "ANSIBLE_RETRY_FILES_ENABLED": "False", "ANSIBLE_INVENTORY_UNPARSED_FAILED": "True",
           "ANSIBLE_PARAMIKO_RECORD_HOST_KEYS": "False", "ANSIBLE_HOST_KEY_CHECKING": "False",
           "ANSIBLE_NOCOLOR": "1", "ANSIBLE_FORCE_COLOR": "0", "PYTHONUNBUFFERED": "1",
           "ANSIBLE_COLLECTIONS_PATH": COLLECTIONS}
    env.update(extra_env or {})
    safe_env = dict(env)
    args = []
    for product, inputs in sorted(creds.items()):
        definition = load_credential_type(os.path.join(TYPES_DIR, product + ".yml"))
        inject_credential(definition, inputs, pdd, env, safe_env, args)
    write_yaml(os.path.join(pdd, "env", "envvars"), env)
    extravars = {"awx_job_id": job_id, "awx_job_template_name": template, "awx_job_launch_type": "manual",
                 "awx_project_revision": "demo", "awx_inventory_name": "Plutora"}
    answers = dict(SURVEY_ANSWERS.get(template, {}), **SURVEY_PASSWORDS.get(template, {}))
    extravars.update(dict((k, UnsafeText(v)) for k, v in answers.items()))
    write_yaml(os.path.join(pdd, "env", "extravars"), extravars)
    write_yaml(os.path.join(pdd, "env", "passwords"), {})
    write_yaml(os.path.join(pdd, "env", "settings"), {"job_timeout": 600})
    if args:
        with open(os.path.join(pdd, "env", "cmdline"), "w") as handle:
            handle.write(" ".join(args))
    with open(os.path.join(pdd, "inventory", "plutora.yml"), "w") as handle:
        handle.write("plugin: envops.environments.plutora\nkeyed_groups:\n"
                     "  - key: plutora_environment_status\n    prefix: status\n")
    return pdd, safe_env


def run_job(job_id, template, creds):
    import ansible_runner
    pdd, safe_env = prepare_job(job_id, template, creds)
    started = time.time()
    runner = ansible_runner.run(private_data_dir=pdd, playbook="playbooks/" + template, ident=str(job_id),
                                quiet=True)
    elapsed = time.time() - started
    events = list(runner.events)
    stats = next((e["event_data"] for e in events if e["event"] == "playbook_on_stats"), {})
    changed = sum((stats.get("changed") or {}).values())
    failed = sum((stats.get("failures") or {}).values()) + sum((stats.get("dark") or {}).values())
    return {"job": job_id, "template": template, "status": runner.status, "rc": runner.rc, "changed": changed,
            "failed": failed, "events": len(events), "time": elapsed, "pdd": pdd, "safe_env": safe_env,
            "ok_events": sum(1 for e in events if e["event"] == "runner_on_ok")}


def inventory_update(job_id, creds):
    """The Plutora source synced as AWX syncs one: ansible-inventory --list --export, through ansible-runner."""
    import ansible_runner
    pdd, safe_env = prepare_job(job_id, "inventory update", creds, {"INVENTORY_UPDATE_ID": str(job_id)})
    os.unlink(os.path.join(pdd, "env", "extravars"))  # AWX gives an inventory update no extra variables
    output = os.path.join(pdd, "artifacts", "inventory.json")
    os.makedirs(os.path.dirname(output))
    runner = ansible_runner.run(private_data_dir=pdd, binary="ansible-inventory", ident=str(job_id), quiet=True,
                                cmdline="--list --export --output %s" % output)
    data = {}
    if runner.rc == 0 and os.path.exists(output):
        with open(output) as handle:
            data = json.load(handle)
    return {"job": job_id, "status": runner.status, "rc": runner.rc, "pdd": pdd, "safe_env": safe_env,
            "inventory": data}


def leaks(result, secrets):
    """Secrets found in the job's artifact files and in the environment AWX would show.

    artifacts/<id>/command is ansible-runner's record of the command line and of the whole job
    environment, which holds every injected credential by design (as env/envvars does). AWX keeps
    only a masked copy of that environment (job_env); it is searched after the same masking.
    """
    found = []
    for path in glob.glob(os.path.join(result["pdd"], "artifacts", "**", "*"), recursive=True):
        if os.path.isfile(path):
            with open(path, errors="replace") as handle:
                text = handle.read()
            if os.path.basename(path) == "command":
                record = json.loads(text)
                text = json.dumps(dict(record, env=build_safe_env(record["env"])))
            found += ["%s in %s" % (mask(s), os.path.relpath(path, result["pdd"])) for s in secrets if s in text]
    shown = json.dumps(result["safe_env"])
    found += ["%s in the job's displayed environment" % mask(s) for s in secrets if s in shown]
    return found


def not_injected(result, creds):
    """Every secret input of every credential must be in the job's env/envvars (so the search means something)."""
    with open(os.path.join(result["pdd"], "env", "envvars")) as handle:
        values = set(yaml.safe_load(handle).values())
    missing = []
    for product, inputs in sorted(creds.items()):
        definition = load_credential_type(os.path.join(TYPES_DIR, product + ".yml"))
        for field in definition["inputs"]["fields"]:
            if field.get("secret") and inputs.get(field["id"]) not in values:
                missing.append("the %s credential's %s was not injected" % (product, field["id"]))
    return missing


def plain(value):
    """A value of ansible-inventory's JSON without its unsafe markers."""
    if isinstance(value, dict):
        if set(value) == {"__ansible_unsafe"}:
            return value["__ansible_unsafe"]
        return dict((k, plain(v)) for k, v in value.items())
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def mask(secret):
    return secret[:3] + "..."


def artifact_files(result):
    return sorted(os.path.relpath(p, result["pdd"]) for p in glob.glob(os.path.join(result["pdd"], "artifacts", "**", "*"),
                                                                       recursive=True) if os.path.isfile(p))


def main():
    # Credentials reach the jobs only through the credential types: none from this process.
    for name in list(os.environ):
        if name.startswith(PRODUCT_ENV_PREFIXES) or name.startswith("ANSIBLE_COLLECTIONS_PATH"):
            del os.environ[name]
    os.environ["PATH"] = os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")
    tarball = build_and_install()
    print("ansible-runner %s, %s; collection from %s" % (
        importlib_metadata.version("ansible-runner"),
        subprocess.run(["ansible", "--version"], stdout=subprocess.PIPE, text=True, check=True).stdout.splitlines()[0],
        os.path.relpath(tarball, ROOT)))
    templates = sys.argv[1:] or sorted(os.path.basename(p) for p in glob.glob(os.path.join(ROOT, "playbooks", "*.yml")))
    problems = []
    results = []
    with Emulator(log_path=os.path.join(WORK, "emulator.log")) as emu:
        creds = credentials(emu)
        print("\n%-4s %-30s %-4s %-11s %7s %7s %7s" % ("job", "template", "run", "status", "changed", "events", "time"))
        job_id = 0
        for template in templates:
            for run in (1, 2):
                job_id += 1
                result = run_job(job_id, template, creds)
                result["run"] = run
                results.append(result)
                print("%-4d %-30s %-4d %-11s %7d %7d %6.1fs" % (job_id, template, run, result["status"],
                                                                result["changed"], result["events"], result["time"]))
                if result["status"] != "successful" or result["failed"]:
                    problems.append("job %d (%s) %s, rc %s" % (job_id, template, result["status"], result["rc"]))
                    with open(os.path.join(result["pdd"], "artifacts", str(job_id), "stdout")) as handle:
                        print(handle.read()[-4000:])
                elif run == 1 and result["changed"] == 0:
                    problems.append("job %d (%s): the first run changed nothing" % (job_id, template))
                elif run == 2 and result["changed"]:
                    problems.append("job %d (%s): the second run changed %d" % (job_id, template, result["changed"]))
        job_id += 1
        update = inventory_update(job_id, creds)
        groups = set(update["inventory"])
        hostvars = update["inventory"].get("_meta", {}).get("hostvars", {})
        print("%-4d %-30s %-4s %-11s  %d groups, %d hosts" % (job_id, "inventory update (Plutora)", "", update["status"],
                                                              len(groups), len(hostvars)))
        # What the walkthrough job made: its host in its environment's group, with the layer version it set.
        if "My Host" not in (update["inventory"].get("plutora_environment_My_Environment") or {}).get("hosts", []):
            problems.append("inventory update: My Host not in group plutora_environment_My_Environment (groups: %s)"
                            % sorted(groups))
        versions = plain(hostvars.get("My Host", {}).get("plutora_versions"))
        if versions != {"My Application": "2.0"}:
            problems.append("inventory update: My Host has plutora_versions %r" % (versions,))
        if update["status"] != "successful":
            problems.append("inventory update %s, rc %s" % (update["status"], update["rc"]))
        secrets = set(secret_values()) | set(emu.admin("GET", "/_admin/issued_tokens"))
        secrets |= set(v for answers in SURVEY_PASSWORDS.values() for v in answers.values())
        secrets = sorted(s for s in secrets if s)
    files = 0
    for result in results + [update]:
        files += len(artifact_files(result))
        problems += ["job %d: %s" % (result["job"], missing) for missing in not_injected(result, creds)]
        problems += ["job %d: %s" % (result["job"], leak) for leak in leaks(result, secrets)]
    first = [r for r in results if r["run"] == 1]
    second = [r for r in results if r["run"] == 2]
    print("\nfirst runs: %d jobs, %d changed, %d events, %.1fs; second runs: %d jobs, %d changed, %d events, %.1fs"
          % (len(first), sum(r["changed"] for r in first), sum(r["events"] for r in first), sum(r["time"] for r in first),
             len(second), sum(r["changed"] for r in second), sum(r["events"] for r in second),
             sum(r["time"] for r in second)))
    print("searched %d artifact files of %d jobs for %d secret values" % (files, len(results) + 1, len(secrets)))
    for problem in problems:
        print("FAIL " + problem)
    print("awx: %d jobs, %d problems" % (len(results) + 1, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
