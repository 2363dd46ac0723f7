namespace Watcher.Modules.Decision;

/// <summary>[watcher_decision_engine] → Watcher:DecisionEngine.</summary>
public sealed class DecisionEngineOptions
{
    public const string Section = "Watcher:DecisionEngine";

    /// <summary>Audits run in parallel (upstream max_audit_workers).</summary>
    public int MaxAuditWorkers { get; set; } = 2;

    /// <summary>Hours after which a never-started RECOMMENDED plan becomes SUPERSEDED; 0 keeps plans forever.</summary>
    public int ActionPlanExpiry { get; set; } = 24;

    /// <summary>Seconds between two expiry checks (upstream check_periodic_interval).</summary>
    public int CheckPeriodicInterval { get; set; } = 1800;
}
