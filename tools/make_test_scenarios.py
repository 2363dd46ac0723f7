#!/usr/bin/python3
"""Write Watcher.Tests/Scenarios/strat_*.json for the balancing, thermal, airflow and noisy-neighbour strategies.

Each file re-expresses one of upstream's unit-test fixtures (watcher/tests/unit/decision_engine/model/data/*.xml,
read from a git mirror of openstack/watcher) in the watcher-scenario/1 format, with the values upstream's fake
Gnocchi datasource answers for that test (reference §17.2), so our tests assert upstream's expected outcomes
(§17.3) on the same cluster and numbers.

Usage: /usr/bin/python3 tools/make_test_scenarios.py [--git DIR] [--out DIR]
"""
import argparse
import json
import os
import subprocess
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KI = 1024

# --- the fake datasource's tables (reference §17.2) ------------------------------------------------
HOST_CPU = {'Node_0': 7, 'Node_1': 7, 'Node_2': 80, 'Node_3': 5, 'Node_4': 5, 'Node_5': 10, 'Node_6': 8,
            'LOST_NODE': None}
HOST_RAM = {'Node_0': 7 * KI, 'Node_1': 5 * KI, 'Node_2': 29 * KI, 'Node_3': 8 * KI, 'Node_4': 4 * KI}
OUTLET = {'Node_0': 30, 'fa69c544-906b-4a6a-a9c6-c1f7a8078c73': 30, 'af69c544-906b-4a6a-a9c6-c1f7a8078c73': 100}
AIRFLOW = {'Node_0': 400, 'Node_1': 100}
INLET = {'Node_0': 24, 'Node_1': 26}
POWER = {'Node_0': 260, 'Node_1': 240}
INSTANCE_CPU = {'INSTANCE_0': 7, 'd000ef1f-dc19-4982-9383-087498bfde03': 7, 'd010ef1f-dc19-4982-9383-087498bfde03': 7,
                'd020ef1f-dc19-4982-9383-087498bfde03': 10, 'd030ef1f-dc19-4982-9383-087498bfde03': 5,
                'd040ef1f-dc19-4982-9383-087498bfde03': 5, 'd050ef1f-dc19-4982-9383-087498bfde03': 10,
                'd060ef1f-dc19-4982-9383-087498bfde03': 8, 'd070ef1f-dc19-4982-9383-087498bfde03': 4,
                'LOST_INSTANCE': None}
INSTANCE_RAM = {'d000ef1f-dc19-4982-9383-087498bfde03': 2, 'd010ef1f-dc19-4982-9383-087498bfde03': 5,
                'd020ef1f-dc19-4982-9383-087498bfde03': 5, 'd030ef1f-dc19-4982-9383-087498bfde03': 8,
                'd040ef1f-dc19-4982-9383-087498bfde03': 5, 'INSTANCE_4': 5,
                'd050ef1f-dc19-4982-9383-087498bfde03': 16, 'INSTANCE_5': 16,
                'd060ef1f-dc19-4982-9383-087498bfde03': 8, 'INSTANCE_6': 8, 'INSTANCE_7': 4,
                'd070ef1f-dc19-4982-9383-087498bfde03': 4}
WB_CPU = {'INSTANCE_1': 80, '73b09e16-35b7-4922-804e-e8f5d9b740fc': 50, 'INSTANCE_3': 20, 'INSTANCE_4': 10}
WB_RAM = {'INSTANCE_1': 40, '73b09e16-35b7-4922-804e-e8f5d9b740fc': 9, 'INSTANCE_3': 12, 'INSTANCE_4': 12}
L3_CURRENT = {'73b09e16-35b7-4922-804e-e8f5d9b740fc': 35 * KI, 'cae81432-1631-4d4e-b29c-6f3acdcde906': 30 * KI,
              'INSTANCE_3': 40 * KI, 'INSTANCE_4': 35 * KI}
L3_TWO_PERIODS = {'73b09e16-35b7-4922-804e-e8f5d9b740fc': 34.5 * KI, 'cae81432-1631-4d4e-b29c-6f3acdcde906': 30.5 * KI,
                  'INSTANCE_3': 60 * KI, 'INSTANCE_4': 22.5 * KI}


def general_node(uuid):
    # mock_get_statistics: host cpu defaults to 0 for unknown nodes; the other tables have no default.
    m = {'host_cpu_usage': HOST_CPU.get(uuid, 0)}
    for name, table in (('host_ram_usage', HOST_RAM), ('host_outlet_temp', OUTLET), ('host_airflow', AIRFLOW),
                        ('host_inlet_temp', INLET), ('host_power', POWER)):
        if uuid in table:
            m[name] = table[uuid]
    return m


def general_instance(uuid):
    m = {'instance_cpu_usage': INSTANCE_CPU.get(uuid, 0)}
    if uuid in INSTANCE_RAM:
        m['instance_ram_usage'] = INSTANCE_RAM[uuid]
    return m


def wb_instance(uuid):
    return {'instance_cpu_usage': WB_CPU.get(uuid, 0.0), 'instance_ram_usage': WB_RAM.get(uuid, 0.0)}


def nn_instance(uuid):
    if uuid not in L3_CURRENT:
        return {}
    return {'instance_l3_cache_usage': {'value': L3_CURRENT[uuid],
                                        'by_period': {'100': L3_CURRENT[uuid], '200': L3_TWO_PERIODS[uuid]}}}


