#!/usr/bin/env bash
# Run every test of the collection, or some parts:
#   scripts/test.sh [--jobs N] [PART ...]
# Parts: unit integration sanity lint molecule docs demo awx on the main ansible-core (.venv, pinned in
# requirements/dev.txt, the newest stable release), and unit-X.Y integration-X.Y sanity-X.Y on each
# other core of the matrix (.venv-core-X.Y, pinned in requirements/core-X.Y.txt: the oldest supported
# release and the next pre-release). No PART: all of them.
#
# Sets up everything itself (virtual environments, a staged collection tree per part, emulators on
# free ports), checks the prerequisites first and stops at once naming what to install. Parts run
# N at a time (default: the number of CPUs; TEST_JOBS=N does the same); each part's output goes to
# build/test-logs/PART.log and is shown whole when the part ends (live when one part runs at a time).
# A part fails when its command fails, and also when its output holds an ERROR, Traceback or
# DEPRECATION line (see alarm below: no part prints one on purpose). Exits non-zero if any
# part fails; the summary gives each part's core, result, time and closing line.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root" || exit 1
# shellcheck source=scripts/pythons.sh
source "$root/scripts/pythons.sh"
export ANSIBLE_NOCOLOR=1 ANSIBLE_FORCE_COLOR=0 PY_COLORS=0 NO_COLOR=1
logs="$root/build/test-logs"
started_at=$SECONDS

# --- the matrix --------------------------------------------------------------------------------------
core_of_file() { sed -n 's/^ansible-core==\([0-9]*\.[0-9]*\)\..*/\1/p' "$1"; }
main_core="$(core_of_file requirements/dev.txt)"
cores=()
while IFS= read -r f; do
  cores+=("$(basename "$f" .txt | sed 's/^core-//')")
done < <(printf '%s\n' requirements/core-*.txt | sort -V)
# The target-side Python: compile and import sanity tests run on it too where the controller Python
# of a core is newer (on ansible-core 2.20+ the controller needs 3.12+, but modules still run on 3.11).
target_python=3.11

venv_of() {   # the virtual environment of a core
  if [ "$1" = "$main_core" ]; then echo "$root/.venv"; else echo "$root/.venv-core-$1"; fi
}
requirements_of() {
  if [ "$1" = "$main_core" ]; then echo "$root/requirements/dev.txt"; else echo "$root/requirements/core-$1.txt"; fi
}
core_of_part() {  # unit -> main core, unit-2.16 -> 2.16
  case "$1" in
    *-[0-9]*.[0-9]*) echo "${1##*-}" ;;
    *) echo "$main_core" ;;
  esac
}
kind_of_part() { echo "${1%%-[0-9]*}"; }

# --- arguments ---------------------------------------------------------------------------------------
jobs="${TEST_JOBS:-$(nproc 2>/dev/null || echo 2)}"
parts=()
while [ $# -gt 0 ]; do
  case "$1" in
    --jobs) jobs="$2"; shift 2 ;;
    --jobs=*) jobs="${1#--jobs=}"; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) parts+=("$1"); shift ;;
  esac
done
if [ ${#parts[@]} -eq 0 ]; then
  # Longest first, so that the short ones fill the gaps at the end.
  for core in "$main_core" "${cores[@]}"; do parts+=("integration-$core"); done
  for core in "$main_core" "${cores[@]}"; do parts+=("sanity-$core"); done
  for core in "$main_core" "${cores[@]}"; do parts+=("unit-$core"); done
  parts+=(awx molecule demo docs lint)
fi
# The main core's parts are named without it (integration, not integration-2.21); both are accepted.
for i in "${!parts[@]}"; do parts[i]="${parts[$i]%-"$main_core"}"; done
for part in "${parts[@]}"; do
  kind="$(kind_of_part "$part")" core="$(core_of_part "$part")"
  case "$kind" in
    unit|integration|sanity) ;;
    lint|molecule|docs|demo|awx) [ "$part" = "$kind" ] || { echo "$part: $kind runs on the main core only (name it $kind)"; exit 2; } ;;
    *) echo "unknown part: $part (parts: unit integration sanity lint molecule docs demo awx; unit-X.Y integration-X.Y sanity-X.Y)"; exit 2 ;;
  esac
  [ -f "$(requirements_of "$core")" ] || { echo "$part: no requirements/core-$core.txt (cores: $main_core ${cores[*]})"; exit 2; }
