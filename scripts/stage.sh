#!/usr/bin/env bash
# Copy the collection's files into BUILD/ansible_collections/envops/environments (BUILD defaults to
# build/), the layout ansible-test, ansible-playbook and the unit tests import it from.
# Prints BUILD. Give each concurrent job its own BUILD (for example build-unit/).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
case "$build" in /*) ;; *) build="$root/$build" ;; esac
dest="$build/ansible_collections/envops/environments"
rm -rf "$dest"
mkdir -p "$dest"
cd "$root"
# Tracked and untracked-but-not-ignored files: what a clean clone plus the work in progress holds.
git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
  [ -e "$f" ] && printf '%s\0' "$f"
done | tar --null -T - -cf - | tar -xf - -C "$dest"
# ansible-test wants a git-free tree it can list; give it a minimal repo of its own.
if [ ! -d "$dest/.git" ]; then
  (
    cd "$dest" || exit 1
    git init -q
    git add -A >/dev/null 2>&1
    git -c user.name=stage -c user.email=stage@localhost commit -qm stage >/dev/null 2>&1
  ) || true
fi
echo "$build"
