using Hangfire.Server;
using Microsoft.Extensions.Options;

namespace Watcher.Modules.ClusterModel;

/// <summary>
/// Upstream's periodic synchronize() of the compute collector: rebuild every
/// Watcher:ClusterDataModelCollectors:Compute:Period seconds, first run at start. The model lives in this
/// process's memory, so every process keeps its own: a Hangfire background process (one per process), not a
/// shared recurring job.
/// </summary>
internal sealed class ComputeModelSyncJob(ComputeModelStore store, IOptions<ComputeCollectorOptions> options) : IBackgroundProcess
{
    public void Execute(BackgroundProcessContext context)
    {
        // A dedicated Hangfire thread: blocking on the rebuild is the intended use.
        RunOnceAsync(context.StoppingToken).GetAwaiter().GetResult();
        context.Wait(TimeSpan.FromSeconds(Math.Max(1, options.Value.Period)));
    }

    public async Task RunOnceAsync(CancellationToken ct)
    {
        try
        {
            await store.RebuildAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Logged and marked stale by the store; the next period retries.
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
