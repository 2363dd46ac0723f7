using Watcher.Modules.Cloud;

namespace Watcher.Tests.ClusterModel;

/// <summary>A cloud that lists what the test put in it; everything else is not needed by the collector.</summary>
public sealed class FakeComputeCloud : IComputeCloud
{
    public List<Hypervisor> Hypervisors { get; } = [];
    public List<Server> Servers { get; } = [];
    /// <summary>When set, listing fails as an unreachable Nova would.</summary>
    public bool Unreachable { get; set; }
    public int ListCalls { get; private set; }

    public Task<IReadOnlyList<Hypervisor>> ListHypervisorsAsync(CancellationToken ct = default)
    {
        ListCalls++;
        if (Unreachable) throw new CloudException("Nova is unreachable");
        return Task.FromResult<IReadOnlyList<Hypervisor>>(Hypervisors.ToList());
    }

    public Task<IReadOnlyList<Server>> ListServersAsync(CancellationToken ct = default)
    {
        if (Unreachable) throw new CloudException("Nova is unreachable");
        return Task.FromResult<IReadOnlyList<Server>>(Servers.ToList());
    }

    public Task<Server?> GetServerAsync(string serverId, CancellationToken ct = default) =>
        Task.FromResult(Servers.FirstOrDefault(s => s.Id == serverId));

    public Task<IReadOnlyList<ComputeService>> ListComputeServicesAsync(CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<ComputeService>>(
            Hypervisors.Select(h => new ComputeService(h.Hostname, h.ServiceStatus, h.ServiceState, h.DisabledReason)).ToList());

    public Task<ComputeService> SetComputeServiceStatusAsync(string host, bool enabled, string? disabledReason, CancellationToken ct = default) => throw new NotSupportedException();
    public Task LiveMigrateAsync(string serverId, string? host, CancellationToken ct = default) => throw new NotSupportedException();
    public Task ColdMigrateAsync(string serverId, string? host, CancellationToken ct = default) => throw new NotSupportedException();
    public Task ConfirmResizeAsync(string serverId, CancellationToken ct = default) => throw new NotSupportedException();
    public Task AbortLiveMigrationAsync(string serverId, CancellationToken ct = default) => throw new NotSupportedException();
    public Task StopServerAsync(string serverId, CancellationToken ct = default) => throw new NotSupportedException();
    public Task StartServerAsync(string serverId, CancellationToken ct = default) => throw new NotSupportedException();
}
