#!/usr/bin/env bash
# Idle memory over time: starts Watcher.Host (Release build) on a fresh embedded-default database (SQLite, the
# simulated cloud), waits for /healthz/ready, sends nothing else, and prints its resident memory (VmRSS) at the
# given seconds after start. Usage: bench/idle_memory.sh [seconds...]   (default: 10 60 120 300 600)
# Run it twice to compare, e.g. with Watcher__Memory__ReleaseStartupPages=false in the environment for the second,
# one run after the other: pages that two processes map are not released (ADR 56), so side by side runs mislead.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -gt 0 ]; then marks=("$@"); else marks=(10 60 120 300 600); fi
work=$(mktemp -d); port=${BENCH_PORT:-18988}
pid=""
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
dotnet build Watcher.Host -c Release -v q >/dev/null   # always: an earlier build would be measured silently
# The build's server processes map the framework too, and pages two processes map are not released (ADR 56).
dotnet build-server shutdown >/dev/null 2>&1 || true
ConnectionStrings__Watcher="Data Source=$work/watcher.db" Urls="http://127.0.0.1:$port" Logging__LogLevel__Default=Warning \
  dotnet Watcher.Host/bin/Release/net10.0/Watcher.Host.dll >"$work/host.log" 2>&1 &
pid=$!
for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/healthz/ready" >/dev/null && break; sleep 0.5; done
echo "Idle Watcher process, fresh embedded default — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg) at start"
echo
echo "| seconds after start | resident MB |"
echo "|---:|---:|"
prev=0
for t in "${marks[@]}"; do
  sleep $((t - prev)); prev=$t
  echo "| $t | $(awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status") |"
done
