#!/usr/bin/env bash
# Run the molecule scenario extensions/molecule/default (where molecule looks for the scenarios of a
# collection): start the API emulator (prepare), converge the playbooks of playbooks/, converge
# again and fail on any change (idempotence), check the end state through the info modules and the
# inventory plugin (verify), stop the emulator (cleanup).
# No container engine: the default (delegated) driver on localhost.
# Uses ANSIBLE_COLLECTIONS_PATH when set (scripts/test.sh sets it); otherwise stages build-molecule/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export PATH="$root/.venv/bin:$PATH"

# Every example playbook must be in the scenario.
missing=0
for playbook in playbooks/*.yml; do
  if ! grep -q "playbooks/$(basename "$playbook")" extensions/molecule/default/converge.yml; then
    echo "extensions/molecule/default/converge.yml does not import $playbook"; missing=1
  fi
done
[ "$missing" -eq 0 ] || exit 1

if [ -z "${ANSIBLE_COLLECTIONS_PATH:-}" ]; then
  ANSIBLE_COLLECTIONS_PATH="$(bash scripts/stage.sh build-molecule)"
  export ANSIBLE_COLLECTIONS_PATH
fi

# A free port for the emulator, and the connection variables the modules fall back to.
eval "$(python - <<'PY'
import shlex, sys
sys.path.insert(0, "tests")
from harness import Emulator, free_port
emu = Emulator(port=free_port())
print("export EMULATOR_PORT=%d" % emu.port)
for name, value in sorted(emu.connection_env().items()):
    print("export %s=%s" % (name, shlex.quote(value)))
PY
)"
# The SOA playbook's MDS password: in real use a vault variable; here a fresh value per run.
if [ -z "${FLEXDEPLOY_MDS_PASS:-}" ]; then
  FLEXDEPLOY_MDS_PASS="mds-$(python -c 'import secrets; print(secrets.token_hex(8))')"
  export FLEXDEPLOY_MDS_PASS
fi
export ANSIBLE_NOCOLOR=1 ANSIBLE_FORCE_COLOR=0 PY_COLORS=0 MOLECULE_NO_LOG=false

# A private ephemeral directory (inventory, emulator pid and log), so concurrent runs never meet.
MOLECULE_EPHEMERAL_DIRECTORY="$(mktemp -d -t envops-molecule.XXXXXX)"
export MOLECULE_EPHEMERAL_DIRECTORY
stop_leftover_emulator() {
  # cleanup.yml stops the emulator; this only catches a run interrupted before it.
  local pid_file="$MOLECULE_EPHEMERAL_DIRECTORY/emulator.pid"
  if [ -f "$pid_file" ]; then kill "$(cat "$pid_file")" 2>/dev/null || true; fi
  rm -rf "$MOLECULE_EPHEMERAL_DIRECTORY"
}
trap stop_leftover_emulator EXIT
molecule test --scenario-name default
