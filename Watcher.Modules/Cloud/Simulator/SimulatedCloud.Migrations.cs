using Watcher.Modules.Cloud.Simulator.Scheduling;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.Cloud.Simulator;

/// <summary>Live and cold migrations: admission (state and scheduler checks), timing, completion, abort.</summary>
public sealed partial class SimulatedCloud
{
    public Task LiveMigrateAsync(string serverId, string? host, CancellationToken ct = default) =>
        Mutate(ct, () =>
        {
            var server = RequireServer(serverId);
            if (server.Status != NovaStatus.Active || server.TaskState is not null) throw Conflict(server, "os-migrateLive");
            Begin(server, MigrationKind.Live, host, _options.LiveMigrationSeconds);
            server.Status = NovaStatus.Migrating;
            server.TaskState = "migrating";
            return true;
        });

    public Task ColdMigrateAsync(string serverId, string? host, CancellationToken ct = default) =>
        Mutate(ct, () =>
        {
            var server = RequireServer(serverId);
            var movable = server.Status is NovaStatus.Active or NovaStatus.Shutoff;
            if (!movable || server.TaskState is not null) throw Conflict(server, "migrate");
            Begin(server, MigrationKind.Cold, host, _options.ColdMigrationSeconds);
            server.Status = NovaStatus.Resize;
            server.TaskState = "resize_migrating";
            return true;
        });

    public Task ConfirmResizeAsync(string serverId, CancellationToken ct = default) =>
        Mutate(ct, () =>
        {
            var server = RequireServer(serverId);
            if (server.Status != NovaStatus.VerifyResize || server.PendingResize is not { } pending) throw Conflict(server, "confirmResize");
            server.VmState = pending.PreviousVmState;
            server.Status = NovaStatus.FromVmState(pending.PreviousVmState);
            server.PendingResize = null;
            _logger.ServerStatusChanged(server.Id, server.Status);
            return true;
        });

    public Task AbortLiveMigrationAsync(string serverId, CancellationToken ct = default) =>
        Mutate(ct, () =>
        {
            var server = RequireServer(serverId);
            // Nothing in flight (already finished, or never started): nothing to abort.
            if (server.Migration is not { Kind: MigrationKind.Live } migration) return false;
            server.Migration = null;
            server.Status = NovaStatus.Active;
            server.TaskState = null;
            _logger.MigrationAborted(server.Id, migration.Source);
            return true;
        });

    private void Begin(SimServer server, MigrationKind kind, string? requestedHost, double seconds, SimFlavor? newFlavor = null)
    {
        var source = server.Host ?? throw new CloudException($"Instance {server.Id} is not placed on any host.");
        if (FindHost(source) is { Hypervisor.ServiceState: NodeState.Down })
            throw new CloudException($"Compute service of {source} is unavailable at this time.");
        var sameHostAllowed = kind == MigrationKind.Resize && _options.AllowResizeToSameHost;
        var destination = ChooseDestination(server, requestedHost, newFlavor ?? server.Flavor, sameHostAllowed);
        var willFail = _options.FailMigrationsOf.Contains(server.Id) || _options.FailMigrationsOf.Contains(server.Name);
        server.Migration = new SimMigration(kind, source, destination, _time.GetUtcNow().AddSeconds(seconds), willFail, server.VmState, newFlavor);
        RecordMigration(server, server.Migration);
        _logger.MigrationStarted(kind.ToString(), server.Id, source, destination, seconds);
    }

