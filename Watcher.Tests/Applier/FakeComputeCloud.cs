using Watcher.Modules.Cloud;

namespace Watcher.Tests.Applier;

/// <summary>
/// A hand-written in-test cloud for the action tests: servers and compute services in dictionaries, migrations
/// that finish after a few polls of GetServerAsync (as Nova's do), switches to refuse or hang them.
/// The real embedded simulator is tested in its own folder.
/// </summary>
internal sealed class FakeComputeCloud : IComputeCloud, INodePower
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Server> _servers = new();
    private readonly Dictionary<string, ComputeService> _services = new();
    private readonly Dictionary<string, Migration> _migrations = new();

    private sealed record Migration(string Destination, bool Live, string PreviousStatus, string? NewFlavor = null) { public int PollsLeft { get; set; } }
    private readonly Dictionary<string, Flavor> _flavors = new();
    private readonly Dictionary<string, (string Host, string Power, string? Target, int PollsLeft)> _nodes = new();

    public int PollsBeforeMigrationEnds { get; set; } = 2;
    public bool RefuseMigrations { get; set; }
    /// <summary>Servers whose migrations the cloud refuses (NoValidHost), the others still move.</summary>
    public HashSet<string> RefuseMigrationsOf { get; } = [];
    public bool MigrationsNeverEnd { get; set; }
    /// <summary>Servers whose migrations do not end while they are listed (others still do).</summary>
    public HashSet<string> HoldMigrationsOf { get; } = [];
    public List<string> Calls { get; } = [];
    /// <summary>os-stop answers 409, as Nova does for a server in a task.</summary>
    public bool RefuseStops { get; set; }
    /// <summary>Service enable/disable calls answer the service unchanged (another actor set it back).</summary>
    public bool IgnoreServiceChanges { get; set; }

    public FakeComputeCloud WithHost(string host, string status = "enabled")
    {
        lock (_gate) _services[host] = new ComputeService(host, status, "up", null);
        return this;
    }

    public FakeComputeCloud WithServer(string id, string host, string status = "ACTIVE")
    {
        lock (_gate) _servers[id] = new Server { Id = id, Host = host, Status = status, VmState = status == "SHUTOFF" ? "stopped" : "active" };
        return this;
    }

    public Server? Peek(string id) { lock (_gate) return _servers.GetValueOrDefault(id); }
    public ComputeService Service(string host) { lock (_gate) return _services[host]; }

    public Task<IReadOnlyList<Hypervisor>> ListHypervisorsAsync(CancellationToken ct = default)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<Hypervisor>>(_services.Values.Select(s => new Hypervisor
                { Uuid = s.Host + "-uuid", Hostname = s.Host, ServiceStatus = s.Status, ServiceState = s.State }).ToList());
    }

    public Task<IReadOnlyList<Server>> ListServersAsync(CancellationToken ct = default)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<Server>>(_servers.Values.ToList());
    }

    public Task<Server?> GetServerAsync(string serverId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (_migrations.TryGetValue(serverId, out var migration) && !MigrationsNeverEnd && !HoldMigrationsOf.Contains(serverId)
                && --migration.PollsLeft <= 0)
            {
                _migrations.Remove(serverId);
                _servers[serverId] = _servers[serverId] with
                {
                    Host = migration.Destination, TaskState = null, Status = migration.Live ? "ACTIVE" : "VERIFY_RESIZE",
                    VmState = migration.Live ? _servers[serverId].VmState : "resized",
                    FlavorName = migration.NewFlavor ?? _servers[serverId].FlavorName,
                };
            }
            return Task.FromResult(_servers.GetValueOrDefault(serverId));
        }
    }

    public Task<IReadOnlyList<ComputeService>> ListComputeServicesAsync(CancellationToken ct = default)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<ComputeService>>(_services.Values.ToList());
    }

    public Task<ComputeService> SetComputeServiceStatusAsync(string host, bool enabled, string? disabledReason, CancellationToken ct = default)
    {
        lock (_gate)
        {
            Calls.Add($"service {host} {(enabled ? "enable" : "disable")} {disabledReason}");
            if (!_services.ContainsKey(host)) throw new CloudException($"Compute service {host} not found");
            if (IgnoreServiceChanges) return Task.FromResult(_services[host]);
            return Task.FromResult(_services[host] = _services[host] with { Status = enabled ? "enabled" : "disabled", DisabledReason = disabledReason });
        }
    }

    public Task LiveMigrateAsync(string serverId, string? host, CancellationToken ct = default) => StartMigration(serverId, host, live: true);

    public Task ColdMigrateAsync(string serverId, string? host, CancellationToken ct = default) => StartMigration(serverId, host, live: false);

    private Task StartMigration(string serverId, string? host, bool live)
    {
        lock (_gate)
        {
            Calls.Add($"{(live ? "live" : "cold")} {serverId} -> {host ?? "(scheduler)"}");
            if (RefuseMigrations || RefuseMigrationsOf.Contains(serverId)) throw new CloudException("No valid host was found.");
            var server = _servers[serverId];
            // The "scheduler": first enabled host other than the current one.
            var destination = host ?? _services.Values.First(s => s.Status == "enabled" && s.Host != server.Host).Host;
            _migrations[serverId] = new Migration(destination, live, server.Status) { PollsLeft = PollsBeforeMigrationEnds };
            _servers[serverId] = server with
            {
                Status = live ? "MIGRATING" : "RESIZE", TaskState = live ? "migrating" : "resize_migrating",
            };
        }
        return Task.CompletedTask;
    }

    public Task ConfirmResizeAsync(string serverId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            Calls.Add($"confirm {serverId}");
            _servers[serverId] = _servers[serverId] with { Status = "ACTIVE", VmState = "active" };
        }
        return Task.CompletedTask;
    }

    public Task AbortLiveMigrationAsync(string serverId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            Calls.Add($"abort {serverId}");
            _migrations.Remove(serverId);
            _servers[serverId] = _servers[serverId] with { Status = "ACTIVE", TaskState = null };
        }
        return Task.CompletedTask;
    }

    public Task StopServerAsync(string serverId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            Calls.Add($"stop {serverId}");
            if (RefuseStops) throw new CloudException($"Cannot 'stop' instance {serverId} while it is in task_state migrating");
            _servers[serverId] = _servers[serverId] with { Status = "SHUTOFF", VmState = "stopped" };
        }
        return Task.CompletedTask;
    }

    public Task StartServerAsync(string serverId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            Calls.Add($"start {serverId}");
            _servers[serverId] = _servers[serverId] with { Status = "ACTIVE", VmState = "active" };
        }
        return Task.CompletedTask;
    }

    public FakeComputeCloud WithFlavor(string id, string name)
    {
        lock (_gate) _flavors[id] = new Flavor(id, name, 1, 1024, 10);
        return this;
    }

    public Task<IReadOnlyList<Flavor>> ListFlavorsAsync(CancellationToken ct = default)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<Flavor>>(_flavors.Values.ToList());
    }

    /// <summary>A resize ends (VERIFY_RESIZE, new flavor) after the same polls as a migration, on the same host.</summary>
    public Task ResizeAsync(string serverId, string flavor, CancellationToken ct = default)
    {
        lock (_gate)
        {
            Calls.Add($"resize {serverId} -> {flavor}");
            if (RefuseMigrations) throw new CloudException("No valid host was found.");
            var server = _servers[serverId];
            _migrations[serverId] = new Migration(server.Host!, false, server.Status, _flavors[flavor].Name) { PollsLeft = PollsBeforeMigrationEnds };
            _servers[serverId] = server with { Status = "RESIZE", TaskState = "resize_prep" };
        }
        return Task.CompletedTask;
    }

    public FakeComputeCloud WithNode(string id, string host, string power = "on")
    {
        lock (_gate) _nodes[id] = (host, power, null, 0);
        return this;
    }

    /// <summary>A power change ends after the same polls as a migration; never when MigrationsNeverEnd.</summary>
    public Task<NodePower?> GetNodePowerAsync(string nodeId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (!_nodes.TryGetValue(nodeId, out var node)) return Task.FromResult<NodePower?>(null);
            if (node.Target is { } target && !MigrationsNeverEnd && --node.PollsLeft <= 0) node = (node.Host, target, null, 0);
            _nodes[nodeId] = node;
            var running = _servers.Values.Count(s => s.Host == node.Host);
            return Task.FromResult<NodePower?>(new NodePower(nodeId, node.Host, node.Power, node.Host, running, node.Target));
        }
    }

    public Task SetNodePowerAsync(string nodeId, bool on, CancellationToken ct = default)
    {
        lock (_gate)
        {
            Calls.Add($"power {(on ? "on" : "off")} {nodeId}");
            var node = _nodes[nodeId];
            _nodes[nodeId] = (node.Host, node.Power, on ? "on" : "off", PollsBeforeMigrationEnds);
        }
        return Task.CompletedTask;
    }
}
