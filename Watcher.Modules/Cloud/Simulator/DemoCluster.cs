using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Datasources.Contracts;

namespace Watcher.Modules.Cloud.Simulator;

/// <summary>
/// The cluster the simulator starts with when <c>Watcher:Simulator:ScenarioFile</c> is empty. It is built so that
/// a <c>server_consolidation</c> audit has something to do:
/// <list type="bullet">
/// <item>4 hypervisors <c>compute-0</c> … <c>compute-3</c>, all enabled and up, each 16 vCPU, 32 GB RAM (32768 MB),
/// 500 GB disk, no reserved resources, allocation ratios 1.0, availability zone <c>nova</c>.</item>
/// <item>7 active VMs, lightly loaded (5–25 % CPU, a third to a half of their RAM used), 14 vCPU / 28 GB / 280 GB
/// in total, so all of them fit on a single host:
/// compute-0: vm-web-1 (2 vCPU, 4 GB, 40 GB), vm-web-2 (2, 4 GB, 40 GB);
/// compute-1: vm-db-1 (4, 8 GB, 80 GB), vm-cache-1 (1, 2 GB, 20 GB);
/// compute-2: vm-app-1 (2, 4 GB, 40 GB), vm-app-2 (2, 4 GB, 40 GB);
/// compute-3: vm-batch-1 (1, 2 GB, 20 GB).</item>
/// <item>Per-VM metrics <c>instance_cpu_usage</c> (%) and <c>instance_ram_usage</c> (MB); host CPU and RAM usage
/// are derived from the VMs placed on each host.</item>
/// </list>
/// <c>vm_workload_consolidation</c> therefore packs the VMs onto fewer hosts and disables the emptied ones.
/// </summary>
public static class DemoCluster
{
    public const string ProjectId = "d0000000-0000-4000-8000-00000000d3a0";

    private static readonly (string Name, int Host, int Vcpus, int MemoryMb, int DiskGb, double CpuPercent, double RamUsedMb)[] Vms =
    [
        ("vm-web-1", 0, 2, 4096, 40, 10, 1500),
        ("vm-web-2", 0, 2, 4096, 40, 15, 2000),
        ("vm-db-1", 1, 4, 8192, 80, 5, 3000),
        ("vm-cache-1", 1, 1, 2048, 20, 20, 800),
        ("vm-app-1", 2, 2, 4096, 40, 8, 1200),
        ("vm-app-2", 2, 2, 4096, 40, 12, 1800),
        ("vm-batch-1", 3, 1, 2048, 20, 25, 700),
    ];

    public static Scenario Build()
    {
        var model = new ComputeModel();
        var nodes = new List<ComputeNode>();
        for (var i = 0; i < 4; i++)
        {
            var node = new ComputeNode
            {
                Uuid = $"c0de0000-0000-4000-8000-00000000000{i}", Hostname = $"compute-{i}",
                Vcpus = 16, Memory = 32768, Disk = 500, AvailabilityZone = "nova",
            };
            model.AddNode(node);
            nodes.Add(node);
        }

        var instanceMetrics = new Dictionary<string, Dictionary<string, ScenarioMetric>>();
        for (var i = 0; i < Vms.Length; i++)
        {
            var vm = Vms[i];
            var instance = new Instance
            {
                Uuid = $"5e000000-0000-4000-8000-00000000000{i}", Name = vm.Name, State = InstanceState.Active,
                Vcpus = vm.Vcpus, Memory = vm.MemoryMb, Disk = vm.DiskGb, ProjectId = ProjectId,
            };
            model.AddInstance(instance);
            model.MapInstance(instance, nodes[vm.Host]);
            instanceMetrics[instance.Uuid] = new()
            {
                [MetricNames.InstanceCpuUsage] = new ScenarioMetric(vm.CpuPercent),
                [MetricNames.InstanceRamUsage] = new ScenarioMetric(vm.RamUsedMb),
            };
        }

        return new Scenario
        {
            Name = "demo",
            Description = "Built-in demo cluster: 4 hosts of 16 vCPU / 32 GB / 500 GB, 7 lightly loaded VMs.",
            Model = model,
            InstanceMetrics = instanceMetrics,
        };
    }
}
