namespace Watcher.Modules.Applier;

/// <summary>[watcher_applier] → Watcher:Applier.</summary>
public sealed class ApplierOptions
{
    public const string Section = "Watcher:Applier";

    /// <summary>Plans executed at the same time (upstream default 1: one plan at a time).</summary>
    public int Workers { get; set; } = 1;

    /// <summary>Deprecated upstream ("does not work" there); when true, succeeded actions of a failed plan are reverted.</summary>
    public bool RollbackWhenActionplanFailed { get; set; }

    /// <summary>
    /// Seconds between re-reads of a running plan's state, so CANCELLING interrupts running actions
    /// (9.0.0 polled every second). Not an upstream option; tests shorten it.
    /// </summary>
    public double CancellationPollInterval { get; set; } = 1.0;

    /// <summary>
    /// Seconds a stopping process (SIGTERM) lets running actions finish before it aborts them; no new action
    /// starts meanwhile. Either way the plan ends CANCELLED with upstream's "Applier was stopped" message, its
    /// finished actions keeping their states. Not an upstream option.
    /// </summary>
    public double ShutdownGracePeriod { get; set; } = 60;
}

/// <summary>[watcher_workflow_engines.taskflow] → Watcher:WorkflowEngine.</summary>
public sealed class WorkflowEngineOptions
{
    public const string Section = "Watcher:WorkflowEngine";

    /// <summary>Actions of one plan running in parallel.</summary>
    public int MaxWorkers { get; set; } = Environment.ProcessorCount;

    /// <summary>Strategy name → "ALWAYS" (default) or "ANY".</summary>
    public Dictionary<string, string> ActionExecutionRule { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>The [nova] polling options the actions use → Watcher:Nova.</summary>
public sealed class NovaOptions
{
    public const string Section = "Watcher:Nova";

    /// <summary>Seconds between two polls of a migrating server.</summary>
    public double MigrationInterval { get; set; } = 5.0;

    /// <summary>Polls before a migration is declared failed.</summary>
    public int MigrationMaxRetries { get; set; } = 180;
}
