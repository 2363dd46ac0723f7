#!/usr/bin/env bash
# The test command (README): installs what the tests need on a fresh Debian machine, then runs every test.
set -euo pipefail
cd "$(dirname "$0")"

SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
# Debian packages the tests use: the real python-watcherclient (API compatibility tests), a PostgreSQL server (the
# persistence, API and integration tests also run on a throw-away cluster made with initdb) and Prometheus (a real
# server scrapes /metrics; the tests start both themselves, not as services).
missing=()
[ -x /usr/bin/watcher ] || missing+=(python3-watcherclient)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
[ -x /usr/bin/prometheus ] || missing+=(prometheus)
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 \
    "${missing[@]}" >/dev/null
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
