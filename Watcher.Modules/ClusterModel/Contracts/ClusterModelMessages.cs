using MediatR;

namespace Watcher.Modules.ClusterModel.Contracts;

/// <summary>
/// Asks the cluster-model module for a private deep copy of the current compute model, building it from the
/// cloud first if it does not exist yet.
/// </summary>
public sealed record GetComputeModel : IRequest<ComputeModel>;

/// <summary>Published when something changed the cloud (an applied action); the model is refreshed.</summary>
public sealed record ClusterChanged(string Reason) : INotification;

/// <summary>
/// Rebuild the compute model from the cloud now (upstream's periodic synchronize()); what the scheduled sync job
/// sends. Fails with the cloud's error, leaving the held model stale.
/// </summary>
public sealed record SyncComputeModel : IRequest<Unit>;
