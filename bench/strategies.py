#!/usr/bin/python3
"""Speed and quality of every registered strategy on the shared scenarios and a generated 10 000-host one.

For each strategy (from `Watcher.Host plan --list-strategies`, so strategies added later appear without editing
this file) and each scenario it runs the offline `plan` command once, as its own process, and prints one row:
execute (the strategy's own time), planner, whole command (wall, process start to exit, and CPU seconds: the
machine is shared, so wall time under load overstates), peak RSS, hosts running instances before and after the
plan, migrations, actions.

Usage: /usr/bin/python3 bench/strategies.py [--strategies a,b] [--scenarios x,y] [--generate NxM]
                                            [--param STRATEGY:key=value] [--no-generate] [--timeout S] [--write-doc]
  --scenarios   names in ../shared/scenarios, generated names (gen_N_M_s1) or paths
  --generate    adds a seeded N-host / M-VM scenario (gen_N_M_s1)
  --param       a parameter for one strategy (value read as JSON when it parses), over the defaults below
  --write-doc   replaces the results section of docs/performance.md with this run (and the machine it ran on).
Generated scenarios (../shared/tools/upstream/gen_scenario.py, seed 1) are kept in bench/.generated/, which git
ignores: the 10 000-host one is 65 MB and takes a while to write. Build first: dotnet build Watcher.Host -c Release.
"""
import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, '..', 'shared')
BIN = os.environ.get('WATCHER_BIN') or os.path.join(ROOT, 'Watcher.Host', 'bin', 'Release', 'net10.0', 'Watcher.Host')
GENERATED = os.path.join(ROOT, 'bench', '.generated')
DOC = os.path.join(ROOT, 'docs', 'performance.md')
BEGIN, END = '<!-- bench:begin -->', '<!-- bench:end -->'

DEFAULT_SCENARIOS = ['hand_consolidation', 'gen_10_40_s1', 'gen_100_1000_s1', 'gen_300_3000_s1', 'gen_1000_10000_s1',
                     'gen_10000_100000_s1']
GENERATED_NAME = re.compile(r'^gen_(\d+)_(\d+)_s1$')


def hosts_with_instances(doc):
    return [i.get('host') for i in doc.get('instances', []) if i.get('host')]


def bench_parameters(strategy, doc):
    """Parameters that make a strategy do real work on any scenario (others run with their defaults or the
    scenario's own `parameters`)."""
    hosts = list(dict.fromkeys(hosts_with_instances(doc)))
    names = {n['uuid']: n['hostname'] for n in doc.get('compute_nodes', [])}
    hosts = [names.get(h, h) for h in hosts]
    if strategy == 'host_maintenance' and hosts:
        return {'maintenance_node': hosts[0]}
    if strategy == 'zone_migration' and hosts:
        # evacuate one host in twenty, without limiting the plan
        sources = hosts[::20] or hosts[:1]
        return {'compute_nodes': [{'src_node': h} for h in sources], 'parallel_total': 1000000, 'parallel_per_node': 1000}
    if strategy == 'actuator':
        return {'actions': [{'action_type': 'nop', 'input_parameters': {'message': 'bench'}}]}
    params = dict((doc.get('parameters') or {}).get(strategy) or {})
    if strategy in ('workload_stabilization', 'dummy_with_scorer', 'saving_energy'):
        params.setdefault('seed', 1)  # the same random draws on every run
    return params


