using MediatR;
using Microsoft.Extensions.Logging;
using Quartz;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.ClusterModel;

/// <summary>Rebuilds the compute model on request (the sync job, or anyone needing a fresh model now).</summary>
public sealed class SyncComputeModelHandler(ComputeModelStore store) : IRequestHandler<SyncComputeModel, Unit>
{
    public async Task<Unit> Handle(SyncComputeModel request, CancellationToken cancellationToken)
    {
        await store.RebuildAsync(cancellationToken);
        return Unit.Value;
    }
}

/// <summary>
/// Upstream's periodic synchronize() of the compute collector: rebuild every
/// Watcher:ClusterDataModelCollectors:Compute:Period seconds, first run at start. The work is the
/// <see cref="SyncComputeModel"/> request, so any scheduler can send it.
/// </summary>
public sealed class ComputeModelSyncJob(IMediator mediator) : IJob
{
    public static readonly JobKey Key = new("compute-model-sync", "cluster-model");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        try
        {
            await mediator.Send(new SyncComputeModel(), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Logged and marked stale by the store; the next period retries.
        }
    }
}
