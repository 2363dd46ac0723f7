#!/usr/bin/env bash
# List pages on a big database: fills a SQLite file (or, with BENCH_PROVIDER=postgresql, a throw-away PostgreSQL
# cluster made with Debian's initdb) with 100 000 actions (1 000 audits, 1 000 plans of 100 actions, 3 000 efficacy
# indicators), starts Watcher.Host on it, and prints a markdown table: single-request latency (median of 15,
# unloaded), then throughput and latency at 64 connections with wrk (list pages and single GETs), and the process's
# resident memory (idle after start, peak under load, after). Needs `wrk` (Debian package), /usr/bin/python3
# (sqlite3 module) and for PostgreSQL the `postgresql` package.
# Usage: [BENCH_PROVIDER=sqlite|postgresql] [BENCH_WARMUP=s] bench/list_paging.sh [actions] [wrk-seconds]   (defaults: 5; 100000 20)
set -euo pipefail
cd "$(dirname "$0")/.."
actions=${1:-100000}
seconds=${2:-20}
warmup=${BENCH_WARMUP:-5}   # seconds of unmeasured load before each measured wrk run
provider=${BENCH_PROVIDER:-sqlite}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

work=$(mktemp -d /tmp/watcher-bench-XXXXXX)
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null
  [ -f "$work/pg/data/postmaster.pid" ] && kill -INT "$(head -1 "$work/pg/data/postmaster.pid")" 2>/dev/null && sleep 2
  [ -n "${KEEP_DB:-}" ] && cp "$work/watcher.db" "$KEEP_DB"   # KEEP_DB=path keeps the filled database for EXPLAIN
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build Watcher.Host -c Release -v q >/dev/null
connection="Data Source=$work/watcher.db"
if [ "$provider" = postgresql ]; then
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  pgport=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as=""; if [ "$(id -u)" -eq 0 ]; then as="runuser -u postgres --"; fi   # initdb and postgres refuse root
  mkdir -p "$work/pg"; [ -n "$as" ] && chown postgres "$work" "$work/pg"
  $as "$pgbin/initdb" -D "$work/pg/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  $as "$pgbin/postgres" -D "$work/pg/data" -p "$pgport" -c listen_addresses=127.0.0.1 -c unix_socket_directories="$work/pg" \
    -c max_connections=200 -c shared_buffers=256MB >"$work/pg/log" 2>&1 &
  for _ in $(seq 1 60); do psql -h 127.0.0.1 -p "$pgport" -U postgres -Atqc "create database watcher" 2>/dev/null && break; sleep 0.5; done
  connection="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=watcher"
fi
psql_() { psql -h 127.0.0.1 -p "$pgport" -U postgres -d watcher -Atq "$@"; }
start_host() {
  # The simulator's background work (model sync, heartbeats) runs as usual; the audits seeded below are finished.
  ConnectionStrings__Watcher="$connection" Watcher__Database__Provider="$provider" Urls="$base" Logging__LogLevel__Default=Warning \
    dotnet Watcher.Host/bin/Release/net10.0/Watcher.Host.dll >"$work/host.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do curl -sf "$base/v1/goals" >/dev/null && return 0; sleep 0.5; done
  echo "Watcher did not start:" >&2; cat "$work/host.log" >&2; exit 1
}
stop_host() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }

# 1. An empty, migrated database with the synced catalog.
start_host; stop_host

# 2. Fill it as a long-running deployment would look (all finished work; timestamps spread over 100 days).
if [ "$provider" = postgresql ]; then
plans=$(( actions / 100 > 0 ? actions / 100 : 1 ))
psql_ <<SQL
insert into audits (uuid, name, audit_type, state, parameters, interval, goal_id, strategy_id, scope, auto_trigger,
  next_run_time, hostname, start_time, end_time, force, status_message, version, created_at, updated_at, deleted_at, deleted)
select gen_random_uuid()::text, 'audit-' || p, 'ONESHOT', 'SUCCEEDED', '{}', null, s.goal_id, s.id, '[]', false, null,
  'bench-host', null, null, false, null, 2, t, t, null, 0
