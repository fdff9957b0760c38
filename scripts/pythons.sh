# shellcheck shell=bash
# Sourced by scripts/bootstrap.sh and scripts/test.sh: find the Python X.Y the project needs.
#   find_python X.Y [WHAT_FOR]   prints the path of a working pythonX.Y, or explains what to install
#                                and returns 1
# Looks on PATH first (a pyenv shim that is there but not active for X.Y does not count), then
# under pyenv's versions (${PYENV_ROOT:-~/.pyenv}/versions/X.Y.*, the newest patch release first).
# A Python counts only when it can make virtual environments (venv with ensurepip).

python_works() {
  # $1 a candidate interpreter, $2 the X.Y it must be.
  [ -x "$1" ] || command -v "$1" >/dev/null 2>&1 || return 1
  [ "$("$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" = "$2" ]
}

find_python() {
  local version="$1" what_for="${2:-}" candidate pyenv_root no_venv=""
  pyenv_root="${PYENV_ROOT:-$HOME/.pyenv}"
  local candidates=()
  command -v "python$version" >/dev/null 2>&1 && candidates+=("$(command -v "python$version")")
  while IFS= read -r candidate; do
    candidates+=("$candidate")
  done < <(printf '%s\n' "$pyenv_root"/versions/"$version".*/bin/"python$version" | sort -rV)
  for candidate in "${candidates[@]}"; do
    python_works "$candidate" "$version" || continue
    if ! "$candidate" -c 'import venv, ensurepip' >/dev/null 2>&1; then
      no_venv="$candidate"   # another candidate (a pyenv build) may have them
      continue
    fi
    # The interpreter itself, not a pyenv shim (a shim follows the directory it is run from).
    "$candidate" -c 'import sys; print(sys.executable)'
    return 0
  done
  if [ -n "$no_venv" ]; then
    echo "Python $version at $no_venv cannot make virtual environments (no venv/ensurepip):" \
      "install python$version-venv (Debian, Ubuntu) or use a python.org or pyenv build" >&2
    return 1
  fi
  echo "Python $version is needed${what_for:+ ($what_for)} and was found neither on PATH (python$version)" \
    "nor under $pyenv_root/versions/. Install it, for example: apt-get install python$version python$version-venv," \
    "or pyenv install $version, and run again." >&2
  return 1
}

required_python() {
  # The X.Y a requirements file names on its "# python: X.Y" line.
  sed -n 's/^# python:[[:space:]]*\([0-9][0-9]*\.[0-9][0-9]*\)[[:space:]]*$/\1/p' "$1" | head -n 1
}
