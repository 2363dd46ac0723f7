using MediatR;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.ClusterModel;

/// <summary>Rebuilds the compute model on request (anyone needing a fresh model now, e.g. after an outage).</summary>
public sealed class SyncComputeModelHandler(ComputeModelStore store) : IRequestHandler<SyncComputeModel, Unit>
{
    public async Task<Unit> Handle(SyncComputeModel request, CancellationToken cancellationToken)
    {
        await store.RebuildAsync(cancellationToken);
        return Unit.Value;
    }
}
