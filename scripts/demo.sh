#!/usr/bin/env bash
# The main job: build + install the collection, start the emulator, run playbooks/ twice, stop.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/bootstrap.sh"
export PATH="$root/.venv/bin:$PATH"
exec python "$root/scripts/demo.py"
