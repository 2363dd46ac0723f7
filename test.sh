#!/usr/bin/env bash
# The test command (README): installs what the tests need on a fresh Debian machine, then runs every test.
#
# With no arguments: the real OpenStack lab (../shared/tools/openstack, via tools/openstack-lab.sh) starts in
# the background while the other tests run; the end-to-end suite against it runs last; the lab is stopped at
# the end if this script started it. WATCHER_E2E_OPENSTACK=0 skips the lab and that suite (they show as skipped).
# With arguments: one `dotnet test` with them (e.g. --filter ...); the suite starts the lab itself if selected.
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages: the real python-watcherclient and the openstack CLI (API compatibility tests, both front ends), a real Prometheus (datasource tests;
# the metrics tests have it scrape /metrics — started by the tests, never as a service), PostgreSQL (the persistence,
# API and integration tests also run on a throw-away cluster the tests make with initdb), the openstack CLI's
# placement commands (end-to-end checks), RabbitMQ (our notifications on the bus: the tests start a throw-away broker
# of their own on loopback, never the system service) and oslo.messaging (its own listener reads them), chromium for
# the dashboard's browser tests (Playwright drives it by path: browser downloads are impossible here).
need=()
[ -x /usr/bin/chromium ] || need+=(chromium fonts-liberation)
[ -x /usr/bin/watcher ] || need+=(python3-watcherclient)
[ -x /usr/bin/openstack ] || need+=(python3-openstackclient)   # the `openstack optimize` front end of the client tests
[ -x /usr/bin/prometheus ] && [ -x /usr/bin/promtool ] || need+=(prometheus)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] && command -v epmd >/dev/null || need+=(rabbitmq-server)
/usr/bin/python3 -c 'import oslo_messaging' 2>/dev/null || need+=(python3-oslo.messaging)
if [ "${WATCHER_E2E_OPENSTACK:-1}" != 0 ]; then
  dpkg-query -W -f='${db:Status-Status}' python3-osc-placement 2>/dev/null | grep -qx installed || need+=(python3-osc-placement)
fi
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  # No daemon may start from a package's maintainer script (prometheus would listen on 0.0.0.0:9090, rabbitmq on 5672).
  made_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null; $SUDO chmod +x /usr/sbin/policy-rc.d; made_policy=1
  fi
  $SUDO apt-get update -qq -o DPkg::Lock::Timeout=900
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=900 "${need[@]}" >/dev/null
  [ $made_policy = 1 ] && $SUDO rm -f /usr/sbin/policy-rc.d
fi

# The storage-fault tests mount small tmpfs filesystems (a disk that fills up, a read-only data directory):
# they need root, as here and in CI.

log=$(mktemp)
lab_pid=""; lab_started=0
cleanup() {
  rm -f "$log"
  if [ -n "$lab_pid" ] && kill -0 "$lab_pid" 2>/dev/null; then kill "$lab_pid" 2>/dev/null || true; wait "$lab_pid" 2>/dev/null || true; fi
  if [ $lab_started = 1 ]; then tools/openstack-lab.sh stop >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

status=0
if [ $# -gt 0 ]; then
  dotnet test Watcher.sln -c Release --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" || status=$?
else
  if [ "${WATCHER_E2E_OPENSTACK:-1}" != 0 ]; then
    export OSLAB_STATE="${OSLAB_STATE:-${TMPDIR:-/tmp}/oslab}"
    # Already up (a developer's lab): leave it running afterwards.
    if ! (exec 3<>/dev/tcp/127.0.0.1/15000) 2>/dev/null; then lab_started=1; fi
    mkdir -p "$OSLAB_STATE"; rm -f "$OSLAB_STATE/watcher-lab.status"
    export WATCHER_OSLAB_STATUS="$OSLAB_STATE/watcher-lab.status"
    tools/openstack-lab.sh start >/dev/null 2>&1 &
    lab_pid=$!
    echo "OpenStack lab starting in the background (log: $OSLAB_STATE/watcher-lab.log)"
  fi
  dotnet test Watcher.sln -c Release --logger "console;verbosity=normal" \
    --filter "FullyQualifiedName!~EndToEnd.OpenStack" 2>&1 | tee "$log" || status=$?
  dotnet test Watcher.sln -c Release --no-build --logger "console;verbosity=normal" \
    --filter "FullyQualifiedName~EndToEnd.OpenStack" 2>&1 | tee -a "$log" || status=$?
fi

# One closing line any CI reads: "N passed, N failed" (summed over the runs above).
passed=$(sed -n 's/^ *Passed: *\([0-9]*\)$/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
failed=$(sed -n 's/^ *Failed: *\([0-9]*\)$/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
skipped=$(sed -n 's/^ *Skipped: *\([0-9]*\)$/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
echo "${passed} passed, ${failed} failed$([ "$skipped" -gt 0 ] && echo ", ${skipped} skipped")"
exit "$status"
