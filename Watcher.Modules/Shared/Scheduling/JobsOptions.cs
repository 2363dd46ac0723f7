namespace Watcher.Modules.Shared.Scheduling;

/// <summary>Watcher:Jobs: the Hangfire job servers of this process.</summary>
public sealed class JobsOptions
{
    public const string Section = "Watcher:Jobs";

    /// <summary>
    /// False: this process serves the API and enqueues work but runs no job and no heartbeat (an API-only
    /// process next to others that do the work on one PostgreSQL database).
    /// </summary>
    public bool ProcessJobs { get; set; } = true;

    /// <summary>
    /// Seconds between two looks for due delayed and recurring jobs. Hangfire's default (15 s) would make a
    /// 10-second audit interval late; one second costs one cheap query a second.
    /// </summary>
    public double SchedulePollingInterval { get; set; } = 1.0;

    /// <summary>Workers of the queue for the periodic housekeeping jobs (expiry, continuous-audit sweep).</summary>
    public int HousekeepingWorkers { get; set; } = 1;
}

/// <summary>The named Hangfire queues; each has its own server with the worker count of its option.</summary>
public static class JobQueues
{
    /// <summary>Audit runs and continuous-audit ticks; Watcher:DecisionEngine:MaxAuditWorkers workers.</summary>
    public const string Audits = "audits";

    /// <summary>Action-plan executions; Watcher:Applier:Workers workers.</summary>
    public const string Applier = "applier";

    /// <summary>Recurring housekeeping (expiry, the continuous-audit sweep).</summary>
    public const string Housekeeping = "default";
}
