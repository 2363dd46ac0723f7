using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.ClusterModel.Contracts;

/// <summary>
/// The last refresh of the compute model failed, so the copy held is not trusted any more (upstream
/// ClusterStateStale). Cleared by the next successful refresh. Carries the cloud's reason when known.
/// </summary>
public sealed class ClusterStateStaleException(string? reason = null)
    : WatcherException(500, reason is null ? "The cluster state is stale" : $"The cluster state is stale: {reason}");
