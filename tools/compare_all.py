#!/usr/bin/python3
"""Every deterministic strategy, with a few parameter sets each, on every shared scenario: ours against
upstream master (and, with --also-900, the Debian 9.0.0 package). Prints one table row per case.

Usage: /usr/bin/python3 tools/compare_all.py [--strategies a,b] [--scenarios x,y] [--skip-slow] [--also-900]
       [--details]
Build first (dotnet build Watcher.Host -c Release). Exit code 1 when a case differs from master.

A case is (strategy, parameters); parameters may depend on the scenario (host names), so each entry of CASES is
a function from the scenario document to a list of parameter objects. Strategies that draw at random
(dummy_with_scorer, saving_energy) are not compared here; workload_stabilization's random host choice is, with
the same seed on both sides (compare_upstream.py). saving_energy and zone_migration's volume side need services
the harness does not model.
"""
import argparse
import glob
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare_upstream  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCENARIOS = os.path.join(ROOT, '..', 'shared', 'scenarios')

# upstream takes minutes or more on the 1 000-node scenario with these (../shared/tools/upstream/README.md)
SLOW_UPSTREAM = {'vm_workload_consolidation', 'basic', 'node_resource_consolidation', 'workload_stabilization'}


def hosts_with_instances(doc):
    used = []
    for instance in doc.get('instances', []):
        host = instance.get('host')
        if host and host not in used:
            used.append(host)
    names = {n['uuid']: n['hostname'] for n in doc.get('compute_nodes', [])}
    return [names.get(h, h) for h in used]


def zone_migration_cases(doc):
    hosts = hosts_with_instances(doc)
    nodes = [n['hostname'] for n in doc.get('compute_nodes', [])]
    if not hosts:
        return []
    src = hosts[:2]
    dst = [n for n in reversed(nodes) if n not in src][:1]
    projects = [i.get('project_id') for i in doc.get('instances', []) if i.get('host')]
    cases = [
        {'compute_nodes': [{'src_node': h} for h in src]},
        {'compute_nodes': [{'src_node': src[0], 'dst_node': dst[0]}] if dst else [{'src_node': src[0]}]},
        {'compute_nodes': [{'src_node': h} for h in src], 'parallel_per_node': 4, 'parallel_total': 10},
        {'compute_nodes': [{'src_node': h} for h in src], 'parallel_per_node': 1},
        {'compute_nodes': [{'src_node': h} for h in hosts[:6]], 'parallel_total': 20, 'parallel_per_node': 3,
         'priority': {'compute': 'vcpu_num'}},
        {'compute_nodes': [{'src_node': h} for h in hosts[:6]], 'parallel_total': 20,
         'priority': {'project': [projects[-1]], 'compute_node': list(reversed(hosts[:6]))}},
    ]
    return cases


def host_maintenance_cases(doc):
    hosts = hosts_with_instances(doc)
    return [{'maintenance_node': hosts[0]}] if hosts else []


CASES = {
    'dummy': lambda doc: [{}],
    'dummy_with_resize': lambda doc: [{}],
    'actuator': lambda doc: [{'actions': [
        {'action_type': 'nop', 'input_parameters': {'message': 'hello'}},
        {'action_type': 'sleep', 'input_parameters': {'duration': 1.0}},
        {'action_type': 'migrate', 'resource_id': 'vm-1',
         'input_parameters': {'migration_type': 'live', 'source_node': 'a'}},
        {'action_type': 'nop', 'input_parameters': {'message': 'hello'}},
    ]}],
    'vm_workload_consolidation': lambda doc: [{}],
    'node_resource_consolidation': lambda doc: [{'host_choice': 'auto'}, {'host_choice': 'specify'}],
    'zone_migration': zone_migration_cases,
    'host_maintenance': host_maintenance_cases,
    'basic': lambda doc: [{}, {'migration_attempts': 3}],
    'workload_balance': lambda doc: [{}, {'metrics': 'instance_ram_usage', 'threshold': 20.0}],
    'workload_stabilization': lambda doc: [
        {}, {'metrics': ['instance_cpu_usage', 'instance_ram_usage']}, {'host_choice': 'cycle'},
        {'host_choice': 'retry', 'seed': 7}],
    'outlet_temperature': lambda doc: [{}, {'threshold': 30.0}],
    'uniform_airflow': lambda doc: [{}, {'threshold_airflow': 250.0, 'threshold_inlet_t': 30.0}],
    'noisy_neighbor': lambda doc: [{}, {'cache_threshold': 20.0}],
}


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--strategies', default=','.join(CASES))
    p.add_argument('--scenarios', default=None, help='comma-separated scenario names (default: all shared ones)')
    p.add_argument('--skip-slow', action='store_true',
                   help='skip the 1 000-node scenario for strategies upstream needs minutes for')
    p.add_argument('--also-900', action='store_true', help='compare with the Debian 9.0.0 package too')
    p.add_argument('--details', action='store_true', help='print the differing actions')
    args = p.parse_args()

    files = sorted(glob.glob(os.path.join(SCENARIOS, '*.json')))
    if args.scenarios:
        wanted = set(args.scenarios.split(','))
        files = [f for f in files if os.path.basename(f)[:-5] in wanted]
    failures = 0
    print('| scenario | strategy | parameters | vs master | vs 9.0.0 | upstream s |')
    print('|---|---|---|---|---|---|')
    for strategy in args.strategies.split(','):
        for path in files:
            with open(path) as f:
                doc = json.load(f)
            if args.skip_slow and strategy in SLOW_UPSTREAM and len(doc.get('compute_nodes', [])) >= 1000:
                continue
            for params in CASES[strategy](doc):
                text = json.dumps(params) if params else None
                started = time.time()
                same, summary, details = compare_upstream.compare(path, strategy, text, master=True)
                old = ''
                if args.also_900:
                    old_same, _, _ = compare_upstream.compare(path, strategy, text, master=False)
                    old = 'same' if old_same else 'differs'
                failures += 0 if same else 1
                shown = json.dumps(params, separators=(',', ':'))
                if len(shown) > 70:
                    shown = shown[:67] + '...'
                print('| %s | %s | `%s` | %s | %s | %.1f |' % (
                    os.path.basename(path)[:-5], strategy, shown,
                    'same (%s)' % summary.split('ours ')[1].split(' ->')[0] if same else 'DIFFERENT', old,
                    time.time() - started), flush=True)
                if not same and args.details:
                    print(summary)
                    for line in details:
                        print(line)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
