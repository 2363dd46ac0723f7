using Prometheus;

namespace Watcher.Modules.Operations.Metrics;

/// <summary>
/// The collectors /metrics serves, in a registry of this app's own (several apps in one test process must not mix
/// their figures). Names follow Prometheus conventions: seconds, _total for counters, lower-case label values.
/// </summary>
public sealed class WatcherMetrics
{
    public WatcherMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        Factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        DotNetStats.Register(Registry);   // process_* and dotnet_* basics

        Audits = Factory.CreateGauge("watcher_audits", "Audits by state and type (deleted ones excluded), as the database holds them.",
            ["state", "audit_type"]);
        ActionPlans = Factory.CreateGauge("watcher_action_plans", "Action plans by state (deleted ones excluded), as the database holds them.",
            ["state"]);
        AuditRunDuration = Factory.CreateHistogram("watcher_audit_run_duration_seconds",
            "Time from an audit run's start (ONGOING) to its action plan, or to the state it ended in, in this process.",
            new HistogramConfiguration { LabelNames = ["audit_type", "outcome"], Buckets = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800] });
        ActionPlanDuration = Factory.CreateHistogram("watcher_action_plan_duration_seconds",
            "Time from an action plan's start (ONGOING) to its final state, in this process.",
            new HistogramConfiguration { LabelNames = ["outcome"], Buckets = [1, 5, 10, 30, 60, 300, 600, 1800, 3600, 7200, 14400] });
        ActionDuration = Factory.CreateHistogram("watcher_action_duration_seconds",
            "Time from an action's start (ONGOING) to its final state, by action type, in this process.",
            new HistogramConfiguration { LabelNames = ["action_type", "outcome"], Buckets = [0.1, 0.5, 1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600] });
        ActionsFinished = Factory.CreateCounter("watcher_actions_finished_total",
            "Actions that reached a final state (succeeded, failed, skipped, cancelled), by action type.", ["action_type", "outcome"]);
        JobQueueLength = Factory.CreateGauge("watcher_job_queue_length", "Jobs waiting in each background queue of this process.", ["queue"]);
        DatabaseUp = Factory.CreateGauge("watcher_database_up",
            "1 when the database answered this scrape and no storage fault is in force; 0 otherwise (the database-derived gauges are then stale).");
        StorageFaults = Factory.CreateCounter("watcher_storage_faults_total",
            "Storage faults that began since the process started, by kind (disk_full, read_only, file_missing, unavailable, io_error, corrupt).", ["fault"]);
    }

    public CollectorRegistry Registry { get; }
    public IMetricFactory Factory { get; }
    public Gauge Audits { get; }
    public Gauge ActionPlans { get; }
    public Histogram AuditRunDuration { get; }
    public Histogram ActionPlanDuration { get; }
    public Histogram ActionDuration { get; }
    public Counter ActionsFinished { get; }
    public Gauge JobQueueLength { get; }
    public Gauge DatabaseUp { get; }
    public Counter StorageFaults { get; }
}
