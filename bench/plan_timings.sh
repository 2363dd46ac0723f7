#!/usr/bin/env bash
# Speed figures of the offline planner on the shared generated scenarios, printed per strategy and size.
# Compare with upstream's table in ../shared/tools/upstream/README.md (strategy execute() only).
# Usage: bench/plan_timings.sh [scenario-name ...]   (default: the 100, 300 and 1000-node scenarios)
set -euo pipefail
cd "$(dirname "$0")/.."
scenarios=("${@:-gen_100_1000_s1 gen_300_3000_s1 gen_1000_10000_s1}")
dotnet build Watcher.Host -c Release -v q >/dev/null
bin=Watcher.Host/bin/Release/net10.0/Watcher.Host
printf '%-22s %-28s %10s %10s %10s %8s\n' scenario strategy load_ms strategy_ms planner_ms actions
for scenario in ${scenarios[*]}; do
  for strategy in vm_workload_consolidation host_maintenance; do
    json=$("$bin" plan --scenario "../shared/scenarios/$scenario.json" --strategy "$strategy" --json)
    echo "$json" | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin); t = d["timings_ms"]
print("%-22s %-28s %10.1f %10.1f %10.1f %8d" % (sys.argv[1], sys.argv[2], t["load"], t["strategy"], t["planner"], len(d["actions"])))
' "$scenario" "$strategy"
  done
done
