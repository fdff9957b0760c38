#!/usr/bin/env bash
# Run every test of the collection, or some parts: scripts/test.sh [unit] [integration] [sanity] [lint] [molecule] [docs] [demo]
# Sets up everything itself (virtualenv, staged collection tree, emulator) and exits non-zero if any part fails.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/bootstrap.sh || { echo "bootstrap failed"; exit 1; }
export PATH="$root/.venv/bin:$PATH"
export ANSIBLE_NOCOLOR=1 ANSIBLE_FORCE_COLOR=0 PY_COLORS=0
build="$(bash scripts/stage.sh build)" || { echo "staging failed"; exit 1; }
collection="$build/ansible_collections/envops/environments"
export ANSIBLE_COLLECTIONS_PATH="$build"

parts=("$@")
[ ${#parts[@]} -eq 0 ] && parts=(unit integration sanity lint molecule docs demo)
declare -a passed=() failed=()
timings=""

run_part() {
  local name="$1"; shift
  local start end
  echo; echo "=== $name ==="
  start=$(date +%s)
  if "$@"; then passed+=("$name"); else failed+=("$name"); fi
  end=$(date +%s)
  timings+="$(printf '%-12s %4ss' "$name" "$((end - start))")"$'\n'
}

pytest_dirs() {
  local dirs=()
  for d in tests/unit tests/faults tests/security tests/bad_input; do
    [ -d "$collection/$d" ] && dirs+=("$d")
  done
  (cd "$collection" && PYTHONPATH="$build" python -m pytest -q -p no:cacheprovider "${dirs[@]}")
}

sanity() {
  # ansible-test downloads a pip bootstrap script from a host these machines cannot reach; put the
  # project's stand-in where it looks (the path comes from ansible-test's own pinned pip version).
  local pip_version cache
  pip_version="$(python -c 'import ansible_test, os, re; src = open(os.path.join(os.path.dirname(ansible_test.__file__), "_internal", "python_requirements.py")).read(); print(re.search(r"pip=.([0-9.]+).", src).group(1))')" || { echo "cannot find the pip version ansible-test pins"; return 1; }
  cache="$HOME/.ansible/test/cache/get_pip_${pip_version//./_}.py"
  mkdir -p "$(dirname "$cache")"
  cp tools/get_pip_standin.py "$cache"
  (cd "$collection" && ansible-test sanity --venv --python 3.11 --color no)
}

lint() {
  local targets=()
  for d in playbooks roles molecule; do [ -d "$d" ] && targets+=("$d"); done
  [ ${#targets[@]} -eq 0 ] && return 0
  (cd "$collection" && ansible-lint --offline "${targets[@]}")
}

molecule_part() {
  if [ -x scripts/molecule.sh ] || [ -f scripts/molecule.sh ]; then
    bash scripts/molecule.sh
  else
    echo "no molecule scenario yet"; return 0
  fi
}

docs() {
  # Every module's documentation renders, and the doc fragments match options.py.
  local ok=0 module
  (PYTHONPATH="$build" python tools/gen_doc_fragments.py --check) || ok=1
  for module in plugins/modules/*.py; do
    module="$(basename "$module" .py)"
    if ! ansible-doc "envops.environments.$module" >/dev/null 2>/tmp/ansible-doc.err; then
      echo "ansible-doc envops.environments.$module failed:"; cat /tmp/ansible-doc.err; ok=1
    fi
  done
  [ $ok -eq 0 ] && echo "ansible-doc renders $(ls plugins/modules/*.py | wc -l) modules"
  return $ok
}

for part in "${parts[@]}"; do
  case "$part" in
    unit) run_part unit pytest_dirs ;;
    integration) run_part integration python tests/run_integration.py --collections "$build" ;;
    sanity) run_part sanity sanity ;;
    lint) run_part lint lint ;;
    molecule) run_part molecule molecule_part ;;
    docs) run_part docs docs ;;
    demo) run_part demo python scripts/demo.py ;;
    *) echo "unknown part: $part"; failed+=("$part") ;;
  esac
done

echo; echo "=== summary ==="
printf '%s' "$timings"
echo "parts: ${#passed[@]} passed, ${#failed[@]} failed"
[ ${#failed[@]} -eq 0 ] || { echo "failed parts: ${failed[*]}"; exit 1; }
