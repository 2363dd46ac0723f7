using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Watcher.Modules.Persistence.Faults;

/// <summary>
/// What this process knows about its database's storage right now: the current fault (if any), whether the
/// start-up work still waits for the database, and how many faults of each kind were seen. Faults are logged when
/// they begin and when they end, not on every failing request.
/// </summary>
public sealed partial class StorageHealth(TimeProvider time, ILogger<StorageHealth> logger)
{
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, long> _faultCounts = new();
    private StorageFault? _fault;

    /// <summary>The fault in force, or null when the database is usable.</summary>
    public StorageFault? Current => Volatile.Read(ref _fault);

    /// <summary>Migrations and the modules' start-up work have not run yet because the database was unusable.</summary>
    public bool StartupPending { get; private set; }

    /// <summary>The SQLite file, when the database is one (named in the causes).</summary>
    public string? DatabasePath { get; set; }

    /// <summary>
    /// Every database access is refused (503) rather than tried: before start-up has run (tables may not exist), and
    /// while the database file is missing (a new connection would create an empty database in its place).
    /// </summary>
    public bool RefusesAccess => StartupPending || Current?.Kind == StorageFaultKind.FileMissing;

    /// <summary>Faults seen since start, by label (disk_full, read_only...): each beginning counts once.</summary>
    public IReadOnlyDictionary<string, long> FaultCounts => _faultCounts;

    /// <summary>The fault to answer while access is refused (there is always one then).</summary>
    public StorageFault CurrentOrPending() => Current ?? new StorageFault(StorageFaultKind.Unavailable,
        "Watcher's start-up work has not run yet because the database could not be used", time.GetUtcNow());

    /// <summary>The storage fault behind an error, or null; does not change the state.</summary>
    public StorageFault? Classify(Exception exception) =>
        StorageFaultClassifier.Classify(exception, DatabasePath, time.GetUtcNow());

    /// <summary>Records the storage fault behind a failed database call, if it was one. Returns it.</summary>
    public StorageFault? Observe(Exception exception)
    {
        var fault = Classify(exception);
        if (fault is not null) Report(fault);
        return fault;
    }

    /// <summary>
    /// What to answer for an error that reached the API: its own storage fault, or — for SQLite's "cannot rollback"
    /// that can hide the original error after a failed commit — the fault in force.
    /// </summary>
    public StorageFault? Explain(Exception exception) =>
        Classify(exception)
        ?? (Current is { } current && exception.ToString().Contains("no transaction is active", StringComparison.Ordinal) ? current : null);

    public void Report(StorageFault fault)
    {
        lock (_gate)
        {
            var previous = _fault;
            if (previous is not null && previous.Kind == fault.Kind) return;
            // A missing file outranks what failing calls report afterwards (they fail because it is missing).
            if (previous?.Kind == StorageFaultKind.FileMissing) return;
            _fault = fault;
            _faultCounts.AddOrUpdate(fault.Label, 1, (_, n) => n + 1);
        }
        LogFault(fault.Label, fault.Cause);
    }

    /// <summary>A write was committed: a fault that writes can end (full disk, read-only, I/O) is over.</summary>
    public void WriteSucceeded()
    {
        StorageFault? ended;
        lock (_gate)
        {
            ended = _fault;
            if (ended is null || StartupPending || ended.Kind == StorageFaultKind.FileMissing) return;
            _fault = null;
        }
        LogRecovered(ended.Label, time.GetUtcNow() - ended.Since);
    }

    /// <summary>The start-up work could not run: the process serves 503s and retries.</summary>
    public void StartupDeferred(StorageFault fault)
    {
        StartupPending = true;
        Report(fault);
    }

    /// <summary>The start-up work (migrations included) ran: the database is usable, whatever failed before.</summary>
    public void StartupCompleted()
    {
        StorageFault? ended;
        lock (_gate)
        {
            ended = _fault;
            _fault = null;
            StartupPending = false;
        }
        if (ended is not null) LogRecovered(ended.Label, time.GetUtcNow() - ended.Since);
    }

    [LoggerMessage(EventId = 7100, Level = LogLevel.Error,
        Message = "Storage fault ({Fault}): {Cause}. Database calls answer 503 and readiness is red until it is fixed")]
    private partial void LogFault(string fault, string cause);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information,
        Message = "Storage fault ({Fault}) is over after {Duration}; the database is usable again")]
    private partial void LogRecovered(string fault, TimeSpan duration);
}
