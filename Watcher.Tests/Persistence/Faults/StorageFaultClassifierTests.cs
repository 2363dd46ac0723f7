using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Watcher.Modules.Persistence.Faults;

namespace Watcher.Tests.Persistence.Faults;

/// <summary>Which database errors are storage faults, and the cause an operator reads for each.</summary>
public sealed class StorageFaultClassifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(13, 13, StorageFaultKind.DiskFull, "the disk holding /data/watcher.db is full (SQLite error 13: database or disk is full)")]
    [InlineData(8, 1032, StorageFaultKind.FileMissing, "the database file /data/watcher.db was deleted or replaced")]
    [InlineData(10, 778, StorageFaultKind.IoError, "the disk holding /data/watcher.db reported an I/O error")]
    [InlineData(11, 11, StorageFaultKind.Corrupt, "/data/watcher.db is damaged or is not a SQLite database")]
    [InlineData(26, 26, StorageFaultKind.Corrupt, "/data/watcher.db is damaged or is not a SQLite database")]
    public void SqliteResultCodes_AreNamed(int code, int extended, StorageFaultKind kind, string causeStart)
    {
        var error = new SqliteException("SQLite Error: 'database or disk is full'.", code, extended);
        // Wrapped as EF wraps it: the cause is found through inner exceptions.
        var fault = StorageFaultClassifier.Classify(new DbUpdateException("save failed", error), "/data/watcher.db", Now);
        Assert.NotNull(fault);
        Assert.Equal(kind, fault.Kind);
        Assert.StartsWith(causeStart, fault.Cause);
        Assert.Equal($"Watcher's database is unavailable: {fault.Cause}.", fault.Message);
    }

    [Theory]
    [InlineData(19)]   // SQLITE_CONSTRAINT: a request's problem, not the storage's
    [InlineData(5)]    // SQLITE_BUSY
    [InlineData(1)]    // SQLITE_ERROR (e.g. a bad statement)
    public void OtherSqliteErrors_AreNotStorageFaults(int code)
    {
        Assert.Null(StorageFaultClassifier.Classify(new SqliteException("x", code), "/data/watcher.db", Now));
        Assert.Null(StorageFaultClassifier.Classify(new InvalidOperationException("bug"), "/data/watcher.db", Now));
    }

    [Theory]
    [InlineData("53100", StorageFaultKind.DiskFull)]
    [InlineData("25006", StorageFaultKind.ReadOnly)]
    [InlineData("08006", StorageFaultKind.Unavailable)]
    [InlineData("57P01", StorageFaultKind.Unavailable)]
    [InlineData("58030", StorageFaultKind.IoError)]
    [InlineData("XX001", StorageFaultKind.Corrupt)]
    public void ServerDatabaseSqlStates_AreNamed(string sqlState, StorageFaultKind kind)
    {
        var fault = StorageFaultClassifier.Classify(new ServerError(sqlState), null, Now);
        Assert.Equal(kind, fault?.Kind);
    }

    [Fact]
    public void ServerDatabaseConstraintViolation_IsNotAStorageFault() =>
        Assert.Null(StorageFaultClassifier.Classify(new ServerError("23505"), null, Now));

    [Fact]
    public void CannotOpen_InAWritableDirectory_WithTheFileGone_IsAMissingFile()
    {
        var directory = Directory.CreateTempSubdirectory("watcher-classify-").FullName;
        try
        {
            var path = Path.Combine(directory, "watcher.db");
            var fault = StorageFaultClassifier.Classify(new SqliteException("unable to open database file", 14), path, Now);
            Assert.Equal(StorageFaultKind.FileMissing, fault?.Kind);
            Assert.Null(StorageFaultClassifier.DirectoryProblem(path));
        }
        finally
        {
            Directory.Delete(directory);
        }
    }

    private sealed class ServerError(string sqlState) : DbException("server said no")
    {
        public override string SqlState => sqlState;
    }
}