from generate_series(0, $plans - 1) p, strategies s,
  lateral (select timestamptz '2026-08-01 00:00:00+00' + (p * 100) * (interval '100 days' / $actions) as t) ts
where s.name = 'dummy' order by p;
insert into action_plans (uuid, audit_id, strategy_id, state, global_efficacy, hostname, status_message, version,
  created_at, updated_at, deleted_at, deleted)
select gen_random_uuid()::text, a.id, a.strategy_id, 'SUCCEEDED',
  '[{"name": "instance_migrations_count", "description": "Moves", "unit": null, "value": 100}]', 'bench-host', null, 3,
  a.created_at, a.created_at, null, 0
from audits a order by a.id;
insert into efficacy_indicators (uuid, name, description, unit, data, action_plan_id, created_at, updated_at, deleted_at, deleted)
select gen_random_uuid()::text, n, 'an indicator', null, 7.0, p.id, p.created_at, null, null, 0
from action_plans p, unnest(array['instance_migrations_count', 'released_compute_nodes_count', 'compute_nodes_count']) n;
insert into actions (uuid, action_plan_id, action_type, input_parameters, state, parents, status_message, created_at,
  updated_at, deleted_at, deleted)
select gen_random_uuid()::text, least(i / 100 + 1, $plans), 'migrate',
  json_build_object('migration_type', 'live', 'source_node', 'compute-' || i % 97, 'destination_node', 'compute-' || (i + 1) % 97,
    'resource_id', gen_random_uuid(), 'resource_name', 'vm-' || i)::text,
  'SUCCEEDED', '[]', null, t, t, null, 0
from generate_series(0, $actions - 1) i,
  lateral (select timestamptz '2026-08-01 00:00:00+00' + i * (interval '100 days' / $actions) as t) ts order by i;
