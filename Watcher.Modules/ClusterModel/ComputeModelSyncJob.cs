using Quartz;

namespace Watcher.Modules.ClusterModel;

/// <summary>
/// Upstream's periodic synchronize() of the compute collector: rebuild every
/// Watcher:ClusterDataModelCollectors:Compute:Period seconds, first run at start.
/// </summary>
public sealed class ComputeModelSyncJob(ComputeModelStore store) : IJob
{
    public static readonly JobKey Key = new("compute-model-sync", "cluster-model");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        try
        {
            await store.RebuildAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Logged and marked stale by the store; the next period retries.
        }
    }
}
