#!/usr/bin/python3
"""Compare our offline `plan` verb with upstream Watcher on the same scenario.

Runs ../shared/tools/upstream/run_strategy.py (upstream 9.0.0, Debian python3-watcher) and
`Watcher.Host plan --json`, then compares the planned actions: order, type, input parameters and
parents (as positions in the plan, since UUIDs differ), plus the efficacy indicators.

Usage: /usr/bin/python3 tools/compare_upstream.py SCENARIO.json STRATEGY [--params JSON] [--master]
       /usr/bin/python3 tools/compare_upstream.py --all [--scenario-dir DIR] [--max-instances N]
Exit code 0 when identical, 1 when they differ, 2 when upstream itself failed the run.

Where we deliberately differ from upstream in a way the comparison can undo, it does so and says so
(docs/fidelity.md explains each):
  * outlet_temperature and noisy_neighbor: upstream names nodes by uuid in source_node /
    destination_node (quirk 13); upstream's uuids are mapped to hostnames before comparing.
  * noisy_neighbor: upstream calls the datasource with a wrong argument order (quirk 14), so it is
    run with the harness's --lenient-datasource, which reads the call the way it was meant.
  * workload_stabilization: both sides draw random hosts with seed 0 (ours: the `seed` parameter,
    upstream: random.seed(0)).
  * the harness prints no parents as [], upstream stores null: null and [] compare equal.
"""
import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, '..', 'shared')
UPSTREAM = os.path.join(SHARED, 'tools', 'upstream', 'run_strategy.py')
MASTER = os.path.join(ROOT, 'tools', 'run_upstream_master.py')


def ours_binary():
    for config in ('Release', 'Debug'):
        path = os.path.join(ROOT, 'Watcher.Host', 'bin', config, 'net10.0', 'Watcher.Host')
        if os.path.exists(path):
            return path
    sys.exit('build Watcher.Host first (dotnet build Watcher.Host -c Release)')


# Strategies whose plan does not depend on chance, with what each needs to be compared.
DETERMINISTIC = ['basic', 'vm_workload_consolidation', 'workload_balance', 'workload_stabilization',
                 'outlet_temperature', 'uniform_airflow', 'noisy_neighbor']
UUID_NODES = {'outlet_temperature', 'noisy_neighbor'}
LENIENT = {'noisy_neighbor'}
SEEDED = {'workload_stabilization'}
# Strategies whose master differs from the installed 9.0.0 (docs/fidelity.md): compared with --master.
MASTER_ONLY = {'vm_workload_consolidation'}
# Upstream is too slow past these sizes (README of tools/upstream): skip rather than wait an hour.
UPSTREAM_LIMIT = {'basic': 3000, 'vm_workload_consolidation': 3000, 'workload_stabilization': 10000}


def normalise(actions, hostnames=None):
    index = {a['uuid']: i + 1 for i, a in enumerate(actions)}
    out = []
    for a in actions:
        params = dict(a['input_parameters'])
        if hostnames:
            for key in ('source_node', 'destination_node'):
                if params.get(key) in hostnames:
                    params[key] = hostnames[params[key]]
        parents = sorted(index[p] for p in (a.get('parents') or []))
        out.append((a['action_type'], params, parents))
    return out


