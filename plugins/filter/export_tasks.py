# -*- coding: utf-8 -*-
# Copyright: (c) 2026, envops.environments contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""export_tasks: records of the *_info modules as a YAML task file of their resource modules.

Each record's module_args become the literal options of one task. Values are written as data,
never as templates: a string holding a Jinja delimiter is tagged !unsafe, so applying the file
sends it exactly as the server holds it (on every supported ansible-core). Plain strings need no
tag: a literal task option without a delimiter is never evaluated. (The documentation is in
export_tasks.yml next to this file.)
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from collections.abc import Mapping

import yaml

from ansible.errors import AnsibleFilterError

COLLECTION = "envops.environments"
JINJA_MARKERS = ("{{", "{%", "{#")
# How each resource module's task is named: the kind of record, and the options that identify it.
IDENTITY = {
    "plutora_system": ("Plutora system", ("name",)),
    "plutora_environment": ("Plutora environment", ("name",)),
    "plutora_environment_group": ("Plutora environment group", ("name",)),
    "flexdeploy_environment": ("FlexDeploy environment", ("code",)),
    "flexdeploy_target": ("FlexDeploy target", ("environment", "instance")),
    "flexdeploy_group": ("FlexDeploy group", ("name",)),
    "rpm_server": ("RPM server", ("name",)),
    "rpm_environment": ("RPM environment", ("name",)),
}
# Keys that identify a record the module cannot address (module_args null), for the note.
RECORD_LABELS = (("name", "groupName", "environmentCode"), ("id", "groupId", "environmentId"))


def plain(value):
    """The value as plain Python data (Ansible hands filters its own str/int/dict subclasses)."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, Mapping):
        return dict((plain(k), plain(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    raise AnsibleFilterError("export_tasks: cannot write a value of type %s" % type(value).__name__)


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow=False, indentless=False):
        # Lists indented under their key, as Ansible's own examples write them.
        return super(_Dumper, self).increase_indent(flow, False)


def _represent_str(dumper, value):
    tag = "!unsafe" if any(marker in value for marker in JINJA_MARKERS) else "tag:yaml.org,2002:str"
    style = "|" if "\n" in value else None
    if tag == "!unsafe" and style is None:
        style = "'"
    return dumper.represent_scalar(tag, value, style=style)


_Dumper.add_representer(str, _represent_str)


def task_name(module, args):
    # One line: a label, whatever line breaks the server data holds.
    kind, keys = IDENTITY[module]
    return " ".join(("%s %s" % (kind, "/".join(str(args.get(key)) for key in keys))).split())


def record_label(record):
    name = next((record[k] for k in RECORD_LABELS[0] if record.get(k) is not None), None)
    record_id = next((record[k] for k in RECORD_LABELS[1] if record.get(k) is not None), None)
    # One comment line: line breaks in server data are shown, not followed.
    return ("'%s' (id %s)" % (name, record_id)).replace("\r", "\\r").replace("\n", "\\n")


def export_tasks(sections, header=None):
    """[[module, records], ...] -> the text of a YAML task file, one task per record."""
    tasks, skipped = [], []
    for section in plain(sections):
        if not isinstance(section, list) or len(section) != 2 or section[0] not in IDENTITY:
            raise AnsibleFilterError("export_tasks: each section must be [module, records] with module one of %s"
                                     % ", ".join(sorted(IDENTITY)))
        module, records = section
        for record in records or []:
            if not isinstance(record, dict) or "module_args" not in record:
                raise AnsibleFilterError("export_tasks: %s records must carry module_args (from the *_info module)"
                                         % module)
            args = record["module_args"]
            if args is None:
                skipped.append("%s %s" % (IDENTITY[module][0], record_label(record)))
                continue
            tasks.append({"name": task_name(module, args), "%s.%s" % (COLLECTION, module): args})
    lines = ["# " + line if line else "#" for line in (header or "").splitlines()]
    if skipped:
        lines.append("# Not exported (their module cannot address them; see the export's warnings):")
        lines.extend("#   %s" % label for label in skipped)
    body = yaml.dump(tasks, Dumper=_Dumper, default_flow_style=False, sort_keys=False, allow_unicode=True,
                     width=1000000) if tasks else "[]\n"
    # A blank line between tasks: top-level items are the only lines that start with "- ".
    body = body.replace("\n- ", "\n\n- ")
    return "\n".join(lines + ["---", body])


class FilterModule:
    def filters(self):
        return {"export_tasks": export_tasks}
