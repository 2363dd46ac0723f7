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

    /// <summary>
    /// A plan whose actions touch servers, hosts, nodes or volumes of an ONGOING plan: "wait" (default) keeps it
    /// PENDING, its status_message naming the plan it waits for, and starts it once that plan has ended; "refuse"
    /// answers its start with 409 (and cancels an auto-triggered one, saying why). Not an upstream option: upstream
    /// runs such plans side by side, and they fight over the same servers.
    /// </summary>
    public string ConflictingPlans { get; set; } = "wait";

    /// <summary>Seconds between two attempts to start a plan that waits for another.</summary>
    public double ConflictRetryInterval { get; set; } = 5;

    public bool RefusesConflictingPlans => string.Equals(ConflictingPlans, "refuse", StringComparison.OrdinalIgnoreCase);

    public static bool IsValidConflictMode(string? mode) =>
        string.Equals(mode, "wait", StringComparison.OrdinalIgnoreCase) || string.Equals(mode, "refuse", StringComparison.OrdinalIgnoreCase);
}

/// <summary>[watcher_workflow_engines.taskflow] → Watcher:WorkflowEngine.</summary>
public sealed class WorkflowEngineOptions
{
    public const string Section = "Watcher:WorkflowEngine";

    /// <summary>Actions of one plan running in parallel.</summary>
    public int MaxWorkers { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Action type → how many actions of that type of one plan may run at once (not an upstream option; upstream
    /// bounds them only through the planner's layers and MaxWorkers). A type not listed is bounded by MaxWorkers.
    /// </summary>
    public Dictionary<string, int> ActionTypeLimits { get; set; } = new(StringComparer.Ordinal);

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

/// <summary>
/// Polling of the actions that upstream hard-codes (not upstream options) → Watcher:ActionPolling. Tests and small
/// simulated clouds shorten them; the defaults are upstream's.
/// </summary>
public sealed class ActionPollingOptions
{
    public const string Section = "Watcher:ActionPolling";

    /// <summary>change_node_power_state: seconds between two reads of the node's power state (upstream 10).</summary>
    public double NodePowerInterval { get; set; } = 10;

    /// <summary>change_node_power_state: reads before the change is declared failed (upstream 60).</summary>
    public int NodePowerMaxRetries { get; set; } = 60;

    /// <summary>volume_migrate: seconds between two reads of the volume (upstream 10).</summary>
    public double VolumeInterval { get; set; } = 10;

    /// <summary>
    /// volume_migrate: reads before a move is declared failed (upstream polls a migration without limit and waits
    /// 120 reads for the temporary copy to go; 360 reads are an hour at the default interval).
    /// </summary>
    public int VolumeMaxRetries { get; set; } = 360;

    /// <summary>stop: seconds between two reads of the server (upstream 10).</summary>
    public double StopInterval { get; set; } = 10;

    /// <summary>stop: reads before the stop is declared failed (upstream 8).</summary>
    public int StopMaxRetries { get; set; } = 8;
}
