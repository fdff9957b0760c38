#!/usr/bin/env bash
# make clean: remove what `make demo`, `make test` and their parts made, in the clone and outside it,
# and say where the caches are that they filled but share with every other project (left in place).
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root" || exit 1

# Outside the clone: the stand-ins scripts/test.sh puts where ansible-test and pip look first.
python=""
for candidate in .venv/bin/python .venv-core-*/bin/python python3; do
  if "$candidate" -m pip --version >/dev/null 2>&1; then python="$candidate"; break; fi
done
if [ -n "$python" ]; then
  "$python" tools/archive_standins.py --remove
else
  echo "no Python with pip here: pip's wheel cache keeps the stand-ins of tools/archive_standins.py (see there)"
fi
for standin in "$HOME"/.ansible/test/cache/get_pip_*.py; do
  if [ -f "$standin" ] && cmp -s tools/get_pip_standin.py "$standin"; then
    rm -f "$standin" && echo "removed the pip bootstrap stand-in $standin"
  fi
done

# In the clone: virtual environments, staged trees, logs and test outputs.
rm -rf .venv .venv-core-* build build-* tests/output .ansible .cache
echo "removed .venv, .venv-core-*, build/, build-*/ and tests/output/ from $root"

# Shared caches: other projects use them too, so they stay; each is safe to remove by hand.
shared=(
  "$HOME/.ansible/test:ansible-test's sanity test environments and caches (every collection's)"
  "$HOME/.cache/pip:pip's download and wheel cache"
  "$HOME/.cache/ansible-compat:ansible-lint's and molecule's cache"
  "$HOME/.cache/molecule:molecule's scenario state"
  "$HOME/.ansible/tmp:ansible-core's temporary files"
)
for entry in "${shared[@]}"; do
  path="${entry%%:*}"
  [ -e "$path" ] || continue
  echo "left in place: $path ($(du -sh "$path" 2>/dev/null | cut -f1)), ${entry#*:}"
done
if command -v shellcheck >/dev/null 2>&1; then
  echo "left installed: shellcheck ($(command -v shellcheck)), which scripts/test.sh installs with apt-get when missing"
fi
