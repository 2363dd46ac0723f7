#!/usr/bin/env bash
# The real OpenStack lab (../shared/tools/openstack: Keystone, Nova with 3 fake hosts, Placement, Cinder with two
# fake backends, Gnocchi, RabbitMQ on 127.0.0.1) with the settings Watcher's end-to-end suite expects.
#
#   tools/openstack-lab.sh start [--no-demo]  install what is missing, start what is not running, seed flavors,
#                                             servers and metrics (the demo); idempotent. Status in $STATUS_FILE.
#   tools/openstack-lab.sh stop [PATTERN]     stop every lab process (or only those matching, e.g. nova-api)
#   tools/openstack-lab.sh status             starting | ready | failed rc=N | absent
#
# The suite itself: ./test.sh (all tests, the lab started in the background and stopped at the end), or
#   dotnet test Watcher.Tests -c Release --filter "FullyQualifiedName~EndToEnd.OpenStack"
# which starts the lab itself when it is not up. WATCHER_E2E_OPENSTACK=0 skips the suite (and the lab).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LAB="$ROOT/../shared/tools/openstack"
export OSLAB_STATE="${OSLAB_STATE:-${TMPDIR:-/tmp}/oslab}"
export OSLAB_EXTRAS="${OSLAB_EXTRAS-cinder gnocchi}"     # Cinder: the storage suite moves volumes between its backends
export OSLAB_FAKE_LM_SECONDS="${OSLAB_FAKE_LM_SECONDS:-2}" # a fake live migration "runs" this long
export OSLAB_N_SERVERS="${OSLAB_N_SERVERS:-4}"
STATUS_FILE="$OSLAB_STATE/watcher-lab.status"
LOG_FILE="$OSLAB_STATE/watcher-lab.log"

case "${1:-}" in
  start)
    [[ -x "$LAB/setup.sh" ]] || { echo "lab scripts not found at $LAB" >&2; exit 2; }
    mkdir -p "$OSLAB_STATE"
    echo starting > "$STATUS_FILE"
    rc=0
    "$LAB/setup.sh" "${@:2}" >> "$LOG_FILE" 2>&1 || rc=$?
    if [[ $rc == 0 ]]; then echo ready > "$STATUS_FILE"; else echo "failed rc=$rc" > "$STATUS_FILE"; fi
    exit $rc ;;
  stop)
    shift; "$LAB/stop.sh" "$@" ;;
  status)
    cat "$STATUS_FILE" 2>/dev/null || echo absent ;;
  *)
    sed -n '2,15p' "$0" >&2; exit 2 ;;
esac
