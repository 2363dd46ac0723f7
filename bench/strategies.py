#!/usr/bin/python3
"""Benchmark of the offline planner: every strategy given, on every scenario given, one process each.

Prints one row per (strategy, scenario): execute s (the strategy phase as `plan` times it), total s (the whole
`plan` process, wall clock, load and planner included), CPU s (user + system of that process: the figure to
trust on a busy machine), peak RSS, hosts in use before and after the plan, and migrations planned. Generic over strategies: name them with --strategies; parameters a strategy needs come from
PARAMS below (extend it for new strategies) or --param STRATEGY:key=value.

  /usr/bin/python3 bench/strategies.py [--strategies a,b] [--scenarios x,y] [--generate 10000x100000] [--markdown]

Scenarios are names in ../shared/scenarios (default: the generated ones) or paths. --generate NxM writes a
seeded N-host / M-VM scenario with ../shared/tools/upstream/gen_scenario.py into a temporary directory (never
into the repository) and adds it. Build first: dotnet build Watcher.Host -c Release.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, '..', 'shared')
BIN = os.environ.get('WATCHER_BIN') or os.path.join(ROOT, 'Watcher.Host', 'bin', 'Release', 'net10.0', 'Watcher.Host')
DEFAULT_SCENARIOS = ['gen_100_1000_s1', 'gen_300_3000_s1', 'gen_1000_10000_s1']
DEFAULT_STRATEGIES = ['basic', 'vm_workload_consolidation', 'workload_stabilization', 'workload_balance',
                      'outlet_temperature', 'uniform_airflow', 'noisy_neighbor', 'host_maintenance']


def first_host_with_instances(doc):
    return next((i['host'] for i in doc.get('instances', []) if i.get('host')), None)


# Parameters a strategy needs (or should be pinned with) to run on any scenario; a function of the scenario.
PARAMS = {
    'host_maintenance': lambda doc: {'maintenance_node': first_host_with_instances(doc)},
    'workload_stabilization': lambda doc: {'seed': 1},
}


def hosts_in_use(doc, actions):
    """Hosts running an instance, before and after the plan's migrations (None after if a destination is left
    to the scheduler)."""
    names = {n['uuid']: n['hostname'] for n in doc.get('compute_nodes', [])}
    where = {i['uuid']: names.get(i['host'], i['host']) for i in doc.get('instances', []) if i.get('host')}
    before = len(set(where.values()))
    unknown = False
    for a in actions:
        if a['action_type'] != 'migrate':
            continue
        p = a['input_parameters']
        if p.get('destination_node'):
            where[p['resource_id']] = p['destination_node']
        else:
            unknown = True
    return before, None if unknown else len(set(where.values()))


def run(strategy, path, doc, extra):
    params = dict(PARAMS.get(strategy, lambda d: {})(doc))
    params.update(extra.get(strategy, {}))
    cmd = ['/usr/bin/time', '-f', '%e %M %U %S', BIN, 'plan', '--scenario', path, '--strategy', strategy, '--json']
    for k, v in params.items():
        cmd += ['--param', '%s=%s' % (k, v if isinstance(v, str) else json.dumps(v))]
    done = subprocess.run(cmd, capture_output=True, text=True)
    wall, rss_kb, user, system = done.stderr.strip().splitlines()[-1].split()
    if done.returncode != 0:
        return {'error': done.stderr.strip().splitlines()[0]}
    out = json.loads(done.stdout)
    before, after = hosts_in_use(doc, out['actions'])
    return {
        'execute_s': out['timings_ms']['strategy'] / 1000, 'total_s': float(wall), 'rss_mb': int(rss_kb) / 1024,
        'cpu_s': float(user) + float(system),
        'before': before, 'after': after,
        'migrations': sum(1 for a in out['actions'] if a['action_type'] == 'migrate'),
    }


def resolve(name):
    if os.path.exists(name):
        return name
    return os.path.join(SHARED, 'scenarios', name + ('' if name.endswith('.json') else '.json'))


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--strategies', default=','.join(DEFAULT_STRATEGIES))
    p.add_argument('--scenarios', default=','.join(DEFAULT_SCENARIOS))
    p.add_argument('--generate', action='append', default=[], help='NxM: a seeded N-host / M-VM scenario (seed 1)')
    p.add_argument('--param', action='append', default=[], help='STRATEGY:key=value (value read as JSON if it parses)')
    p.add_argument('--markdown', action='store_true')
    args = p.parse_args()
    if not os.path.exists(BIN):
        sys.exit('build first: dotnet build Watcher.Host -c Release')

    extra = {}
    for item in args.param:
        strategy, _, pair = item.partition(':')
        key, _, value = pair.partition('=')
        try:
            value = json.loads(value)
        except ValueError:
            pass
        extra.setdefault(strategy, {})[key] = value

    paths = [resolve(s) for s in args.scenarios.split(',') if s]
    scratch = tempfile.mkdtemp(prefix='watcher-bench-')
    for spec in args.generate:
        nodes, _, instances = spec.partition('x')
        path = os.path.join(scratch, 'gen_%s_%s_s1.json' % (nodes, instances))
        subprocess.run(['/usr/bin/python3', os.path.join(SHARED, 'tools', 'upstream', 'gen_scenario.py'),
                        '--nodes', nodes, '--instances', instances, '--seed', '1', '-o', path], check=True)
        paths.append(path)

    header = ['scenario', 'strategy', 'execute s', 'total s', 'CPU s', 'peak RSS MB', 'hosts in use before', 'after',
              'migrations']
    if args.markdown:
        print('| ' + ' | '.join(header) + ' |')
        print('|' + '---|' * len(header))
    else:
        print('%-22s %-28s %9s %8s %6s %11s %7s %6s %10s' % tuple(header[:6] + ['before', 'after', 'migrations']))
    for path in paths:
        with open(path) as f:
            doc = json.load(f)
        name = os.path.basename(path)[:-5]
        for strategy in args.strategies.split(','):
            r = run(strategy, path, doc, extra)
            if 'error' in r:
                row = [name, strategy, 'failed: ' + r['error'], '', '', '', '', '', '']
            else:
                row = [name, strategy, '%.3f' % r['execute_s'], '%.2f' % r['total_s'], '%.2f' % r['cpu_s'], '%.0f' % r['rss_mb'],
                       str(r['before']), '?' if r['after'] is None else str(r['after']), str(r['migrations'])]
            if args.markdown:
                print('| ' + ' | '.join(row) + ' |', flush=True)
            else:
                print('%-22s %-28s %9s %8s %6s %11s %7s %6s %10s' % tuple(row), flush=True)


if __name__ == '__main__':
    main()
