#!/usr/bin/env bash
# Create (or refresh) a virtual environment from a pinned requirement file.
#   scripts/bootstrap.sh                          .venv from requirements/dev.txt (what the two commands use)
#   scripts/bootstrap.sh VENV REQUIREMENTS_FILE   another one, e.g. .venv-core-2.16 from requirements/core-2.16.txt
# Safe to run again: it reinstalls only when the requirement file, or a file it includes with -r, changed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${1:-$root/.venv}"
requirements="${2:-$root/requirements/dev.txt}"
python="${PYTHON:-python3.11}"
command -v "$python" >/dev/null 2>&1 || python=python3
stamp="$venv/.requirements.sha256"
# The file and the ones it includes (-r, relative to its directory), in order.
files=("$requirements")
for ((i = 0; i < ${#files[@]}; i++)); do
  while read -r included; do
    files+=("$(dirname "${files[$i]}")/$included")
  done < <(sed -n 's/^-r[[:space:]]*//p' "${files[$i]}")
done
want="$(cat "${files[@]}" | sha256sum | cut -d' ' -f1)"
if [ ! -x "$venv/bin/python" ]; then
  echo "bootstrap: creating $venv with $("$python" --version 2>&1)"
  "$python" -m venv "$venv"
fi
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
  echo "bootstrap: installing $(basename "$requirements") into $(basename "$venv")"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
  echo "$want" > "$stamp"
fi
