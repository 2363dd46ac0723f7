#!/usr/bin/python3
"""Compare our offline `plan` verb with upstream Watcher on the same scenario.

Runs ../shared/tools/upstream/run_strategy.py (upstream 9.0.0, Debian python3-watcher) and
`Watcher.Host plan --json`, then compares the planned actions: order, type, input parameters and
parents (as positions in the plan, since UUIDs differ), plus the efficacy indicators.

Usage: /usr/bin/python3 tools/compare_upstream.py SCENARIO.json STRATEGY [--params JSON] [--master]
Exit code 0 when identical, 1 when they differ. tools/compare_all.py runs the whole matrix of strategies and
parameter sets over every shared scenario.
Ours: Watcher.Host/bin/{Release,Debug}/net10.0/Watcher.Host (or $WATCHER_BIN).

Where we deliberately differ from upstream in a way the comparison can undo, it does so (docs/fidelity.md):
  * outlet_temperature and noisy_neighbor: upstream names nodes by uuid in source_node / destination_node
    (quirk 13); upstream's uuids are mapped to hostnames before comparing.
  * noisy_neighbor: upstream calls the datasource with a wrong argument order (quirk 14), so it runs with the
    harness's --lenient-datasource, which reads the call the way it was meant.
  * workload_stabilization: both sides draw their random hosts from seed 0 (ours: the `seed` parameter,
    upstream: random.seed(0)) unless the parameters give a seed.
  * the harness prints missing parents as [] where upstream stores null: both compare equal.
"""
import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
UPSTREAM = os.path.join(ROOT, '..', 'shared', 'tools', 'upstream', 'run_strategy.py')
MASTER = os.path.join(ROOT, 'tools', 'run_upstream_master.py')
OURS = os.environ.get('WATCHER_BIN') or next(
    (p for p in (os.path.join(ROOT, 'Watcher.Host', 'bin', c, 'net10.0', 'Watcher.Host') for c in ('Release', 'Debug'))
     if os.path.exists(p)), '')


UUID_NODES = {'outlet_temperature', 'noisy_neighbor'}
LENIENT = {'noisy_neighbor'}
SEEDED = {'workload_stabilization'}


def normalise(actions, hostnames=None):
    index = {a['uuid']: i + 1 for i, a in enumerate(actions)}
    out = []
    for a in actions:
        params = dict(a['input_parameters'])
        for key in ('source_node', 'destination_node'):
            if hostnames and params.get(key) in hostnames:
                params[key] = hostnames[params[key]]
        out.append((a['action_type'], params, sorted(index[p] for p in (a.get('parents') or []))))
    return out


def compare(scenario, strategy, params=None, master=False):
    """Runs both sides; returns (same, summary line, list of detail lines)."""
    runner = [MASTER] if master else [UPSTREAM]
    up_cmd = ['/usr/bin/python3'] + runner + [scenario, strategy]
    our_cmd = [OURS, 'plan', '--scenario', scenario, '--strategy', strategy, '--json']
    if strategy in LENIENT:
        up_cmd.append('--lenient-datasource')
    if strategy in SEEDED:
        seed = (json.loads(params) if params else {}).get('seed', 0)
        up_cmd += ['--seed', str(seed)]
        if 'seed' not in (json.loads(params) if params else {}):
            our_cmd += ['--param', 'seed=%d' % seed]
    if params:
        # Our `plan` starts from the scenario's parameters and overrides them; the harness replaces them.
        with open(scenario) as f:
            upstream_params = dict((json.load(f).get('parameters') or {}).get(strategy) or {})
        upstream_params.update({k: v for k, v in json.loads(params).items() if not (strategy in SEEDED and k == 'seed')})
        up_cmd += ['--params', json.dumps(upstream_params)]
        for k, v in json.loads(params).items():
            our_cmd += ['--param', '%s=%s' % (k, json.dumps(v) if not isinstance(v, str) else v)]

    details = []
    up_run = subprocess.run(up_cmd, capture_output=True, text=True)
    try:
        up = json.loads(up_run.stdout)
    except ValueError:
        return False, '%s %s: upstream harness failed (%d): %s' % (
            os.path.basename(scenario), strategy, up_run.returncode, up_run.stderr.strip()[-300:]), details
    if up.get('error'):
        details.append('upstream error: %s' % up['error'])
    ours_run = subprocess.run(our_cmd, capture_output=True, text=True)
    if ours_run.returncode != 0:
        ours_error = ours_run.stderr.strip()
        same = bool(up.get('error'))
        return same, '%s %s: upstream %s, ours failed: %s' % (
            os.path.basename(scenario), strategy, up.get('error') or 'planned', ours_error), details
    ours = json.loads(ours_run.stdout)

    hostnames = None
    if strategy in UUID_NODES:
        with open(scenario) as f:
            hostnames = {n['uuid']: n['hostname'] for n in json.load(f)['compute_nodes']}
    up_actions = normalise((up.get('planner') or {}).get('actions') or [], hostnames)
    our_actions = normalise(ours['actions'])
    up_ind = {i['name']: i['value'] for i in up.get('efficacy_indicators') or []}
    our_ind = {i['name']: i['value'] for i in ours['efficacy_indicators']}

    same = up_actions == our_actions and up_ind == our_ind and not up.get('error')
    summary = '%s %s (%s): upstream %d actions, ours %d -> %s' % (
        os.path.basename(scenario), strategy, 'master' if master else '9.0.0', len(up_actions), len(our_actions),
        'SAME' if same else 'DIFFERENT')
    if up_ind != our_ind:
        details.append('  indicators upstream %s ours %s' % (up_ind, our_ind))
    if up_actions != our_actions:
        for i in range(max(len(up_actions), len(our_actions))):
            u = up_actions[i] if i < len(up_actions) else None
            o = our_actions[i] if i < len(our_actions) else None
            mark = '  ' if u == o else '!='
            details.append('  %s #%d upstream %s' % (mark, i + 1, json.dumps(u)))
            if u != o:
                details.append('     #%d ours     %s' % (i + 1, json.dumps(o)))
    return same, summary, details


def main():
    p = argparse.ArgumentParser()
    p.add_argument('scenario')
    p.add_argument('strategy')
    p.add_argument('--params', default=None, help='JSON object of audit parameters')
    p.add_argument('--master', action='store_true',
                   help="upstream master's strategies and planners (tools/run_upstream_master.py) "
                        'instead of the installed 9.0.0 ones')
    args = p.parse_args()
    same, summary, details = compare(args.scenario, args.strategy, args.params, args.master)
    print(summary)
    for line in details:
        print(line)
    return 0 if same else 1


if __name__ == '__main__':
    sys.exit(main())
