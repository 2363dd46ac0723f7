#!/usr/bin/python3
"""Compare our offline `plan` verb with upstream Watcher on the same scenario.

Runs ../shared/tools/upstream/run_strategy.py (upstream 9.0.0, Debian python3-watcher) and
`Watcher.Host plan --json`, then compares the planned actions: order, type, input parameters and
parents (as positions in the plan, since UUIDs differ), plus the efficacy indicators.

Usage: /usr/bin/python3 tools/compare_upstream.py SCENARIO.json STRATEGY [--params JSON] [--master]
Exit code 0 when identical, 1 when they differ. tools/compare_all.py runs the whole matrix of strategies and
parameter sets over every shared scenario.
Ours: Watcher.Host/bin/{Release,Debug}/net10.0/Watcher.Host (or $WATCHER_BIN).
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


def normalise(actions):
    index = {a['uuid']: i + 1 for i, a in enumerate(actions)}
    return [(a['action_type'], a['input_parameters'],
             None if a.get('parents') is None else sorted(index[p] for p in a['parents']))
            for a in actions]


def compare(scenario, strategy, params=None, master=False):
    """Runs both sides; returns (same, summary line, list of detail lines)."""
    runner = [MASTER] if master else [UPSTREAM]
    up_cmd = ['/usr/bin/python3'] + runner + [scenario, strategy]
    our_cmd = [OURS, 'plan', '--scenario', scenario, '--strategy', strategy, '--json']
    if params:
        up_cmd += ['--params', params]
        for k, v in json.loads(params).items():
            our_cmd += ['--param', '%s=%s' % (k, json.dumps(v) if not isinstance(v, str) else v)]

    details = []
    up = json.loads(subprocess.run(up_cmd, capture_output=True, text=True, check=True).stdout)
    if up.get('error'):
        details.append('upstream error: %s' % up['error'])
    ours_run = subprocess.run(our_cmd, capture_output=True, text=True)
    if ours_run.returncode != 0:
        ours_error = ours_run.stderr.strip()
        same = bool(up.get('error'))
        return same, '%s %s: upstream %s, ours failed: %s' % (
            os.path.basename(scenario), strategy, up.get('error') or 'planned', ours_error), details
    ours = json.loads(ours_run.stdout)

    up_actions = normalise((up.get('planner') or {}).get('actions') or [])
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
