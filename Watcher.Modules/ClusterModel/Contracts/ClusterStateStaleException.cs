using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.ClusterModel.Contracts;

/// <summary>
/// The last refresh of the compute model failed, so the copy held is not trusted any more (upstream
/// ClusterStateStale). Cleared by the next successful refresh.
/// </summary>
public sealed class ClusterStateStaleException() : WatcherException(500, "The cluster state is stale");
