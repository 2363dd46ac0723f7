#!/usr/bin/python3
"""Run upstream *master* strategies on the installed 9.0.0 framework.

Debian ships python3-watcher 9.0.0; upstream master changed vm_workload_consolidation (host metrics,
cold migration of stopped VMs, saturation tracking, cached utilisation) and host_maintenance (stop action,
disable_live_migration / disable_cold_migration) and the weight planner (`stop`). This wrapper loads those
three master modules (from a directory, or from a git mirror of openstack/watcher) in place of the 9.0.0
ones, then runs ../shared/tools/upstream/run_strategy.py unchanged. The rest of the framework (model,
solution, datasource base, planner base) is 9.0.0, which for these modules behaves the same.

Usage: /usr/bin/python3 tools/run_upstream_master.py [--master-git DIR | --master-dir DIR] SCENARIO STRATEGY [run_strategy args]
"""
import importlib.util
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUN_STRATEGY = os.path.join(ROOT, '..', 'shared', 'tools', 'upstream', 'run_strategy.py')
DEFAULT_GIT = '/work/.mirror/openstack+watcher/repo'
STRATEGIES = 'watcher.decision_engine.strategy.strategies.'
# module -> (path in the repository, class re-exported by the strategies package or None)
MODULES = {
    STRATEGIES + 'vm_workload_consolidation': (
        'watcher/decision_engine/strategy/strategies/vm_workload_consolidation.py', 'VMWorkloadConsolidation'),
    STRATEGIES + 'host_maintenance': ('watcher/decision_engine/strategy/strategies/host_maintenance.py', 'HostMaintenance'),
    STRATEGIES + 'node_resource_consolidation': (
        'watcher/decision_engine/strategy/strategies/node_resource_consolidation.py', 'NodeResourceConsolidation'),
    STRATEGIES + 'zone_migration': ('watcher/decision_engine/strategy/strategies/zone_migration.py', 'ZoneMigration'),
    STRATEGIES + 'actuation': ('watcher/decision_engine/strategy/strategies/actuation.py', 'Actuator'),
    STRATEGIES + 'dummy_with_resize': ('watcher/decision_engine/strategy/strategies/dummy_with_resize.py', 'DummyWithResize'),
    STRATEGIES + 'basic_consolidation': (
        'watcher/decision_engine/strategy/strategies/basic_consolidation.py', 'BasicConsolidation'),
    STRATEGIES + 'workload_balance': ('watcher/decision_engine/strategy/strategies/workload_balance.py', 'WorkloadBalance'),
    STRATEGIES + 'workload_stabilization': (
        'watcher/decision_engine/strategy/strategies/workload_stabilization.py', 'WorkloadStabilization'),
    STRATEGIES + 'outlet_temp_control': (
        'watcher/decision_engine/strategy/strategies/outlet_temp_control.py', 'OutletTempControl'),
    STRATEGIES + 'uniform_airflow': ('watcher/decision_engine/strategy/strategies/uniform_airflow.py', 'UniformAirflow'),
    STRATEGIES + 'noisy_neighbor': ('watcher/decision_engine/strategy/strategies/noisy_neighbor.py', 'NoisyNeighbor'),
    'watcher.decision_engine.planner.workload_stabilization': (
        'watcher/decision_engine/planner/workload_stabilization.py', None),
    'watcher.decision_engine.planner.weight': ('watcher/decision_engine/planner/weight.py', None),
    'watcher.decision_engine.planner.node_resource_consolidation': (
        'watcher/decision_engine/planner/node_resource_consolidation.py', None),
}


def master_sources(argv):
    if argv[:1] == ['--master-dir']:
        return argv[1], argv[2:]
    git = DEFAULT_GIT
    if argv[:1] == ['--master-git']:
        git, argv = argv[1], argv[2:]
    out = tempfile.mkdtemp(prefix='watcher-master-')
    for rel, _ in MODULES.values():
        dest = os.path.join(out, rel)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        with open(dest, 'wb') as f:
            f.write(subprocess.run(['git', '--git-dir', git, 'show', 'HEAD:' + rel],
                                   capture_output=True, check=True).stdout)
    return out, argv


def install(master_dir):
    import watcher.decision_engine.strategy.strategies as strategies
    import watcher.decision_engine.planner as planners  # noqa: F401
    for name, (rel, exported) in MODULES.items():
        spec = importlib.util.spec_from_file_location(name, os.path.join(master_dir, rel))
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        parent, _, leaf = name.rpartition('.')
        setattr(sys.modules[parent], leaf, module)
        # The package re-exports the classes; point those names at master's too.
        if exported:
            setattr(strategies, exported, getattr(module, exported))
    return install_model_extras()


def install_model_extras():
    """What master's zone_migration reads and the shared harness does not set: each instance's `host` and
    `created`, and a storage model (master's pre_execute reads it even for instance-only audits; an empty
    stand-in lets the instance side run)."""
    import datetime

    from watcher.decision_engine.strategy.strategies import base

    spec = importlib.util.spec_from_file_location('run_strategy', RUN_STRATEGY)
    run_strategy = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run_strategy)
    build_model = run_strategy.build_model

    def build_model_with_hosts(scenario):
        model, values = build_model(scenario)
        created = {i['uuid']: i.get('created') for i in scenario.get('instances', [])}
        for node in model.get_all_compute_nodes().values():
            for instance in model.get_node_instances(node):
                instance.host = node.hostname
                if created.get(instance.uuid):
                    instance.created = datetime.datetime.fromisoformat(created[instance.uuid].replace('Z', '+00:00'))
        return model, values

    class NoStorage:
        def __bool__(self):
            return True

        stale = False

        def to_string(self):
            return ''

        def get_all_volumes(self):
            return {}

        def get_all_storage_nodes(self):
            return {}

    run_strategy.build_model = build_model_with_hosts
    base.BaseStrategy.storage_model = property(lambda self: NoStorage())
    return run_strategy


def main():
    master_dir, rest = master_sources(sys.argv[1:])
    run_strategy = install(master_dir)
    sys.argv = [RUN_STRATEGY] + rest
    return run_strategy.main(rest)


if __name__ == '__main__':
    sys.exit(main())
