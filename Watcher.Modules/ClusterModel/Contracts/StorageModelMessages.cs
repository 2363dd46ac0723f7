using MediatR;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.ClusterModel.Contracts;

/// <summary>A private deep copy of the current storage model (reference §10.2), built from the cloud first if needed.</summary>
public sealed record GetStorageModel : IRequest<StorageModel>;

/// <summary>A private deep copy of the current bare-metal model (reference §10.3), built first if needed.</summary>
public sealed record GetBaremetalModel : IRequest<BaremetalModel>;

/// <summary>A storage or bare-metal model could not be built from the cloud; 503 with the cloud's reason.</summary>
public sealed class ClusterModelUnavailableException(string model, string reason, Exception? inner = null)
    : WatcherException(503, $"The {model} model could not be built: {reason}")
{
    public Exception? Cause { get; } = inner;
}
