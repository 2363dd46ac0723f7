using MediatR;
using Microsoft.Extensions.Logging;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.ClusterModel;

/// <summary>A private deep copy of the current model, built first if needed; stale models are refused.</summary>
public sealed class GetComputeModelHandler(ComputeModelStore store) : IRequestHandler<GetComputeModel, ComputeModel>
{
    public Task<ComputeModel> Handle(GetComputeModel request, CancellationToken cancellationToken) =>
        store.GetCopyAsync(cancellationToken);
}

/// <summary>
/// Something changed the cloud (an applied action): refresh the model. Nothing is built while no one has
/// asked for a model yet (upstream ignores notifications until the first build). A failure is logged by the
/// store and leaves the model stale; it is not the publisher's problem.
/// </summary>
public sealed partial class ClusterChangedHandler(ComputeModelStore store, ILogger<ClusterChangedHandler> log)
    : INotificationHandler<ClusterChanged>
{
    public async Task Handle(ClusterChanged notification, CancellationToken cancellationToken)
    {
        if (!store.IsBuilt) return;
        LogRefreshing(notification.Reason);
        try
        {
            await store.RebuildAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Already logged and marked stale by the store.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Cluster changed ({Reason}): refreshing the compute model")]
    private partial void LogRefreshing(string reason);
}
