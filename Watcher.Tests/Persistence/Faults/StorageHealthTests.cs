using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Watcher.Modules.Persistence.Faults;

namespace Watcher.Tests.Persistence.Faults;

/// <summary>The fault in force: when it begins, what ends it, what the API answers while it lasts.</summary>
public sealed class StorageHealthTests
{
    private readonly StorageHealth _health = new(TimeProvider.System, NullLogger<StorageHealth>.Instance) { DatabasePath = "/data/watcher.db" };

    [Fact]
    public void AFullDisk_EndsWithTheNextCommittedWrite_AndCountsOncePerEpisode()
    {
        _health.Observe(new SqliteException("full", 13));
        _health.Observe(new SqliteException("full", 13));
        Assert.Equal(StorageFaultKind.DiskFull, _health.Current?.Kind);
        Assert.False(_health.RefusesAccess);   // calls are still tried: reads work on a full disk

        _health.WriteSucceeded();
        Assert.Null(_health.Current);
        _health.Observe(new SqliteException("full", 13));
        Assert.Equal(2, _health.FaultCounts["disk_full"]);
    }

    [Fact]
    public void AMissingFile_IsNotEndedByAWrite_AndOutranksTheErrorsItCauses()
    {
        _health.Report(StorageFaultClassifier.Missing("/data/watcher.db", DateTimeOffset.UtcNow));
        _health.Observe(new SqliteException("unable to open", 14));
        _health.WriteSucceeded();   // a write into the old, deleted file proves nothing
        Assert.Equal(StorageFaultKind.FileMissing, _health.Current?.Kind);
        Assert.True(_health.RefusesAccess);

        _health.StartupCompleted();   // the file is back and start-up ran on it
        Assert.Null(_health.Current);
        Assert.False(_health.RefusesAccess);
    }

    [Fact]
    public void SqlitesCannotRollback_AfterAFailedCommit_IsExplainedByTheFaultInForce()
    {
        var masking = new SqliteException("SQLite Error 1: 'cannot rollback - no transaction is active'.", 1);
        Assert.Null(_health.Explain(masking));
        _health.Observe(new SqliteException("full", 13));
        Assert.Equal(StorageFaultKind.DiskFull, _health.Explain(masking)?.Kind);
        Assert.Null(_health.Explain(new InvalidOperationException("a bug")));
    }

    [Fact]
    public void ADeferredStartUp_RefusesAccess_UntilItHasRun()
    {
        _health.StartupDeferred(new StorageFault(StorageFaultKind.ReadOnly, "read-only", DateTimeOffset.UtcNow));
        _health.WriteSucceeded();
        Assert.True(_health.RefusesAccess);
        _health.StartupCompleted();
        Assert.False(_health.RefusesAccess);
        Assert.Null(_health.Current);
    }
}
