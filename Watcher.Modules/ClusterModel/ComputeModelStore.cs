using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.ClusterModel;

/// <summary>
/// The latest compute model of the process (reference §10.1): built on first use, refreshed by the periodic
/// sync, after cluster changes, and patched between syncs by cloud notifications (§10.5). Callers only ever
/// get deep copies. A failed refresh keeps the old model but marks it stale; a stale model is rebuilt when a
/// copy is asked for, and refused (with the cloud's reason) if that rebuild fails too.
/// </summary>
public sealed partial class ComputeModelStore(IServiceScopeFactory scopes, ILogger<ComputeModelStore> log)
{
    // One build at a time, and no copy taken or notification applied while the model is being replaced.
    private readonly SemaphoreSlim _lock = new(1, 1);
    private ComputeModel? _model;
    private bool _stale;

    public bool IsBuilt => _model is not null;

    /// <summary>Successful builds from the cloud so far (notification updates are not builds).</summary>
    public long Builds => Interlocked.Read(ref _builds);
    private long _builds;

    public async Task<ComputeModel> GetCopyAsync(CancellationToken ct)
    {
        await _lock.WaitAsync(ct);
        try
        {
            if (_model is null)
            {
                try
                {
                    _model = await CollectAsync(ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogRebuildFailed(ex);
                    throw new ComputeModelUnavailableException(ex.Message, ex);
                }
                _stale = false;
            }
            else if (_stale)
            {
                // The cloud may be back (upstream waits for the next periodic sync; an audit should not).
                try
                {
                    _model = await CollectAsync(ct);
                    _stale = false;
                    LogRebuilt(_model.Nodes.Count, _model.Instances.Count);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogRebuildFailed(ex);
                    throw new ClusterStateStaleException(ex.Message);
                }
            }
            return _model.Clone();
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Rebuilds from the cloud; on failure the held model becomes stale and the error is rethrown.</summary>
    public async Task RebuildAsync(CancellationToken ct)
    {
        await _lock.WaitAsync(ct);
        try
        {
            _model = await CollectAsync(ct);
            _stale = false;
            LogRebuilt(_model.Nodes.Count, _model.Instances.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _stale = true;
            LogRebuildFailed(ex);
            throw;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>
    /// Changes the held model in place (a notification handler's update). Nothing happens while no model has
    /// been built yet, as upstream ignores notifications until then. Returns whether the change ran.
    /// </summary>
    public async Task<bool> ApplyAsync(Func<ComputeModel, CancellationToken, Task> change, CancellationToken ct)
    {
        await _lock.WaitAsync(ct);
        try
        {
            if (_model is null) return false;
            await change(_model, ct);
            return true;
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<ComputeModel> CollectAsync(CancellationToken ct)
    {
        // The cloud may be scoped or singleton; a scope per build works for both.
        await using var scope = scopes.CreateAsyncScope();
        var model = await scope.ServiceProvider.GetRequiredService<ComputeModelCollector>().CollectAsync(ct);
        Interlocked.Increment(ref _builds);
        return model;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Compute model rebuilt: {NodeCount} nodes, {InstanceCount} instances")]
    private partial void LogRebuilt(int nodeCount, int instanceCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Compute model rebuild failed; the model is stale until the next successful sync")]
    private partial void LogRebuildFailed(Exception ex);
}
