namespace Watcher.Modules.Decision.Strategies.Basic;

/// <summary>[watcher_strategies.basic] → Watcher:Strategies:Basic.</summary>
public sealed class BasicConsolidationOptions
{
    public const string Section = "Watcher:Strategies:Basic";

    /// <summary>
    /// When true, only instances whose metadata lets them be optimised are moved: empty metadata, or an
    /// <c>optimize</c> key that reads as true (upstream check_optimize_metadata).
    /// </summary>
    public bool CheckOptimizeMetadata { get; set; }
}