done

# --- prerequisites, all checked before anything runs -------------------------------------------------
needed_cores=()
needs_sanity=0
for part in "${parts[@]}"; do
  core="$(core_of_part "$part")"
  [[ " ${needed_cores[*]} " == *" $core "* ]] || needed_cores+=("$core")
  [ "$(kind_of_part "$part")" = sanity ] && needs_sanity=1
done
[[ " ${needed_cores[*]} " == *" $main_core "* ]] || needed_cores+=("$main_core")   # the runners use .venv's tools
missing=()
command -v git >/dev/null 2>&1 || missing+=("git (scripts/stage.sh lists the collection's files with git ls-files)")
declare -A python_path=()
python_versions=()
for core in "${needed_cores[@]}"; do python_versions+=("$(required_python "$(requirements_of "$core")")"); done
[ "$needs_sanity" -eq 1 ] && python_versions+=("$target_python")
for version in "${python_versions[@]}"; do
  [ -n "${python_path[$version]:-}" ] && continue
  if found="$(find_python "$version" "for the ansible-core matrix" 2>&1)"; then python_path[$version]="$found"; else missing+=("$found"); fi
done
if [ "$needs_sanity" -eq 1 ] && ! command -v shellcheck >/dev/null 2>&1; then
  # ansible-test's shellcheck sanity test skips itself without it: install it where we may.
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing shellcheck (Debian package) for ansible-test's shellcheck sanity test"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq shellcheck; } >/dev/null 2>&1
  fi
  command -v shellcheck >/dev/null 2>&1 ||
    missing+=("shellcheck, for the sanity parts (Debian, Ubuntu: apt-get install shellcheck; Fedora: dnf install ShellCheck; macOS: brew install shellcheck)")
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "scripts/test.sh cannot run: install first"
  printf '  - %s\n' "${missing[@]}"
  exit 1
fi
# The Pythons found, by their pythonX.Y names, for ansible-test (it looks them up on PATH).
mkdir -p "$logs" "$root/build/pythons"
for version in "${!python_path[@]}"; do ln -sfn "${python_path[$version]}" "$root/build/pythons/python$version"; done

# --- virtual environments, made in parallel ----------------------------------------------------------
bootstrap_started=$SECONDS
declare -A bootstrap_pids=()
for core in "${needed_cores[@]}"; do
  bash scripts/bootstrap.sh "$(venv_of "$core")" "$(requirements_of "$core")" >"$logs/bootstrap-$core.log" 2>&1 &
  bootstrap_pids[$core]=$!
done
bootstrap_failed=0
for core in "${needed_cores[@]}"; do
  wait "${bootstrap_pids[$core]}" || bootstrap_failed=1
  cat "$logs/bootstrap-$core.log"
done
[ "$bootstrap_failed" -eq 0 ] || { echo "bootstrap failed"; exit 1; }
bootstrap_time=$((SECONDS - bootstrap_started))

# --- the parts ---------------------------------------------------------------------------------------
stage() {
  # A staged tree of the part's own (build-PART/), so no two parts share outputs; prints the tree.
  bash "$root/scripts/stage.sh" "build-$1"
}

describe_core() {
  "$1/bin/python" -c 'import ansible.release, platform; print("ansible-core %s on Python %s" % (ansible.release.__version__, platform.python_version()))'
}