    /// <summary>
    /// A requested destination must exist, differ from the source and pass every scheduler filter; without one
    /// the scheduler picks among all other hosts (the source too for a resize when AllowResizeToSameHost).
    /// </summary>
    private string ChooseDestination(SimServer server, string? requestedHost, SimFlavor flavor, bool sameHostAllowed)
    {
        var request = new ResourceRequest(flavor.Vcpus, flavor.MemoryMb, flavor.DiskGb, server.PinnedAvailabilityZone, PlacementGroupOf(server));
        if (requestedHost is null)
            return _scheduler.SelectHost(_hosts.Where(h => sameHostAllowed || h.Hostname != server.Host).Select(StateOf), request).Hostname;

        var host = _hosts.FirstOrDefault(h => h.Hostname == requestedHost)
            ?? throw new CloudException($"Compute host {requestedHost} could not be found.");
        if (host.Hostname == server.Host && !sameHostAllowed)
            throw new CloudException($"Unable to migrate instance ({server.Id}) to current host ({server.Host}).");
        if (FilterScheduler.RejectedBy(StateOf(host), request) is { } filter)
            throw new NoValidHostException($"Host {host.Hostname} was rejected by {filter}.");
        return host.Hostname;
    }

    /// <summary>The server's group with the hosts its other members are on or moving to (Nova's group hosts).</summary>
    private PlacementGroup? PlacementGroupOf(SimServer server)
    {
        if (server.Group is not { } group) return null;
        var hosts = new HashSet<string>();
        foreach (var member in _servers.Where(s => s.Id != server.Id && group.Members.Contains(s.Id)))
        {
            if (member.Host is { } h) hosts.Add(h);
            if (member.Migration?.Destination is { } d) hosts.Add(d);
        }
        return new PlacementGroup(group.Name, group.Policy, hosts);
    }

    /// <summary>
    /// What the host has claimed: its servers, migrations heading to it (a resize claims its new flavor), and
    /// servers whose cold migration or resize awaits confirmResize (the source keeps the old flavor, as Nova holds
    /// it on the migration record).
    /// </summary>
    private HostState StateOf(SimHost host)
    {
        int vcpus = 0, memory = 0, disk = 0;
        void Claim(SimFlavor f) { vcpus += f.Vcpus; memory += f.MemoryMb; disk += f.DiskGb; }
        foreach (var s in _servers)
        {
            if (s.Host == host.Hostname) Claim(s.Flavor);
            if (s.Migration is { } m && m.Destination == host.Hostname) Claim(m.NewFlavor ?? s.Flavor);
            if (s.PendingResize?.SourceHost is { } src && src == host.Hostname && s.Host != host.Hostname)
                Claim(s.PendingResize.OldFlavor ?? s.Flavor);
        }
        return new HostState(host.Hypervisor, vcpus, memory, disk);
    }

    /// <summary>Completes every migration and power change whose simulated end time has passed. Called under the lock.</summary>
    private void SettleDue()
    {
        var now = _time.GetUtcNow();
        foreach (var server in _servers)
        {
            if (server.Migration is not { } m || m.EndsAt > now) continue;
            server.Migration = null;
            server.TaskState = null;
            if (m.WillFail) Fail(server, m);
            else Complete(server, m);
        }
        SettlePower(now);
    }

    private void Complete(SimServer server, SimMigration m)
    {
        server.Host = m.Destination;
        if (m.Kind == MigrationKind.Live)
        {
            server.Status = NovaStatus.Active;
        }
        else
        {
            var oldFlavor = server.Flavor;
            if (m.NewFlavor is { } flavor) server.Resize(flavor);
            server.VmState = InstanceState.Resized;
            server.Status = NovaStatus.VerifyResize;
            server.PendingResize = new SimPendingResize(m.Source, m.PreviousVmState, m.NewFlavor is null ? null : oldFlavor);
        }
        _logger.MigrationCompleted(m.Kind.ToString(), server.Id, m.Destination);
    }

    /// <summary>As Nova does on a failed migration: back on the source; a failed cold migration or resize leaves ERROR.</summary>
    private void Fail(SimServer server, SimMigration m)
    {
        server.Host = m.Source;
        server.VmState = m.Kind == MigrationKind.Live ? m.PreviousVmState : InstanceState.Error;
        server.Status = NovaStatus.FromVmState(server.VmState);
        _logger.MigrationFailed(m.Kind.ToString(), server.Id, m.Destination);
    }
}
