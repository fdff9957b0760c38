#!/usr/bin/env bash
# Run the benchmarks (figures, not pass/fail timings) against the emulator and write their tables
# into docs/benchmarks.md, below its "generated" marker (the notes above it are kept).
# Usage: scripts/bench.sh [BUILD_DIR]   (default: build-bench)
# benchmarks/loop_overhead.py runs on every ansible-core of the matrix: .venv and each .venv-core-X.Y that
# exists (make them with scripts/test.sh integration-X.Y), or the virtual environments in BENCH_CORES
# (comma-separated).
# Exits non-zero when a benchmark finds a correctness problem (a converged run that writes).
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root" || exit 1
bash scripts/bootstrap.sh || { echo "bootstrap failed"; exit 1; }
export PATH="$root/.venv/bin:$PATH"
build="$(bash scripts/stage.sh "${1:-build-bench}")" || { echo "staging failed"; exit 1; }
out="$root/docs/benchmarks.md"
marker="<!-- Everything below is written by scripts/bench.sh; edit the notes above only. -->"
tmp="$(mktemp)"
status=0
if [ -f "$out" ] && grep -qF "$marker" "$out"; then
  sed "/^$(printf '%s' "$marker" | sed 's/[][\/.*^$]/\\&/g')\$/q" "$out" > "$tmp"
else
  printf '# Benchmarks\n\n%s\n' "$marker" > "$tmp"
fi
{
  echo
  echo "Last run: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "at the start."
  echo
} >> "$tmp"
for script in requests_per_task loop_overhead fast_path_scale scale_and_memory demo_time export answer_memory network_cases fleet_cases; do
  echo "running benchmarks/$script.py" >&2
  args=(--collections "$build")
  [ "$script" = demo_time ] && args=()  # the demo builds and installs its own copy
  if [ "$script" = loop_overhead ]; then
    venvs=()
    for venv in "$root/.venv" "$root"/.venv-core-*; do [ -d "$venv" ] && venvs+=("$venv"); done
    cores="${BENCH_CORES:-$(IFS=,; echo "${venvs[*]}")}"
    args+=(--cores "$cores")
  fi
  if ! python "benchmarks/$script.py" "${args[@]}" >> "$tmp"; then
    status=1
    echo "benchmarks/$script.py failed" >&2
  fi
  echo >> "$tmp"
done
mv "$tmp" "$out"
echo "wrote $out" >&2
exit $status