part_unit() {
  local tree collection dirs=() d
  tree="$(stage "$1")" || return 1
  collection="$tree/ansible_collections/envops/environments"
  for d in tests/unit tests/faults tests/security tests/bad_input; do [ -d "$collection/$d" ] && dirs+=("$d"); done
  # pytest-xdist: one worker per CPU; each worker starts its own emulator on a free port.
  # ansible-core 2.16 imports the crypt module, which Python 3.11 and 3.12 flag as deprecated: the
  # core's warning, not the collection's, so it is the one warning filtered here.
  (cd "$collection" && PYTHONPATH="$tree" python -m pytest -q -p no:cacheprovider -n auto \
    -W "ignore:'crypt' is deprecated:DeprecationWarning:ansible.utils.encrypt" "${dirs[@]}")
}

part_integration() {
  local tree collection rc
  tree="$(stage "$1")" || return 1
  collection="$tree/ansible_collections/envops/environments"
  # The staged copy of the runner: its -vvvv logs go to that tree's tests/output/integration/.
  echo "-vvvv logs: ${collection#"$root"/}/tests/output/integration/"
  python "$collection/tests/run_integration.py" --collections "$tree"
  rc=$?
  echo "integration: $(grep -c '^PASS .*\[fast\]' "$logs/$1.log") passed fast path, $(grep -c '^PASS .*\[module\]' "$logs/$1.log")" \
    "passed as module, $(grep -c '^FAIL ' "$logs/$1.log") failed"
  return $rc
}

install_ansible_test_standins() {
  # ansible-test fetches two things from hosts these machines cannot reach: its pip bootstrap script
  # (it looks in its cache first: put tools/get_pip_standin.py there under the name of the pip version
  # this ansible-test pins) and, on some cores, source archives in its sanity requirements (pip looks
  # in its wheel cache first: tools/archive_standins.py puts a release from the package registry there).
  local ansible_test pip_version cache
  ansible_test="$(python -c 'import ansible_test, os; print(os.path.dirname(ansible_test.__file__))')" || return 1
  pip_version="$(python -c 'import re, sys; print(re.search(r"pip=.([0-9.]+).", open(sys.argv[1]).read()).group(1))' \
    "$ansible_test/_internal/python_requirements.py")" || { echo "cannot find the pip version ansible-test pins"; return 1; }
  cache="$HOME/.ansible/test/cache/get_pip_${pip_version//./_}.py"
  mkdir -p "$(dirname "$cache")"
  if ! cmp -s tools/get_pip_standin.py "$cache"; then
    cp tools/get_pip_standin.py "$cache.$$" && mv -f "$cache.$$" "$cache"
  fi
  python tools/archive_standins.py --ansible-test "$ansible_test" "${@/#/--python=}"
}

part_sanity() {
  local tree collection controller runs=0 tests
  tree="$(stage "$1")" || return 1
  collection="$tree/ansible_collections/envops/environments"
  controller="$(python -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
  install_ansible_test_standins "$controller" "$target_python" || return 1
  # Every test on the controller's Python: on 2.20+ only there does the import test cover the
  # controller-side plugins (action, inventory, filter).
  (cd "$collection" && ansible-test sanity --venv --python "$controller" --color no) || return 1
  tests="$(grep -c '^Running sanity test' "$logs/$1.log" 2>/dev/null || true)"
  echo "sanity: ${tests:-?} tests passed on Python $controller"
  if [ "$controller" != "$target_python" ]; then
    # The tests that depend on the Python version, again on the modules' target Python.
    (cd "$collection" && ansible-test sanity --venv --python "$target_python" --color no --test compile --test import) || return 1
    runs="$(grep -c "^Running sanity test .* on Python $target_python" "$logs/$1.log" 2>/dev/null || true)"
    echo "sanity: ${tests:-?} tests passed on Python $controller, ${runs:-?} (compile, import) on Python $target_python"
  fi
}

