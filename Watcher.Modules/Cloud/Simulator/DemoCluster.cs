using System.Text.Json.Nodes;
using Watcher.Modules.Cloud.Simulator.Metrics;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Datasources.Contracts;

namespace Watcher.Modules.Cloud.Simulator;

/// <summary>
/// The cluster the simulator starts with when <c>Watcher:Simulator:ScenarioFile</c> is empty. It is built so that
/// every compute goal has something to do:
/// <list type="bullet">
/// <item>4 hypervisors <c>compute-0</c> … <c>compute-3</c>, all enabled and up, each 16 vCPU, 32 GB RAM (32768 MB),
/// 500 GB disk, no reserved resources, allocation ratios 1.0, availability zone <c>nova</c>.</item>
/// <item>7 active VMs, 14 vCPU / 28 GB / 280 GB in total, so all of them fit on a single host
/// (<c>server_consolidation</c>): compute-0: vm-web-1, vm-web-2; compute-1: vm-db-1, vm-cache-1;
/// compute-2: vm-app-1, vm-app-2; compute-3: vm-batch-1.</item>
/// <item>compute-1 is busy (vm-db-1 at 95 % of 4 vCPUs, vm-cache-1 at 80 %) while the others idle, so host CPU is
/// imbalanced (<c>workload_balancing</c>).</item>
/// <item>compute-0 stands in a hot aisle (27 °C inlet): its outlet reaches 35 °C and its fans run high although it
/// is nearly idle (<c>thermal_optimization</c>, <c>airflow_optimization</c>).</item>
/// <item>On compute-2, vm-app-2 (watcher-priority 9) runs a batch job — the <c>burst</c> load profile, ten times
/// its load for 10 minutes every 30, the first under way when the simulator starts — that crowds high-priority
/// vm-app-1 (watcher-priority 1) out of the shared cache (<c>noisy_neighbor</c>, in each burst's first minutes).</item>
/// </list>
/// Storage and bare metal (two Cinder backends, one pool above 80 % used, a data volume per VM, two Ironic
/// nodes) are described in <see cref="DemoStorage"/>.
/// Per-VM metrics are <c>instance_cpu_usage</c> (%), <c>instance_ram_usage</c> (MB) and, on compute-2,
/// <c>instance_l3_cache_usage</c> (bytes); host figures are derived from the VMs placed on each host.
/// </summary>
public static class DemoCluster
{
    public const string ProjectId = "d0000000-0000-4000-8000-00000000d3a0";
    private const double MiB = 1024 * 1024;

    private static readonly (string Name, int Host, int Vcpus, int MemoryMb, int DiskGb, double CpuPercent, double RamUsedMb)[] Vms =
    [
        ("vm-web-1", 0, 2, 4096, 40, 10, 1500),
        ("vm-web-2", 0, 2, 4096, 40, 15, 2000),
        ("vm-db-1", 1, 4, 8192, 80, 95, 7000),
        ("vm-cache-1", 1, 1, 2048, 20, 80, 1800),
        ("vm-app-1", 2, 2, 4096, 40, 8, 1200),
        ("vm-app-2", 2, 2, 4096, 40, 12, 1800),
        ("vm-batch-1", 3, 1, 2048, 20, 25, 700),
    ];

    /// <summary>Cache use and priority of the noisy-neighbour pair on compute-2.</summary>
    private static readonly Dictionary<string, (double CacheBytes, string Priority)> CachePair = new()
    {
        ["vm-app-1"] = (10 * MiB, "1"),
        ["vm-app-2"] = (3 * MiB, "9"),
    };

    public static Scenario Build()
    {
        var model = new ComputeModel();
        var nodes = new List<ComputeNode>();
        var nodeMetrics = new Dictionary<string, Dictionary<string, ScenarioMetric>>();
        for (var i = 0; i < 4; i++)
        {
            var node = new ComputeNode
            {
                Uuid = $"c0de0000-0000-4000-8000-00000000000{i}", Hostname = $"compute-{i}",
                Vcpus = 16, Memory = 32768, Disk = 500, AvailabilityZone = "nova",
            };
            model.AddNode(node);
            nodes.Add(node);
            nodeMetrics[node.Uuid] = i == 0 ? new() { [MetricNames.HostInletTemp] = new ScenarioMetric(27) } : new();
        }

        var instanceMetrics = new Dictionary<string, Dictionary<string, ScenarioMetric>>();
        var profiles = new Dictionary<string, string>();
        for (var i = 0; i < Vms.Length; i++)
        {
            var vm = Vms[i];
            var instance = new Instance
            {
                Uuid = $"5e000000-0000-4000-8000-00000000000{i}", Name = vm.Name, State = InstanceState.Active,
                Vcpus = vm.Vcpus, Memory = vm.MemoryMb, Disk = vm.DiskGb, ProjectId = ProjectId,
            };
            var metrics = new Dictionary<string, ScenarioMetric>
            {
                [MetricNames.InstanceCpuUsage] = new ScenarioMetric(vm.CpuPercent),
                [MetricNames.InstanceRamUsage] = new ScenarioMetric(vm.RamUsedMb),
            };
            if (CachePair.TryGetValue(vm.Name, out var cache))
            {
                metrics[MetricNames.InstanceL3CacheUsage] = new ScenarioMetric(cache.CacheBytes);
                instance.Metadata = new JsonObject { ["watcher-priority"] = cache.Priority };
            }
            model.AddInstance(instance);
            model.MapInstance(instance, nodes[vm.Host]);
            instanceMetrics[instance.Uuid] = metrics;
            if (vm.Name == "vm-app-2") profiles[instance.Uuid] = LoadProfiles.Burst;
        }

        return new Scenario
        {
            Name = "demo",
            Description = "Built-in demo cluster: 4 hosts of 16 vCPU / 32 GB / 500 GB, 7 VMs; one busy host, one in a "
                + "hot aisle, one with a noisy neighbour.",
            Model = model,
            NodeMetrics = nodeMetrics,
            InstanceMetrics = instanceMetrics,
            Profiles = profiles,
            Storage = DemoStorage.Storage(model),
            Baremetal = DemoStorage.Baremetal(model),
        };
    }
}