def run(strategy, scenario_path, doc, timeout, extra):
    params = bench_parameters(strategy, doc) or {}
    params.update(extra.get(strategy, {}))
    command = [BIN, 'plan', '--scenario', scenario_path, '--strategy', strategy, '--summary']
    for key, value in (params or {}).items():
        command += ['--param', '%s=%s' % (key, value if isinstance(value, str) else json.dumps(value))]
    with tempfile.NamedTemporaryFile('r', suffix='.time') as timing:
        try:
            done = subprocess.run(['/usr/bin/time', '-f', '%e %M %U %S', '-o', timing.name] + command,
                                  capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return {'error': 'over %d s' % timeout}
        wall, rss_kb, user, system = timing.read().split()[-4:]
    if done.returncode != 0:
        return {'error': done.stderr.strip().splitlines()[-1] if done.stderr.strip() else 'exit %d' % done.returncode,
                'total_s': float(wall), 'rss_mb': int(rss_kb) / 1024}
    plan = json.loads(done.stdout)
    return {
        'execute_s': plan['timings_ms']['strategy'] / 1000,
        'planner_s': plan['timings_ms']['planner'] / 1000,
        'load_s': plan['timings_ms']['load'] / 1000,
        'total_s': float(wall),
        'cpu_s': float(user) + float(system),
        'rss_mb': int(rss_kb) / 1024,
        'hosts_before': plan['hosts_in_use_before'],
        'hosts_after': '%d%s' % (plan['hosts_in_use_after'], '*' if plan['migrations_left_to_scheduler'] else ''),
        'migrations': plan['action_types'].get('migrate', 0),
        'actions': plan['action_count'],
    }


def scenario_file(name, generate):
    if name.endswith('.json') and os.path.exists(name):
        return name
    shared = os.path.join(SHARED, 'scenarios', name + '.json')
    if os.path.exists(shared):
        return shared
    path = os.path.join(GENERATED, name + '.json')
    sizes = GENERATED_NAME.match(name)
    if not os.path.exists(path) and sizes and generate:
        os.makedirs(GENERATED, exist_ok=True)
        subprocess.run(['/usr/bin/python3', os.path.join(SHARED, 'tools', 'upstream', 'gen_scenario.py'),
                        '--nodes', sizes.group(1), '--instances', sizes.group(2), '--seed', '1', '-o', path],
                       check=True, capture_output=True)
    return path if os.path.exists(path) else None


def parse_extra(items):
    extra = {}
    for item in items:
        strategy, _, pair = item.partition(':')
        key, _, value = pair.partition('=')
        try:
            value = json.loads(value)
        except ValueError:
            pass
        extra.setdefault(strategy, {})[key] = value
    return extra


def machine():
    cpu = next((line.split(':', 1)[1].strip() for line in open('/proc/cpuinfo') if line.startswith('model name')), '?')
    memory = next((int(line.split()[1]) // 1024 // 1024 for line in open('/proc/meminfo') if line.startswith('MemTotal')), 0)
    dotnet = subprocess.run(['dotnet', '--version'], capture_output=True, text=True).stdout.strip()
    load = os.getloadavg()[0]
    return '%s, %d cores (%s), %d GB RAM, .NET SDK %s, load average %.1f at start (machine shared with other work)' % (
        platform.platform(), os.cpu_count(), cpu, memory, dotnet, load)


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--strategies', default=None)
    p.add_argument('--scenarios', default=','.join(DEFAULT_SCENARIOS))
    p.add_argument('--generate', action='append', default=[], help='NxM: a seeded N-host / M-VM scenario')
    p.add_argument('--param', action='append', default=[], help='STRATEGY:key=value')
    p.add_argument('--no-generate', action='store_true')
    p.add_argument('--timeout', type=int, default=600)
    p.add_argument('--write-doc', action='store_true')
    args = p.parse_args()

    if not os.path.exists(BIN):
        sys.exit('build first: dotnet build Watcher.Host -c Release')
    listed = json.loads(subprocess.run([BIN, 'plan', '--list-strategies', '--json'], capture_output=True, text=True,
                                       check=True).stdout)
    strategies = args.strategies.split(',') if args.strategies else [s['name'] for s in listed]
    extra = parse_extra(args.param)
    scenarios = [n for n in args.scenarios.split(',') if n] + ['gen_%s_%s_s1' % tuple(g.split('x')) for g in args.generate]

    lines = ['| strategy | scenario (hosts / VMs) | execute s | planner s | total s | CPU s | peak RSS MB '
             '| hosts in use before → after | migrations | actions |', '|---|---|---:|---:|---:|---:|---:|---|---:|---:|']
    print('\n'.join(lines), flush=True)
    started = datetime.datetime.now(datetime.timezone.utc)
    for name in scenarios:
        path = scenario_file(name, not args.no_generate)
        if path is None:
            print('| (%s not found) |' % name)
            continue
        with open(path) as f:
            doc = json.load(f)
        label = '%s (%d / %d)' % (os.path.basename(name).removesuffix('.json'), len(doc.get('compute_nodes', [])), len(doc.get('instances', [])))
        for strategy in strategies:
            r = run(strategy, path, doc, args.timeout, extra)
            if 'error' in r:
                row = '| %s | %s | – | – | %s | – | %s | – | – | – |' % (
                    strategy, label, '%.2f' % r['total_s'] if 'total_s' in r else '–',
                    '%.0f' % r['rss_mb'] if 'rss_mb' in r else '–')
                row += ' failed: %s' % r['error'].replace('|', '/')[:120]
            else:
                row = '| %s | %s | %.3f | %.3f | %.2f | %.2f | %.0f | %d → %s | %d | %d |' % (
                    strategy, label, r['execute_s'], r['planner_s'], r['total_s'], r['cpu_s'], r['rss_mb'],
                    r['hosts_before'], r['hosts_after'], r['migrations'], r['actions'])
            lines.append(row)
            print(row, flush=True)

    if args.write_doc:
        section = '\n'.join([BEGIN, '', 'Run of %s UTC on %s.' % (started.strftime('%Y-%m-%d %H:%M'), machine()), ''] + lines
                            + ['', '`*`: some migrations are left to the scheduler, so only their sources are known to be'
                               ' emptied.', END])
        with open(DOC) as f:
            text = f.read()
        head, _, rest = text.partition(BEGIN)
        _, _, tail = rest.partition(END)
        with open(DOC, 'w') as f:
            f.write(head + section + tail)


if __name__ == '__main__':
    main()
