#!/usr/bin/env bash
# Copy the collection's files into BUILD/ansible_collections/envops/environments (BUILD defaults to
# build/), the layout ansible-test, ansible-playbook and the unit tests import it from.
# Prints BUILD. Give each concurrent job its own BUILD (for example build-unit/).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# git lists what to stage (and ansible-test wants a repository): a source archive without .git cannot.
if ! command -v git >/dev/null 2>&1; then
  echo "stage.sh: git is not installed; install it (Debian: apt-get install git) and use a git clone" >&2; exit 1
fi
if ! git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "stage.sh: $root is not a git clone; the scripts stage the files git lists: git clone the repository" >&2; exit 1
fi
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
