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
# pip's own output goes to a log in the venv; the terminal gets a line per step and a dot per package.
pip_step() {
  local what="$1" started=$SECONDS; shift
  printf 'bootstrap: %s ' "$what"
  if "$venv/bin/python" -m pip "$@" --disable-pip-version-check --progress-bar off 2>&1 | tee -a "$log" \
      | while IFS= read -r line; do case "$line" in Collecting*) printf . ;; esac; done; then
    echo " done ($((SECONDS - started)) s)"
  else
    echo " FAILED; the end of $log:"; tail -n 25 "$log"; return 1
  fi
}
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
  log="$venv/bootstrap.log"
  : > "$log"
  pip_step "upgrading pip in $(basename "$venv")" install --upgrade pip
  pip_step "installing ${requirements#"$root"/} into $(basename "$venv") (a dot per package; pip's log: ${log#"$root"/})" \
    install -r "$requirements"
  echo "bootstrap: $(basename "$venv") is ready: $("$venv/bin/python" -m pip list --disable-pip-version-check 2>/dev/null | tail -n +3 | wc -l) packages, $(du -sh "$venv" | cut -f1)"
  echo "$want" > "$stamp"
fi