def compare(scenario, strategy, params=None, master=False, quiet=False):
    runner = [MASTER] if master else [UPSTREAM]
    up_cmd = ['/usr/bin/python3'] + runner + [scenario, strategy]
    our_cmd = [ours_binary(), 'plan', '--scenario', scenario, '--strategy', strategy, '--json']
    if strategy in LENIENT:
        up_cmd.append('--lenient-datasource')
    if strategy in SEEDED:
        up_cmd += ['--seed', '0']
        our_cmd += ['--param', 'seed=0']
    if params:
        up_cmd += ['--params', json.dumps(params)]
        for k, v in params.items():
            our_cmd += ['--param', '%s=%s' % (k, json.dumps(v) if not isinstance(v, str) else v)]

    up_run = subprocess.run(up_cmd, capture_output=True, text=True)
    try:
        up = json.loads(up_run.stdout)
    except ValueError:
        print('upstream harness failed (%d): %s' % (up_run.returncode, up_run.stderr.strip()[-500:]))
        return 1, None
    ours_run = subprocess.run(our_cmd, capture_output=True, text=True)
    if ours_run.returncode != 0:
        print('ours failed (%d): %s' % (ours_run.returncode, ours_run.stderr.strip()))
        return 1, None
    ours = json.loads(ours_run.stdout)

    hostnames = None
    if strategy in UUID_NODES:
        with open(scenario) as f:
            hostnames = {n['uuid']: n['hostname'] for n in json.load(f)['compute_nodes']}
    up_actions = normalise((up.get('planner') or {}).get('actions') or [], hostnames)
    our_actions = normalise(ours['actions'])
    up_ind = {i['name']: i['value'] for i in up.get('efficacy_indicators') or []}
    our_ind = {i['name']: i['value'] for i in ours['efficacy_indicators']}

    if up.get('error'):
        # Upstream failed the audit; there is nothing to compare against (docs/fidelity.md lists these).
        print('%s %s: upstream FAILED (%s); ours %d actions' % (
            os.path.basename(scenario), strategy, up['error'], len(our_actions)))
        return 2, 'upstream failed: %s; ours %d actions' % (up['error'].split(':')[0], len(our_actions))
    same = up_actions == our_actions and up_ind == our_ind
    summary = '%d actions' % len(our_actions)
    if not quiet or not same:
        print('%s %s (%s): upstream %d actions, ours %d -> %s' % (
            os.path.basename(scenario), strategy, 'master' if master else '9.0.0', len(up_actions),
            len(our_actions), 'SAME' if same else 'DIFFERENT'))
    if up_ind != our_ind:
        print('  indicators upstream %s ours %s' % (up_ind, our_ind))
    if up_actions != our_actions:
        for i in range(max(len(up_actions), len(our_actions))):
            u = up_actions[i] if i < len(up_actions) else None
            o = our_actions[i] if i < len(our_actions) else None
            mark = '  ' if u == o else '!='
            print('  %s #%d upstream %s' % (mark, i + 1, json.dumps(u)))
            if u != o:
                print('     #%d ours     %s' % (i + 1, json.dumps(o)))
    return (0 if same else 1), summary


def compare_all(scenario_dir, max_instances, strategies):
    failures = 0
    rows = []
    for name in sorted(os.listdir(scenario_dir)):
        if not name.endswith('.json'):
            continue
        path = os.path.join(scenario_dir, name)
        with open(path) as f:
            size = len(json.load(f).get('instances', []))
        for strategy in strategies:
            limit = min(max_instances, UPSTREAM_LIMIT.get(strategy, max_instances))
            if size > limit:
                rows.append((name, strategy, '-', 'skipped (upstream too slow at %d instances)' % size))
                continue
            code, summary = compare(path, strategy, master=strategy in MASTER_ONLY, quiet=True)
            failures += code == 1
            against = 'master' if strategy in MASTER_ONLY else '9.0.0 (= master)'
            rows.append((name, strategy, against, {0: 'same, ' + str(summary), 2: str(summary)}.get(code, 'DIFFERENT')))
    print()
    print('| scenario | strategy | upstream | result |')
    print('|---|---|---|---|')
    for row in rows:
        print('| %s | %s | %s | %s |' % row)
    return 1 if failures else 0


def main():
    p = argparse.ArgumentParser()
    p.add_argument('scenario', nargs='?')
    p.add_argument('strategy', nargs='?')
    p.add_argument('--params', default=None, help='JSON object of audit parameters')
    p.add_argument('--master', action='store_true',
                   help="upstream master's strategies and weight planner (tools/run_upstream_master.py) "
                        'instead of the installed 9.0.0 ones')
    p.add_argument('--all', action='store_true', help='every deterministic strategy on every shared scenario')
    p.add_argument('--scenario-dir', default=os.path.join(SHARED, 'scenarios'))
    p.add_argument('--max-instances', type=int, default=10000)
    p.add_argument('--strategies', default=','.join(DETERMINISTIC))
    args = p.parse_args()
    if args.all:
        return compare_all(args.scenario_dir, args.max_instances, args.strategies.split(','))
    if not args.scenario or not args.strategy:
        p.error('SCENARIO and STRATEGY are required without --all')
    params = json.loads(args.params) if args.params else None
    return compare(args.scenario, args.strategy, params, args.master)[0]


if __name__ == '__main__':
    sys.exit(main())
