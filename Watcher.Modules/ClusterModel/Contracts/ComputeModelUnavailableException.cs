using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.ClusterModel.Contracts;

/// <summary>The compute model could not be built from the cloud at all (first build); 503 with the cloud's reason.</summary>
public sealed class ComputeModelUnavailableException(string reason, Exception inner)
    : WatcherException(503, $"The compute model could not be built: {reason}")
{
    public Exception Cause { get; } = inner;
}
