using System.Text.Json.Nodes;
using Watcher.Modules.Cloud.Simulator.Metrics;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.Cloud.Simulator;

/// <summary>Turns a watcher-scenario/1 cluster into hypervisors and servers.</summary>
public sealed partial class SimulatedCloud
{
    private void Seed(Scenario scenario)
    {
        var model = scenario.Model;
        foreach (var node in model.Nodes)
        {
            _hosts.Add(new SimHost
            {
                Hypervisor = new Hypervisor
                {
                    Uuid = node.Uuid, Hostname = node.Hostname,
                    ServiceStatus = node.Status, ServiceState = node.State, DisabledReason = node.DisabledReason,
                    Vcpus = node.Vcpus, VcpuReserved = node.VcpuReserved, VcpuAllocationRatio = node.VcpuRatio,
                    MemoryMb = node.Memory, MemoryMbReserved = node.MemoryMbReserved, MemoryAllocationRatio = node.MemoryRatio,
                    DiskGb = node.Disk, DiskGbReserved = node.DiskGbReserved, DiskAllocationRatio = node.DiskRatio,
                    AvailabilityZone = node.AvailabilityZone, Aggregates = node.Aggregates.ToList(),
                },
                Metrics = new(scenario.NodeMetrics.GetValueOrDefault(node.Uuid) ?? []),
            });
        }

        foreach (var instance in model.Instances)
        {
            // Nova does not list deleted servers.
            if (instance.State == InstanceState.Deleted) continue;
            var host = model.NodeOf(instance)?.Hostname;
            _servers.Add(new SimServer
            {
                Id = instance.Uuid, Name = instance.Name,
                VmState = instance.State, Status = NovaStatus.FromVmState(instance.State),
                Host = host, ProjectId = instance.ProjectId, Locked = instance.Locked,
                Vcpus = instance.Vcpus, MemoryMb = instance.Memory, DiskGb = instance.Disk,
                FlavorName = $"sim.{instance.Vcpus}vcpu.{instance.Memory}mb.{instance.Disk}gb",
                Metadata = (JsonObject)JsonNode.Parse(instance.Metadata.ToJsonString())!,
                Metrics = new(scenario.InstanceMetrics.GetValueOrDefault(instance.Uuid) ?? []),
                Profile = ProfileOf(instance, scenario),
                // A scenario may start a server in VERIFY_RESIZE; confirming it returns it to active.
                PendingResize = instance.State == InstanceState.Resized ? new SimPendingResize(null, InstanceState.Active) : null,
            });
        }
        RecordSeedState();
    }

    /// <summary>The configured profile for the server (by name, then id), else the scenario's, else the default.</summary>
    private string ProfileOf(Instance instance, Scenario scenario)
    {
        var configured = _options.Metrics.Profiles;
        var profile = configured.GetValueOrDefault(instance.Name) ?? configured.GetValueOrDefault(instance.Uuid)
            ?? scenario.Profiles.GetValueOrDefault(instance.Uuid) ?? _options.Metrics.DefaultProfile;
        return LoadProfiles.Names.Contains(profile) ? profile
            : throw new InvalidOperationException(
                $"Unknown load profile '{profile}' for server {instance.Name}; use one of {string.Join(", ", LoadProfiles.Names)}");
    }
}