# file name -> (fixture, description, node metrics, instance metrics)
FILES = {
    'strat_basic_scenario_1': ('scenario_1', 'upstream scenario_1 with the fake Gnocchi CPU figures', general_node, general_instance),
    'strat_basic_scenario_3': ('scenario_3_with_2_nodes', 'upstream scenario_3_with_2_nodes', general_node, general_instance),
    'strat_basic_scenario_5': ('scenario_5_with_instance_disk_0', 'upstream scenario_5_with_instance_disk_0 (0 GB disk)', general_node, general_instance),
    'strat_basic_scenario_8': ('scenario_8_with_4_nodes', 'upstream scenario_8_with_4_nodes', general_node, general_instance),
    'strat_scenario_4_no_instance': ('scenario_4_with_1_node_no_instance', 'upstream scenario_4: one node, no instance', general_node, general_instance),
    'strat_wb_scenario_6': ('scenario_6_with_2_nodes', 'upstream scenario_6 with the workload-balance figures', general_node, wb_instance),
    'strat_ws_scenario_1': ('scenario_1', 'upstream scenario_1 with host and instance CPU/RAM figures', general_node, general_instance),
    'strat_ws_scenario_1_all_excluded': ('scenario_1_with_all_instances_exclude', 'upstream scenario_1, every instance excluded', general_node, general_instance),
    'strat_ws_scenario_1_node_unavailable': ('scenario_1_with_1_node_unavailable', 'upstream scenario_1 plus a node and an instance without metrics', general_node, general_instance),
    'strat_ws_scenario_9': ('scenario_9_with_3_active_plus_1_disabled_nodes', 'upstream scenario_9: 3 enabled nodes, 1 disabled', general_node, general_instance),
    'strat_outlet_scenario_3': ('scenario_3_with_2_nodes', 'upstream scenario_3_with_2_nodes with outlet temperatures', general_node, general_instance),
    'strat_airflow_scenario_7': ('scenario_7_with_2_nodes', 'upstream scenario_7 with airflow, inlet temperature and power', general_node, general_instance),
    'strat_nn_scenario_7': ('scenario_7_with_2_nodes', 'upstream scenario_7 with L3-cache figures for two periods', lambda u: {}, nn_instance),
}


def as_number(text, default=0):
    if text is None:
        return default
    value = float(text)
    return int(value) if value.is_integer() else value


def convert(xml_text, name, description, node_metrics, instance_metrics):
    root = ET.fromstring(xml_text)
    nodes, instances = [], []

    def instance(el, host):
        uuid = el.get('uuid')
        metrics = {k: v for k, v in instance_metrics(uuid).items() if v is not None}
        return {
            'uuid': uuid, 'name': el.get('name') or uuid, 'host': host, 'state': el.get('state', 'active'),
            'vcpus': as_number(el.get('vcpus')), 'memory_mb': as_number(el.get('memory')),
            'disk_gb': as_number(el.get('disk')), 'project_id': el.get('project_id', ''),
            'watcher_exclude': el.get('watcher_exclude') == 'True',
            'metadata': json.loads(el.get('metadata') or '{}'), 'metrics': metrics,
        }

    for el in root.findall('ComputeNode'):
        uuid = el.get('uuid')
        nodes.append({
            'uuid': uuid, 'hostname': el.get('hostname'), 'state': el.get('state', 'up'),
            'status': el.get('status', 'enabled'), 'disabled_reason': el.get('disabled_reason'),
            'vcpus': as_number(el.get('vcpus')), 'memory_mb': as_number(el.get('memory')),
            'disk_gb': as_number(el.get('disk')),
            'vcpu_allocation_ratio': as_number(el.get('vcpu_ratio'), 1),
            'memory_allocation_ratio': as_number(el.get('memory_ratio'), 1),
            'disk_allocation_ratio': as_number(el.get('disk_ratio'), 1),
            'vcpu_reserved': as_number(el.get('vcpu_reserved')),
            'memory_mb_reserved': as_number(el.get('memory_mb_reserved')),
            'disk_gb_reserved': as_number(el.get('disk_gb_reserved')),
            'metrics': {k: v for k, v in node_metrics(uuid).items() if v is not None},
        })
        instances += [instance(i, el.get('hostname')) for i in el.findall('Instance')]
    instances += [instance(i, None) for i in root.findall('Instance')]
    return {'format': 'watcher-scenario/1', 'name': name, 'description': description, 'parameters': {},
            'compute_nodes': nodes, 'instances': instances}


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--git', default='/work/.mirror/openstack+watcher/repo')
    p.add_argument('--out', default=os.path.join(ROOT, 'Watcher.Tests', 'Scenarios'))
    args = p.parse_args()
    for name, (fixture, description, node_metrics, instance_metrics) in FILES.items():
        path = 'watcher/tests/unit/decision_engine/model/data/%s.xml' % fixture
        xml_text = subprocess.run(['git', '--git-dir', args.git, 'show', 'HEAD:' + path],
                                  capture_output=True, text=True, check=True).stdout
        scenario = convert(xml_text, name, description + ' (' + fixture + '.xml)', node_metrics, instance_metrics)
        with open(os.path.join(args.out, name + '.json'), 'w') as f:
            json.dump(scenario, f, indent=2)
            f.write('\n')
        print('wrote', name)


if __name__ == '__main__':
    main()
