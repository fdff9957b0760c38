#!/usr/bin/env bash
# Run the benchmarks (figures, not pass/fail timings) against the emulator and write their tables
# to docs/benchmarks.md. Usage: scripts/bench.sh [BUILD_DIR]   (default: build-bench)
# Exits non-zero when a benchmark finds a correctness problem (a converged run that writes).
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export PATH="$root/.venv/bin:$PATH"
build="$(bash scripts/stage.sh "${1:-build-bench}")" || { echo "staging failed"; exit 1; }
out="$root/docs/benchmarks.md"
tmp="$(mktemp)"
status=0
{
  echo "# Benchmarks"
  echo
  echo "Written by \`scripts/bench.sh\` (\`make bench\`) on $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs,"
  echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the start. Every figure comes from a real"
  echo "\`ansible\`/\`ansible-playbook\` run against the emulator; request counts come from the emulator's"
  echo "request log and are exact, times are wall-clock and move with the machine's load."
  echo
  echo "Scripts: \`benchmarks/requests_per_task.py\`, \`benchmarks/loop_overhead.py\`,"
  echo "\`benchmarks/scale_and_memory.py\` (each takes \`--collections BUILD_DIR\`). Product walkthrough"
  echo "figures: \`docs/benchmarks-plutora.md\`, \`docs/benchmarks-flexdeploy.md\`."
  echo
} > "$tmp"
for script in requests_per_task loop_overhead scale_and_memory; do
  echo "running benchmarks/$script.py" >&2
  if ! python "benchmarks/$script.py" --collections "$build" >> "$tmp"; then
    status=1
    echo "benchmarks/$script.py failed" >&2
  fi
  echo >> "$tmp"
done
mv "$tmp" "$out"
echo "wrote $out" >&2
exit $status
