using Microsoft.Extensions.Logging;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.ClusterModel;

/// <summary>
/// The latest storage or bare-metal model of the process, kept as <see cref="ComputeModelStore"/> keeps the compute
/// model: built on first use, rebuilt by the periodic sync and after cluster changes; callers get deep copies. A
/// failed rebuild marks the model stale; a stale model is rebuilt when a copy is asked for and refused if that
/// fails too (ADR 16's rule, for every model).
/// </summary>
public abstract class CollectedModelStore<TModel>(string modelName, ILogger log) where TModel : class
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private TModel? _model;
    private bool _stale;
    private long _builds;

    /// <summary>"storage" or "baremetal", as upstream names the collectors.</summary>
    public string ModelName => modelName;

    public bool IsBuilt => _model is not null;

    /// <summary>Successful builds from the cloud so far.</summary>
    public long Builds => Interlocked.Read(ref _builds);

    protected abstract Task<TModel> CollectAsync(CancellationToken ct);

    protected abstract TModel Copy(TModel model);

    public async Task<TModel> GetCopyAsync(CancellationToken ct)
    {
        await _lock.WaitAsync(ct);
        try
        {
            if (_model is null || _stale)
            {
                var first = _model is null;
                try
                {
                    _model = await BuildAsync(ct);
                    _stale = false;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.ModelBuildFailed(ex, modelName);
                    if (first) throw new ClusterModelUnavailableException(modelName, ex.Message, ex);
                    throw new ClusterStateStaleException(ex.Message);
                }
            }
            return Copy(_model);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>
    /// Changes the held model in place under the store's lock (a notification's update), so no copy is taken and no
    /// rebuild replaces the model meanwhile. False, and nothing done, while no model has been built yet.
    /// </summary>
    public async Task<bool> ApplyAsync(Func<TModel, CancellationToken, Task> change, CancellationToken ct)
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

    /// <summary>Rebuilds from the cloud; on failure the held model becomes stale and the error is rethrown.</summary>
    public async Task RebuildAsync(CancellationToken ct)
    {
        await _lock.WaitAsync(ct);
        try
        {
            _model = await BuildAsync(ct);
            _stale = false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _stale = true;
            log.ModelBuildFailed(ex, modelName);
            throw;
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<TModel> BuildAsync(CancellationToken ct)
    {
        var model = await CollectAsync(ct);
        Interlocked.Increment(ref _builds);
        log.ModelBuilt(modelName);
        return model;
    }
}

internal static partial class CollectedModelLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "The {Model} model was rebuilt from the cloud")]
    public static partial void ModelBuilt(this ILogger logger, string model);

    [LoggerMessage(Level = LogLevel.Error, Message = "Building the {Model} model failed; it is stale until the next successful sync")]
    public static partial void ModelBuildFailed(this ILogger logger, Exception ex, string model);
}
