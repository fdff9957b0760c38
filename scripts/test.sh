#!/usr/bin/env bash
# Run every test of the collection, or some parts: scripts/test.sh [unit] [integration] [sanity] [lint] [molecule] [docs] [demo]
#   [awx] [integration-X.Y] [sanity-X.Y]
# Sets up everything itself (virtualenv, staged collection tree, emulator) and exits non-zero if any part fails.
# integration and sanity run on the ansible-core pinned in requirements/dev.txt (.venv, the newest);
# integration-X.Y and sanity-X.Y on the one pinned in requirements/core-X.Y.txt (the oldest supported),
# each in its own virtual environment (.venv-core-X.Y) and staged tree (build-core-X.Y/).
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/bootstrap.sh || { echo "bootstrap failed"; exit 1; }
export PATH="$root/.venv/bin:$PATH"
export ANSIBLE_NOCOLOR=1 ANSIBLE_FORCE_COLOR=0 PY_COLORS=0
build="$(bash scripts/stage.sh build)" || { echo "staging failed"; exit 1; }
collection="$build/ansible_collections/envops/environments"
export ANSIBLE_COLLECTIONS_PATH="$build"

# The older cores of the matrix: one requirements/core-X.Y.txt each.
cores=()
for f in requirements/core-*.txt; do [ -f "$f" ] && cores+=("$(basename "$f" .txt | sed 's/^core-//')"); done

parts=("$@")
[ ${#parts[@]} -eq 0 ] && parts=(unit integration "${cores[@]/#/integration-}" sanity "${cores[@]/#/sanity-}" lint molecule docs demo awx)
declare -a passed=() failed=()
timings=""

run_part() {
  local name="$1"; shift
  local start end
  echo; echo "=== $name ==="
  start=$(date +%s)
  if "$@"; then passed+=("$name"); else failed+=("$name"); fi
  end=$(date +%s)
  timings+="$(printf '%-16s %4ss' "$name" "$((end - start))")"$'\n'
}

pytest_dirs() {
  local dirs=()
  for d in tests/unit tests/faults tests/security tests/bad_input; do
    [ -d "$collection/$d" ] && dirs+=("$d")
  done
  (cd "$collection" && PYTHONPATH="$build" python -m pytest -q -p no:cacheprovider "${dirs[@]}")
}

sanity() {
  # Optional: $1 the bin/ of the virtual environment whose ansible-test runs, $2 its staged collection.
  local bin="${1:-$root/.venv/bin}" dir="${2:-$collection}"
  # ansible-test downloads a pip bootstrap script from a host these machines cannot reach; put the
  # project's stand-in where it looks (the path comes from this ansible-test's own pinned pip version).
  local pip_version cache
  pip_version="$("$bin/python" -c 'import ansible_test, os, re; src = open(os.path.join(os.path.dirname(ansible_test.__file__), "_internal", "python_requirements.py")).read(); print(re.search(r"pip=.([0-9.]+).", src).group(1))')" || { echo "cannot find the pip version ansible-test pins"; return 1; }
  cache="$HOME/.ansible/test/cache/get_pip_${pip_version//./_}.py"
  mkdir -p "$(dirname "$cache")"
  cp tools/get_pip_standin.py "$cache"
  (cd "$dir" && PATH="$bin:$PATH" ansible-test sanity --venv --python 3.11 --color no)
}

core_venv() {
  # The virtual environment of ansible-core X.Y ($1), made or refreshed like .venv.
  local venv="$root/.venv-core-$1"
  bash scripts/bootstrap.sh "$venv" "$root/requirements/core-$1.txt" >&2 || return 1
  echo "$venv"
}

core_build() {
  # A staged tree of its own, so ansible-test's and the integration runner's outputs never mix.
  bash scripts/stage.sh "build-core-$1"
}

core_integration() {
  local venv staged
  venv="$(core_venv "$1")" && staged="$(core_build "$1")" || return 1
  "$venv/bin/ansible" --version | head -1
  # The staged copy of the runner: its logs go to that tree's tests/output/integration/.
  PATH="$venv/bin:$PATH" python "$staged/ansible_collections/envops/environments/tests/run_integration.py" --collections "$staged"
}

core_sanity() {
  local venv staged
  venv="$(core_venv "$1")" && staged="$(core_build "$1")" || return 1
  "$venv/bin/ansible" --version | head -1
  sanity "$venv/bin" "$staged/ansible_collections/envops/environments"
}

lint() {
  # The whole tree, with the profile and exclusions of .ansible-lint.
  (cd "$collection" && ansible-lint --offline)
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
    awx) run_part awx python tests/run_awx_jobs.py ;;
    integration-*) run_part "$part" core_integration "${part#integration-}" ;;
    sanity-*) run_part "$part" core_sanity "${part#sanity-}" ;;
    *) echo "unknown part: $part"; failed+=("$part") ;;
  esac
done

echo; echo "=== summary ==="
printf '%s' "$timings"
echo "parts: ${#passed[@]} passed, ${#failed[@]} failed"
[ ${#failed[@]} -eq 0 ] || { echo "failed parts: ${failed[*]}"; exit 1; }
