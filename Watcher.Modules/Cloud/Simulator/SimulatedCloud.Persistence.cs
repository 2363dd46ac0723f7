using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;

namespace Watcher.Modules.Cloud.Simulator;

/// <summary>
/// Every call runs under the lock; with a state file, a read first takes up what another process (or a previous
/// run) wrote, and a change is one write transaction: take the file's write lock, take up its state, settle due
/// migrations, apply the change, write the whole state back, commit. A change that fails writes nothing and the
/// next call reloads the file, so memory never keeps half of it.
/// </summary>
public sealed partial class SimulatedCloud : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private SimulatorStateFile? _stateFile;
    /// <summary>The state file while it cannot be opened (read-only data directory, full disk): every call tries again.</summary>
    private string? _unopenedStateFile;
    private readonly List<(SimServer Server, SimMigration Migration)> _newMigrations = [];
    private string _seed = "";
    private long _version = -1;

    public void Dispose()
    {
        lock (_gate) _stateFile?.Dispose();
    }

    /// <summary>The file the state is kept in, or null when it lives in memory only.</summary>
    public string? StateFilePath => _stateFile?.Path ?? _unopenedStateFile;

    /// <summary>
    /// A state file that cannot be opened must not stop Watcher's start-up (the database beside it may be read-only for
    /// a while too): the cloud is then built from its seed but answers errors, as an unreachable cloud would, because
    /// its true state is in the file. The first call after the file can be opened takes that state up.
    /// </summary>
    private static (SimulatorStateFile? File, string? Unopened) OpenStateFile(string? configured, ILogger logger)
    {
        try
        {
            return (SimulatorStateFile.Open(configured), null);
        }
        catch (Exception e) when (SimulatorStateFile.IsStorageFault(e))
        {
            var path = SimulatorStateFile.FullPath(configured)!;
            logger.StateFileUnavailable(path, e.Message);
            return (null, path);
        }
    }

    /// <summary>Called under the lock before every call: opens a state file that could not be opened so far.</summary>
    private void OpenDeferredStateFile()
    {
        if (_unopenedStateFile is not { } path) return;
        try
        {
            _stateFile = SimulatorStateFile.Open(path);
            RestoreOrInitialise();
            _unopenedStateFile = null;
            _logger.StateFileOpened(path);
        }
        catch (Exception e) when (SimulatorStateFile.IsStorageFault(e))
        {
            _stateFile?.Dispose();
            _stateFile = null;
            throw new CloudException($"The simulated cloud is unavailable: its state file {path} cannot be opened ({e.Message})", e);
        }
    }

    private Task<T> Read<T>(CancellationToken ct, Func<T> body)
    {
        ct.ThrowIfCancellationRequested();
        lock (_gate)
        {
            Settle();
            return Task.FromResult(body());
        }
    }

    private Task<T> Mutate<T>(CancellationToken ct, Func<T> body)
    {
        ct.ThrowIfCancellationRequested();
        lock (_gate)
        {
            OpenDeferredStateFile();
            if (_stateFile is null)
            {
                Settle();
                return Task.FromResult(body());
            }
            _stateFile.BeginWrite();
            try
            {
                Settle();
                var result = body();
                _version++;
                _stateFile.Save(_seed, _version, Snapshot(), newSeed: false);
                foreach (var (server, m) in _newMigrations)
                    _stateFile.LogMigration(server.Id, server.Name, m.Kind.ToString().ToLowerInvariant(), m.Source, m.Destination, _time.GetUtcNow());
                _stateFile.Commit();
                return Task.FromResult(result);
            }
            catch
            {
                _stateFile.Rollback();
                _version = -1;   // memory may hold half the change: take the file up again at the next call
                throw;
            }
            finally
            {
                _newMigrations.Clear();
            }
        }
    }

    /// <summary>Takes up what another process wrote, then completes what is due. Called under the lock.</summary>
    private void Settle()
    {
        OpenDeferredStateFile();
        if (_stateFile is not null && _stateFile.StoredVersion() is { } stored && stored != _version)
        {
            Apply(JsonSerializer.Deserialize<CloudSnapshot>(_stateFile.LoadAny()!, Json)!);
            _version = stored;
        }
        SettleDue();
    }

    /// <summary>Logged in the state file with the change that started it (tests count migrations per server there).</summary>
    private void RecordMigration(SimServer server, SimMigration migration)
    {
        if (_stateFile is not null) _newMigrations.Add((server, migration));
    }

    /// <summary>At construction: take up the file's state when it was written for this seed, else start it from the seed.</summary>
    private void RestoreOrInitialise()
    {
        if (_stateFile is null) return;
        var seeded = Snapshot();
        var capacities = string.Join(";", _hosts.Select(h => h.Hypervisor with { ServiceStatus = "", ServiceState = "", DisabledReason = null }));
        _seed = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(seeded + capacities)));
        lock (_gate)
        {
            _stateFile.BeginWrite();
            try
            {
                if (_stateFile.Load(_seed) is { } stored)
                {
                    Apply(JsonSerializer.Deserialize<CloudSnapshot>(stored.State, Json)!);
                    _version = stored.Version;
                    _logger.StateRestored(_stateFile.Path, _version);
                }
                else
                {
                    if (_stateFile.StoredVersion() is not null) _logger.StateDiscarded(_stateFile.Path);
                    _version = 0;
                    _stateFile.Save(_seed, _version, seeded, newSeed: true);
                }
                _stateFile.Commit();
            }
            catch
            {
                _stateFile.Rollback();
                throw;
            }
        }
    }

    private string Snapshot() => JsonSerializer.Serialize(new CloudSnapshot(
        _hosts.ToDictionary(h => h.Hostname, h => new HostSnapshot(
            h.Hypervisor.ServiceStatus, h.Hypervisor.ServiceState, h.Hypervisor.DisabledReason, h.PowerState, h.PowerChange)),
        _servers.ToDictionary(s => s.Id, s => new ServerSnapshot(
            s.Host, s.VmState, s.Status, s.TaskState, s.Flavor, s.Migration, s.PendingResize))), Json);

    private void Apply(CloudSnapshot snapshot)
    {
        foreach (var host in _hosts)
        {
            if (!snapshot.Hosts.TryGetValue(host.Hostname, out var h)) continue;
            host.Hypervisor = host.Hypervisor with { ServiceStatus = h.Status, ServiceState = h.State, DisabledReason = h.DisabledReason };
            host.PowerState = h.Power;
            host.PowerChange = h.PowerChange;
        }
        foreach (var server in _servers)
        {
            if (!snapshot.Servers.TryGetValue(server.Id, out var s)) continue;
            (server.Host, server.VmState, server.Status, server.TaskState) = (s.Host, s.VmState, s.Status, s.TaskState);
            server.Resize(s.Flavor);
            server.Migration = s.Migration;
            server.PendingResize = s.PendingResize;
        }
    }

    private sealed record CloudSnapshot(Dictionary<string, HostSnapshot> Hosts, Dictionary<string, ServerSnapshot> Servers);

    private sealed record HostSnapshot(string Status, string State, string? DisabledReason, string Power, SimPowerChange? PowerChange);

    private sealed record ServerSnapshot(
        string? Host, string VmState, string Status, string? TaskState, SimFlavor Flavor, SimMigration? Migration, SimPendingResize? PendingResize);
}
