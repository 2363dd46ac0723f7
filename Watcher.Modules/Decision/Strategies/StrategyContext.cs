using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Datasources.Contracts;

namespace Watcher.Modules.Decision.Strategies;

/// <summary>
/// Everything one strategy run needs: its own copy of the scoped compute model (mutate freely), the validated
/// parameters with defaults filled in, the datasource chosen for its metrics (null when it needs none), and
/// the audit it runs for.
/// </summary>
public sealed record StrategyContext(
    ComputeModel Model,
    JsonObject Parameters,
    IMetricsDatasource? Metrics,
    string AuditType = "ONESHOT",
    ILogger? Logger = null,
    CancellationToken CancellationToken = default)
{
    public ILogger Log => Logger ?? NullLogger.Instance;

    /// <summary>The scoped storage model (a private copy), for strategies that declare <see cref="IStrategy.UsesStorageModel"/>.</summary>
    public StorageModel? Storage { get; init; }

    public StorageModel RequireStorage() =>
        Storage ?? throw new StrategyFailedException("The storage model is not available");

    public IMetricsDatasource RequireMetrics() =>
        Metrics ?? throw new StrategyFailedException("No datasources available");

    public string? GetString(string name) => Parameters[name]?.GetValue<string>();
    /// <summary>Any JSON number (GetValue&lt;double&gt; throws on a value built in code from an int).</summary>
    public double GetNumber(string name) => System.Text.Json.JsonSerializer.Deserialize<double>(Parameters[name]!.ToJsonString());
    public bool GetBool(string name) => Parameters[name]?.GetValue<bool>() ?? false;
}