analyze;
SQL
else
/usr/bin/python3 - "$work/watcher.db" "$actions" <<'PY'
import json, sqlite3, sys, uuid, datetime
db, actions = sqlite3.connect(sys.argv[1]), int(sys.argv[2])
plans = max(1, actions // 100)
goal, strategy = db.execute("select goal_id, id from strategies where name = 'dummy'").fetchone()
t0 = datetime.datetime(2026, 8, 1)
ts = lambda i: (t0 + datetime.timedelta(seconds=i * 86400 * 100 / actions)).strftime("%Y-%m-%d %H:%M:%S.%f")
audits, action_plans, indicators, rows = [], [], [], []
for p in range(plans):
    created = ts(p * 100)
    audits.append((str(uuid.uuid4()), f"audit-{p}", "ONESHOT", "SUCCEEDED", "{}", None, goal, strategy, "[]", 0, None,
                   "bench-host", None, None, 0, None, 2, created, created, None, 0))
    action_plans.append((str(uuid.uuid4()), p + 1, strategy, "SUCCEEDED", json.dumps([{"name": "instance_migrations_count",
                         "description": "Moves", "unit": None, "value": 100}]), "bench-host", None, 3, created, created, None, 0))
    for name in ("instance_migrations_count", "released_compute_nodes_count", "compute_nodes_count"):
        indicators.append((str(uuid.uuid4()), name, "an indicator", None, 7.0, p + 1, created, None, None, 0))
for i in range(actions):
    plan = i // 100 + 1 if i // 100 < plans else plans
    params = {"migration_type": "live", "source_node": f"compute-{i % 97}", "destination_node": f"compute-{(i + 1) % 97}",
              "resource_id": str(uuid.uuid4()), "resource_name": f"vm-{i}"}
    rows.append((str(uuid.uuid4()), plan, "migrate", json.dumps(params), "SUCCEEDED", "[]", None, ts(i), ts(i), None, 0))
db.executemany("""insert into audits (uuid, name, audit_type, state, parameters, interval, goal_id, strategy_id, scope,
    auto_trigger, next_run_time, hostname, start_time, end_time, force, status_message, version, created_at, updated_at,
    deleted_at, deleted) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""", audits)
db.executemany("""insert into action_plans (uuid, audit_id, strategy_id, state, global_efficacy, hostname, status_message,
    version, created_at, updated_at, deleted_at, deleted) values (?,?,?,?,?,?,?,?,?,?,?,?)""", action_plans)
db.executemany("""insert into efficacy_indicators (uuid, name, description, unit, data, action_plan_id, created_at,
    updated_at, deleted_at, deleted) values (?,?,?,?,?,?,?,?,?,?)""", indicators)
db.executemany("""insert into actions (uuid, action_plan_id, action_type, input_parameters, state, parents, status_message,
    created_at, updated_at, deleted_at, deleted) values (?,?,?,?,?,?,?,?,?,?,?)""", rows)
db.commit()
db.execute("analyze")
db.close()
PY
fi

# 3. Measure.
start_host
query() {
  if [ "$provider" = postgresql ]; then psql_ -c "$1"
  else /usr/bin/python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$work/watcher.db" "$1"; fi
}
marker=$(query "select uuid from actions where id = $(( actions / 2 ))")
plan=$(query "select uuid from action_plans order by id desc limit 1")
audit=$(query "select uuid from audits order by id desc limit 1")
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
hwm_kb() { awk '/^VmHWM/ {print $2}' "/proc/$1/status"; }
median_ms() {
  for _ in $(seq 1 15); do curl -s -o /dev/null -w '%{time_total}\n' "$base$1"; done | sort -n | sed -n 8p |
    awk '{printf "%.1f", $1 * 1000}'
}

sleep 10   # idle: started, catalog synced, no request yet but the readiness probe
idle_kb=$(rss_kb "$pid")
echo "Watcher list pages, $provider, $actions actions — $(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(uname -m)"
echo
echo "| request | median latency, unloaded |"
echo "|---|---|"
for url in "/v1/actions?limit=50" "/v1/actions/detail?limit=50" "/v1/actions?limit=50&marker=$marker" \
    "/v1/actions?limit=50&action_plan_uuid=$plan" "/v1/actions?limit=50&sort_key=created_at&sort_dir=desc" \
    "/v1/actions?limit=50&sort_key=action_plan_uuid" "/v1/actions?limit=50&sort_key=updated_at" \
    "/v1/action_plans/detail?limit=50" "/v1/audits?limit=50&sort_key=goal_name" "/v1/actions" ; do
  echo "| \`GET ${url/$marker/<marker>}\` | $(median_ms "$url") ms |" | sed "s/$plan/<plan>/"
done
echo
echo "| wrk, 64 connections, ${seconds} s | req/s | p50 | p99 | errors |"
echo "|---|---|---|---|---|"
peak=0
for url in "/v1/actions?limit=50" "/v1/actions/detail?limit=50&marker=$marker" "/v1/actions/$marker" "/v1/audits/$audit"; do
  (while kill -0 "$pid" 2>/dev/null; do rss_kb "$pid"; sleep 0.5; done) >"$work/rss" &
  sampler=$!
  # Warm-up, not counted: the first seconds under load are the JIT recompiling the request path (tiered
  # compilation) on the same two cores; the table is about the steady state.
  wrk -t2 -c64 -d"${warmup}s" "$base$url" >/dev/null 2>&1 || true
  wrk -t2 -c64 -d"${seconds}s" --latency "$base$url" >"$work/wrk" 2>&1 || true
  kill $sampler 2>/dev/null; wait $sampler 2>/dev/null || true
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk")
  p50=$(awk '$1 == "50%" {print $2}' "$work/wrk")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk")
  errors=$(awk '/Non-2xx|Socket errors/ {printf "%s ", $0}' "$work/wrk")
  echo "| \`GET ${url/$marker/<marker>}\` | $rps | $p50 | $p99 | ${errors:-none} |" | sed "s/$audit/<audit>/"
done
echo
echo "Resident memory of the Watcher process: idle after start $(( idle_kb / 1024 )) MB, peak $(( $(hwm_kb "$pid") / 1024 )) MB, after the runs $(( $(rss_kb "$pid") / 1024 )) MB."
