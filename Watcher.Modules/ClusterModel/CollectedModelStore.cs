using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.ClusterModel;

/// <summary>
/// The latest model of the process — compute, storage or bare metal: built on first use, rebuilt by the periodic
/// sync and after cluster changes, changed in place by cloud notifications between syncs; callers get deep copies.
/// A failed rebuild marks the model stale; a stale model is rebuilt when a copy is asked for (the cloud may be back:
/// upstream waits for the next periodic sync, an audit should not) and refused if that fails too (ADR 16's rule,
/// for every model).
/// </summary>
public abstract class CollectedModelStore<TModel>(string modelName, ILogger log) where TModel : class
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private TModel? _model;
    private bool _stale;
    private long _builds;

    /// <summary>"compute", "storage" or "baremetal", as upstream names the collectors.</summary>
    public string ModelName => modelName;

    public bool IsBuilt => _model is not null;

    protected ILogger Logger => log;

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
                    LogBuildFailed(ex);
                    if (first) throw Unavailable(ex);
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
            LogBuildFailed(ex);
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
        LogBuilt(model);
        return model;
    }

    /// <summary>What a caller gets when the very first build fails (a 503 naming the model).</summary>
    protected virtual Exception Unavailable(Exception cause) => new ClusterModelUnavailableException(modelName, cause.Message, cause);

    protected virtual void LogBuilt(TModel model) => log.ModelBuilt(modelName);

    protected virtual void LogBuildFailed(Exception cause) => log.ModelBuildFailed(cause, modelName);
}

/// <summary>Builds one model from the cloud, from scratch at each call.</summary>
public interface IModelCollector<TModel>
{
    Task<TModel> CollectAsync(CancellationToken ct);
}

/// <summary>A store whose builds come from a <typeparamref name="TCollector"/> resolved in a scope of its own.</summary>
public abstract class CollectedModelStore<TModel, TCollector>(string modelName, IServiceScopeFactory scopes, ILogger log)
    : CollectedModelStore<TModel>(modelName, log)
    where TModel : class
    where TCollector : IModelCollector<TModel>
{
    protected sealed override async Task<TModel> CollectAsync(CancellationToken ct)
    {
        // The cloud may be scoped or singleton; a scope per build works for both.
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TCollector>().CollectAsync(ct);
    }
}

internal static partial class CollectedModelLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "The {Model} model was rebuilt from the cloud")]
    public static partial void ModelBuilt(this ILogger logger, string model);

    [LoggerMessage(Level = LogLevel.Error, Message = "Building the {Model} model failed; it is stale until the next successful sync")]
    public static partial void ModelBuildFailed(this ILogger logger, Exception ex, string model);
}
