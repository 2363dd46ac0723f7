using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Datasources.Contracts;
using Watcher.Modules.Decision.Contracts;

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

    /// <summary>Actions of this audit's earlier plans that ended FAILED (node_resource_consolidation avoids their nodes).</summary>
    public IReadOnlyList<SolutionAction> FailedActions { get; init; } = [];

    /// <summary>Bare-metal nodes behind the hypervisors; null when no bare-metal service is configured.</summary>
    public IReadOnlyList<BareMetalNode>? BareMetalNodes { get; init; }

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

    /// <summary>The random source of a randomised strategy: seeded by its optional <c>seed</c> parameter, so a plan can be reproduced.</summary>
    public Random CreateRandom() => Parameters["seed"] is null ? new Random() : new Random((int)GetNumber("seed"));
}
