using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.ClusterModel;

/// <summary>
/// The latest compute model of the process (reference §10.1), kept by <see cref="CollectedModelStore{TModel}"/>'s
/// rules: built on first use, refreshed by the periodic sync and after cluster changes, patched between syncs by
/// Nova's notifications (§10.5); a failed refresh keeps the old model but marks it stale, and a stale model is
/// rebuilt when a copy is asked for, and refused (with the cloud's reason) if that rebuild fails too.
/// </summary>
public sealed class ComputeModelStore(IServiceScopeFactory scopes, ILogger<ComputeModelStore> logger)
    : CollectedModelStore<ComputeModel, ComputeModelCollector>("compute", scopes, logger)
{
    protected override ComputeModel Copy(ComputeModel model) => model.Clone();

    protected override Exception Unavailable(Exception cause) => new ComputeModelUnavailableException(cause.Message, cause);

    protected override void LogBuilt(ComputeModel model) => ComputeModelLog.Rebuilt(Logger, model.Nodes.Count, model.Instances.Count);

    protected override void LogBuildFailed(Exception cause) => ComputeModelLog.RebuildFailed(Logger, cause);
}

internal static partial class ComputeModelLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Compute model rebuilt: {NodeCount} nodes, {InstanceCount} instances")]
    public static partial void Rebuilt(ILogger logger, int nodeCount, int instanceCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Compute model rebuild failed; the model is stale until the next successful sync")]
    public static partial void RebuildFailed(ILogger logger, Exception ex);
}
