using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Watcher.Modules.Cloud.Simulator;

/// <summary>
/// Keeps one simulated service's changing state (the embedded Cinder's volumes, Ironic's node power) in the
/// simulator's state file beside Nova's (ADR 32, ADR 52), under the service's name: a restart or a crash finds it as
/// it was, and Watcher processes sharing the file see one cloud. The caller holds its own lock around every use.
/// A read takes up what another process (or a previous run) wrote; a change is one write transaction — take the
/// file's write lock, take up its state, apply the change, write the whole state back, commit; a change that fails
/// writes nothing and the next call reloads. The state is kept only for the scenario it was written for (the seed
/// is a hash of the state the scenario starts with). A file that cannot be opened makes every call fail as an
/// unreachable service would, until it can.
/// </summary>
internal sealed class SimulatedServiceState(string service, string? path, ILogger logger) : IDisposable
{
    private SimulatorStateFile? _file;
    private bool _opened = path is null;
    private string _seed = "";
    private long _version = -1;

    /// <summary>
    /// At construction: the seed is a hash of the starting state and of what the scenario fixes (<paramref name="fixedPart"/>:
    /// sizes, capacities...); takes up the file's state for that seed, or writes the starting one.
    /// </summary>
    public void Initialise(string seeded, string fixedPart, Action<string> apply)
    {
        _seed = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(seeded + "\n" + fixedPart)));
        try
        {
            Open(seeded, apply);
        }
        catch (CloudException e)
        {
            // Start-up goes on; calls fail until the file can be opened (ADR 32's rule for Nova's state).
            logger.ServiceStateUnavailable(service, e.Message);
        }
    }

    /// <summary>Before a read: what another process wrote since.</summary>
    public void TakeUp(Func<string> snapshot, Action<string> apply)
    {
        Open(snapshot(), apply);
        if (_file?.ServiceVersion(service) is { } stored && stored != _version && _file.LoadServiceAny(service) is { } state)
        {
            apply(state.State);
            _version = state.Version;
        }
    }

    /// <summary>A change: one write transaction around <paramref name="body"/>.</summary>
    public T Write<T>(Func<T> body, Func<string> snapshot, Action<string> apply)
    {
        Open(snapshot(), apply);
        if (_file is null) return body();
        _file.BeginWrite();
        try
        {
            TakeUp(snapshot, apply);
            var result = body();
            _version++;
            _file.SaveService(service, _seed, _version, snapshot());
            _file.Commit();
            return result;
        }
        catch
        {
            _file.Rollback();
            _version = -1;   // memory may hold half the change: take the file up again at the next call
            throw;
        }
    }

    private void Open(string seeded, Action<string> apply)
    {
        if (_opened) return;
        try
        {
            _file = SimulatorStateFile.Open(path);
            _file!.BeginWrite();
            try
            {
                if (_file.LoadService(service, _seed) is { } stored)
                {
                    apply(stored.State);
                    _version = stored.Version;
                }
                else
                {
                    _version = 0;
                    _file.SaveService(service, _seed, _version, seeded);
                }
                _file.Commit();
            }
            catch
            {
                _file.Rollback();
                throw;
            }
            _opened = true;
        }
        catch (Exception e) when (SimulatorStateFile.IsStorageFault(e))
        {
            _file?.Dispose();
            _file = null;
            throw new CloudException($"The simulated {service} is unavailable: its state file {path} cannot be opened ({e.Message})", e);
        }
    }

    public void Dispose() => _file?.Dispose();
}
