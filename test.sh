#!/usr/bin/env bash
# The test command (README): installs what the tests need on a fresh Debian machine, then runs every test.
set -euo pipefail
cd "$(dirname "$0")"

SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
# The API compatibility tests drive the real python-watcherclient (Debian package).
if ! [ -x /usr/bin/watcher ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-watcherclient >/dev/null
fi
# The metrics tests have a real Prometheus server scrape /metrics (it is started by the test, not as a service).
if ! [ -x /usr/bin/prometheus ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends prometheus >/dev/null
fi
# The dashboard's browser tests drive Debian's chromium through Playwright (browser downloads are impossible here).
if ! [ -x /usr/bin/chromium ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
fi
# The storage-fault tests mount small tmpfs filesystems (a disk that fills up, a read-only data directory):
# they need root, as here and in CI.

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Watcher.sln -c Release --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" || status=$?

# One closing line any CI reads: "N passed, N failed".
passed=$(sed -n 's/^ *Passed: *\([0-9]*\)$/\1/p' "$log" | tail -1)
failed=$(sed -n 's/^ *Failed: *\([0-9]*\)$/\1/p' "$log" | tail -1)
echo "${passed:-0} passed, ${failed:-0} failed"
exit "$status"
