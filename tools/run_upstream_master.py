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
MODULES = {
    'watcher.decision_engine.strategy.strategies.vm_workload_consolidation':
        'watcher/decision_engine/strategy/strategies/vm_workload_consolidation.py',
    'watcher.decision_engine.strategy.strategies.host_maintenance':
        'watcher/decision_engine/strategy/strategies/host_maintenance.py',
    'watcher.decision_engine.planner.weight': 'watcher/decision_engine/planner/weight.py',
}


def master_sources(argv):
    if argv[:1] == ['--master-dir']:
        return argv[1], argv[2:]
    git = DEFAULT_GIT
    if argv[:1] == ['--master-git']:
        git, argv = argv[1], argv[2:]
    out = tempfile.mkdtemp(prefix='watcher-master-')
    for rel in MODULES.values():
        dest = os.path.join(out, rel)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        with open(dest, 'wb') as f:
            f.write(subprocess.run(['git', '--git-dir', git, 'show', 'HEAD:' + rel],
                                   capture_output=True, check=True).stdout)
    return out, argv


def install(master_dir):
    import watcher.decision_engine.strategy.strategies as strategies
    import watcher.decision_engine.planner as planners  # noqa: F401
    for name, rel in MODULES.items():
        spec = importlib.util.spec_from_file_location(name, os.path.join(master_dir, rel))
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        parent, _, leaf = name.rpartition('.')
        setattr(sys.modules[parent], leaf, module)
    # The package re-exports the classes; point those names at master's too.
    strategies.VMWorkloadConsolidation = sys.modules[
        'watcher.decision_engine.strategy.strategies.vm_workload_consolidation'].VMWorkloadConsolidation
    strategies.HostMaintenance = sys.modules[
        'watcher.decision_engine.strategy.strategies.host_maintenance'].HostMaintenance


def main():
    master_dir, rest = master_sources(sys.argv[1:])
    install(master_dir)
    spec = importlib.util.spec_from_file_location('run_strategy', RUN_STRATEGY)
    run_strategy = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run_strategy)
    sys.argv = [RUN_STRATEGY] + rest
    return run_strategy.main(rest)


if __name__ == '__main__':
    sys.exit(main())
