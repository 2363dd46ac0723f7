namespace Watcher.Modules.Decision;

/// <summary>[watcher_decision_engine] → Watcher:DecisionEngine.</summary>
public sealed class DecisionEngineOptions
{
    public const string Section = "Watcher:DecisionEngine";

    /// <summary>Audits run in parallel (upstream max_audit_workers).</summary>
    public int MaxAuditWorkers { get; set; } = 2;
}
