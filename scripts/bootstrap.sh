#!/usr/bin/env bash
# Create (or refresh) a virtual environment from a pinned requirement file.
#   scripts/bootstrap.sh                          .venv from requirements/dev.txt (what the two commands use)
#   scripts/bootstrap.sh VENV REQUIREMENTS_FILE   another one, e.g. .venv-core-2.16 from requirements/core-2.16.txt
# The Python is the one the file names on its "# python: X.Y" line, found on PATH or under pyenv
# (scripts/pythons.sh); PYTHON=/path/to/pythonX.Y overrides the search. Safe to run again: it
# reinstalls only when the requirement file, or a file it includes with -r, changed, and makes the
# environment anew when it was made with another Python. pip's output goes to VENV/bootstrap.log and
# is shown only when the install fails; the terminal gets a line per step and a dot per package.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/pythons.sh
source "$root/scripts/pythons.sh"
venv="${1:-$root/.venv}"
requirements="${2:-$root/requirements/dev.txt}"
name="$(basename "$venv")"
version="$(required_python "$requirements")"
[ -n "$version" ] || { echo "bootstrap: $requirements has no '# python: X.Y' line" >&2; exit 1; }
if [ -n "${PYTHON:-}" ]; then
  python_works "$PYTHON" "$version" || { echo "bootstrap: PYTHON=$PYTHON is not Python $version" >&2; exit 1; }
  python="$PYTHON"
else
  python="$(find_python "$version" "for $name, $(basename "$requirements")")" || exit 1
fi
stamp="$venv/.requirements.sha256"
# The file and the ones it includes (-r, relative to its directory), in order.
files=("$requirements")
for ((i = 0; i < ${#files[@]}; i++)); do
  while read -r included; do
    files+=("$(dirname "${files[$i]}")/$included")
  done < <(sed -n 's/^-r[[:space:]]*//p' "${files[$i]}")
done
want="$(cat "${files[@]}" | sha256sum | cut -d' ' -f1)"
if [ -x "$venv/bin/python" ] && ! python_works "$venv/bin/python" "$version"; then
  echo "bootstrap: $name was made with another Python than $version: making it anew"
  rm -rf "$venv"
fi
if [ "$(cat "$stamp" 2>/dev/null || true)" = "$want" ]; then
  exit 0
fi
started=$SECONDS
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
log="$venv/bootstrap.log"
: > "$log"
# pip's own output goes to the log; the terminal gets a line per step and a dot per package.
pip_step() {
  local what="$1" step_started=$SECONDS; shift
  printf 'bootstrap: %s ' "$what"
  if "$venv/bin/python" -m pip "$@" --disable-pip-version-check --progress-bar off 2>&1 | tee -a "$log" \
      | while IFS= read -r line; do case "$line" in Collecting*) printf . ;; esac; done; then
    echo " done ($((SECONDS - step_started)) s)"
  else
    echo " FAILED"
    echo "bootstrap: pip install into $name failed; the end of $log:" >&2
    grep -v "^WARNING: Location .* is ignored" "$log" | tail -n 40 >&2
    exit 1
  fi
}
echo "bootstrap: setting up $name with $("$python" --version 2>&1) ($python); pip's log: ${log#"$root"/}"
pip_step "upgrading pip" install --upgrade pip
pip_step "installing ${requirements#"$root"/} (a dot per package)" install -r "$requirements"
echo "$want" > "$stamp"
echo "bootstrap: $name ready ($(
  "$venv/bin/python" -c 'import ansible.release as r; print("ansible-core " + r.__version__)' 2>/dev/null || echo "no ansible-core"
), $(du -sh "$venv" | cut -f1), $((SECONDS - started))s)"