part_lint() {
  # The whole tree, with the profile and exclusions of .ansible-lint.
  local tree
  tree="$(stage "$1")" || return 1
  (cd "$tree/ansible_collections/envops/environments" && ANSIBLE_COLLECTIONS_PATH="$tree" ansible-lint --offline)
}

part_molecule() {
  local tree
  tree="$(stage "$1")" || return 1
  ANSIBLE_COLLECTIONS_PATH="$tree" bash scripts/molecule.sh || return 1
  echo "molecule: scenario default passed (syntax, prepare, converge, idempotence, verify, cleanup)"
}

part_docs() {
  # Every module's documentation renders (one ansible-doc for all: it reports a plugin it cannot
  # render on stderr and goes on), and the doc fragments match options.py.
  local tree ok=0 module modules=() out err
  tree="$(stage "$1")" || return 1
  (PYTHONPATH="$tree" python tools/gen_doc_fragments.py --check) || ok=1
  for module in plugins/modules/*.py; do modules+=("$(basename "$module" .py)"); done
  out="$(mktemp -t envops-ansible-doc.XXXXXX)" err="$(mktemp -t envops-ansible-doc-err.XXXXXX)"
  if ! ANSIBLE_COLLECTIONS_PATH="$tree" ansible-doc "${modules[@]/#/envops.environments.}" >"$out" 2>"$err" || [ -s "$err" ]; then
    echo "ansible-doc failed:"; cat "$err"; ok=1
  fi
  for module in "${modules[@]}"; do
    grep -q "/plugins/modules/$module.py)" "$out" || { echo "ansible-doc did not render envops.environments.$module"; ok=1; }
  done
  rm -f "$out" "$err"
  [ $ok -eq 0 ] && echo "docs: ansible-doc renders ${#modules[@]} modules; doc fragments match options.py"
  return $ok
}

run_part() {
  # The body of one part, in the environment of its core.
  local part="$1" kind core venv
  kind="$(kind_of_part "$part")" core="$(core_of_part "$part")"
  venv="$(venv_of "$core")"
  export PATH="$venv/bin:$root/build/pythons:$PATH"
  echo "$part: $(describe_core "$venv") ($(basename "$venv"))"
  case "$kind" in
    unit) part_unit "$part" ;;
    integration) part_integration "$part" ;;
    sanity) part_sanity "$part" ;;
    lint) part_lint "$part" ;;
    molecule) part_molecule "$part" ;;
    docs) part_docs "$part" ;;
    demo) python scripts/demo.py ;;
    awx) python tests/run_awx_jobs.py ;;
  esac
}

# --- what a green log may hold ------------------------------------------------------------------------
alarm='ERROR|Traceback|DEPRECATION|DeprecationWarning'
# No part prints such a line on purpose in a green run: the suites print nothing for a passing test, a
# deliberate fault's emulator log goes to a file, and warnings are silenced at their source
# (docs/DEVELOPING.md). So every one is an alarm.
alarms_in() {
  # The lines of log $1 that match $alarm.
  grep -E "$alarm" "$1"
}

# --- the scheduler -----------------------------------------------------------------------------------
declare -A pid_of=() start_of=() result_of=() time_of=()
queue=("${parts[@]}")
running=()
live=0
{ [ "$jobs" -le 1 ] || [ ${#parts[@]} -eq 1 ]; } && live=1

finish_part() {
  local part="$1" rc="$2" log="$logs/$1.log" alarms
  time_of[$part]=$((SECONDS - ${start_of[$part]}))
  if [ "$live" -eq 0 ]; then
    echo; echo "=== $part ($(printf '%dm%02ds' $((time_of[$part] / 60)) $((time_of[$part] % 60)))) ==="
    cat "$log"
  fi
  alarms="$(alarms_in "$log")"
  if [ "$rc" -ne 0 ]; then
    result_of[$part]=failed
  elif [ -n "$alarms" ]; then
    result_of[$part]=failed
    echo "$part: its output holds ERROR, Traceback or DEPRECATION lines that a green run must not hold:"
    printf '%s\n' "$alarms" | head -n 20 | sed 's/^/  | /'
  else
    result_of[$part]=passed
  fi
  echo "--- $part ${result_of[$part]} in ${time_of[$part]}s (log: ${log#"$root"/})"
}

is_sanity_running() {
  local p
  for p in "${running[@]}"; do [ "$(kind_of_part "$p")" = sanity ] && return 0; done
  return 1
}

start_next() {
  # The first queued part that may start now: two sanity parts never run together (ansible-test
  # makes its virtual environments in ~/.ansible/test, shared between cores).
  local i part
  for i in "${!queue[@]}"; do
    part="${queue[$i]}"
    if [ "$(kind_of_part "$part")" = sanity ] && is_sanity_running; then continue; fi
    unset "queue[$i]"; queue=("${queue[@]}")
    start_of[$part]=$SECONDS
    if [ "$live" -eq 1 ]; then
      echo; echo "=== $part ==="
      ( run_part "$part"; rc=$?; times >"$logs/$part.times"; exit $rc ) 2>&1 | tee "$logs/$part.log"
      finish_part "$part" "${PIPESTATUS[0]}"
    else
      ( run_part "$part"; rc=$?; times >"$logs/$part.times"; exit $rc ) >"$logs/$part.log" 2>&1 &
      pid_of[$part]=$!
      running+=("$part")
      echo "... $part started ($(date +%H:%M:%S))"
    fi
    return 0
  done
  return 1
}

while [ ${#queue[@]} -gt 0 ] || [ ${#running[@]} -gt 0 ]; do
  while [ ${#running[@]} -lt "$jobs" ] && [ ${#queue[@]} -gt 0 ] && start_next; do :; done
  [ ${#running[@]} -gt 0 ] || continue
  sleep 1
  still=()
  for part in "${running[@]}"; do
    if kill -0 "${pid_of[$part]}" 2>/dev/null; then still+=("$part"); continue; fi
    wait "${pid_of[$part]}"
    finish_part "$part" $?
  done
  running=("${still[@]}")
done

cpu_seconds() {
  # The children's user and system time from the `times` line the part's shell wrote as it ended.
  tail -n 1 "$logs/$1.times" 2>/dev/null | awk '{
    total = 0
    for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); total += t[1] * 60 + t[2] }
    printf "%d", total + 0.5 }'
}

# --- summary -----------------------------------------------------------------------------------------
wall=$((SECONDS - started_at))
echo; echo "=== summary: $(printf '%dm%02ds' $((wall / 60)) $((wall % 60))) wall, $jobs at a time ==="
# time: the part's wall time; cpu: the CPU seconds (user + system) of its processes, which other
# work on the machine does not inflate.
printf '%-17s %-10s %-7s %6s %6s  %s\n' part core result time cpu "closing line"
printf '%-17s %-10s %-7s %5ss %6s  %s\n' bootstrap "" "done" "$bootstrap_time" "" "virtual environments: ${needed_cores[*]}"
passed=0 failed=0 failed_parts=()
for part in "${parts[@]}"; do
  version="$("$(venv_of "$(core_of_part "$part")")/bin/python" -c 'import ansible.release as r; print(r.__version__)' 2>/dev/null)"
  closing="$(grep -v '^[[:space:]]*$' "$logs/$part.log" | tail -n 1 | cut -c1-90)"
  printf '%-17s %-10s %-7s %5ss %5ss  %s\n' "$part" "$version" "${result_of[$part]}" "${time_of[$part]}" "$(cpu_seconds "$part")" "$closing"
  if [ "${result_of[$part]}" = passed ]; then passed=$((passed + 1)); else failed=$((failed + 1)); failed_parts+=("$part"); fi
done
echo "parts: $passed passed, $failed failed"
[ "$failed" -eq 0 ] || { echo "failed parts: ${failed_parts[*]}"; exit 1; }
