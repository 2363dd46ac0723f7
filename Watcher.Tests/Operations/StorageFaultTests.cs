using Microsoft.Data.Sqlite;
using Watcher.Tests.Support;

namespace Watcher.Tests.Operations;

/// <summary>
/// The three storage faults an operator meets, each reproduced for real under the running service: a full disk
/// (a small tmpfs filled up), a database file deleted with its -wal and -shm, a data directory mounted read-only.
/// Each must answer 503 in Watcher's envelope naming the cause, log it, turn readiness red, and end without a restart.
/// </summary>
public sealed class StorageFaultTests
{
    [Fact]
    public async Task FullDisk_Answers503WithTheCause_TurnsReadinessRed_AndRecoversWhenSpaceIsFreed()
    {
        using var disk = new TestFilesystem(sizeMegabytes: 16);
        using var app = new OperationsFactory(disk.Path);
        var client = app.CreateClient();
        await client.CreateTemplateAsync("before").ExpectJson(201);
        await client.ReadinessAsync(200);

        app.EmptyWriteAheadLog();
        disk.Fill();

        var refused = await client.CreateTemplateAsync("during");
        Assert.Equal(503, (int)refused.StatusCode);
        var (faultCode, message) = await refused.Fault();
        Assert.Equal("Server", faultCode);
        Assert.StartsWith("Watcher's database is unavailable: the disk holding " + app.DatabasePath + " is full", message);
        Assert.Contains("database or disk is full", message);
        var report = await client.ReadinessAsync(503);
        Assert.Equal("Unhealthy", report.Check("database").Status);
        Assert.Contains("is full", report.Check("database").Description);
        Assert.Equal("Healthy", report.Check("job_server").Status);
        await client.GetAsync("/healthz").ExpectStatus(200);
        Assert.Contains(app.Log.Lines, l => l.StartsWith("Error") && l.Contains("Storage fault (disk_full)") && l.Contains(app.DatabasePath));
        var metrics = await client.MetricsAsync();
        Assert.Equal(0, metrics.Sample("watcher_database_up"));
        Assert.Equal(1, metrics.Sample("watcher_storage_faults_total{fault=\"disk_full\"}"));

        disk.Free();
        await client.WaitForReadinessAsync(200, app.Log);
        await client.CreateTemplateAsync("after").ExpectJson(201);
        Assert.Equal(["after", "before"], await client.TemplateNamesAsync());
        Assert.Contains(app.Log.Lines, l => l.Contains("Storage fault (disk_full) is over"));
        Assert.Equal(1, (await client.MetricsAsync()).Sample("watcher_database_up"));
    }

    [Fact]
    public async Task DeletedDatabaseFile_Answers503_SavesItsData_AndResumesWhenItIsPutBack()
    {
        var directory = Directory.CreateTempSubdirectory("watcher-deleted-").FullName;
        try
        {
            using (var app = new OperationsFactory(directory))
            {
                var client = app.CreateClient();
                await client.CreateTemplateAsync("before").ExpectJson(201);
                foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(app.DatabasePath + suffix);

                var message = await client.CreateTemplateAsync("during").ExpectError(503);
                // The answer names the copy Watcher saved from its still-open connection; the operator moves it back.
                var rescued = Assert.Single(Directory.GetFiles(directory, "watcher.db.rescued-*"));
                Assert.Equal($"Watcher's database is unavailable: the database file {app.DatabasePath} was deleted or replaced while Watcher "
                    + $"was running; the data it held was saved to {rescued}: move that file back to {app.DatabasePath} (or restore a "
                    + "backup there) and Watcher resumes.", message);
                Assert.Equal(message, await client.GetAsync("/v1/audit_templates").ExpectError(503));   // reads too: no half-served state
                var report = await client.ReadinessAsync(503);
                Assert.Contains("was deleted or replaced", report.Check("database").Description);
                await client.GetAsync("/healthz").ExpectStatus(200);
                Assert.Contains(app.Log.Lines, l => l.StartsWith("Error") && l.Contains("Storage fault (file_missing)") && l.Contains(app.DatabasePath));
                Assert.False(File.Exists(app.DatabasePath));   // no empty database was created in its place

                Assert.Contains(app.Log.Lines, l => l.Contains($"saved to {rescued}"));
                File.Move(rescued, app.DatabasePath);

                await client.WaitForReadinessAsync(200, app.Log);
                await client.CreateTemplateAsync("after").ExpectJson(201);
                Assert.Equal(["after", "before"], await client.TemplateNamesAsync());
                app.Stop();
            }
            using var restarted = new OperationsFactory(directory);
            Assert.Equal(["after", "before"], await restarted.CreateClient().TemplateNamesAsync());   // nothing was written to a ghost
            restarted.Stop();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task DatabaseFileReplacedByABackup_IsTakenUp_AfterTheReplacedDataWasSaved()
    {
        var directory = Directory.CreateTempSubdirectory("watcher-replaced-").FullName;
        try
        {
            using var app = new OperationsFactory(directory);
            var client = app.CreateClient();
            await client.CreateTemplateAsync("in-backup").ExpectJson(201);
            var backup = Path.Combine(directory, "backup.db");
            using (var live = new SqliteConnection($"Data Source={app.DatabasePath};Pooling=False"))
            using (var copy = new SqliteConnection($"Data Source={backup};Pooling=False"))
            {
                live.Open();
                copy.Open();
                live.BackupDatabase(copy);
            }
            await client.CreateTemplateAsync("after-backup").ExpectJson(201);

            // A restore done with mv over the live file: same path, another file (only its inode tells).
            File.Move(backup, app.DatabasePath, overwrite: true);

            await client.WaitForReadinessAsync(200, app.Log);
            Assert.Equal(["in-backup"], await client.TemplateNamesAsync());
            var rescued = Assert.Single(Directory.GetFiles(directory, "watcher.db.rescued-*"));
            using var saved = new SqliteConnection($"Data Source={rescued};Pooling=False");
            saved.Open();
            using var count = saved.CreateCommand();
            count.CommandText = "SELECT count(*) FROM audit_templates";
            Assert.Equal(2L, count.ExecuteScalar());   // what the replaced file held is not lost either
            app.Stop();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task ReadOnlyDataDirectory_DoesNotStopStartUp_Answers503_AndResumesWhenWritable()
    {
        using var disk = new TestFilesystem();
        using (var first = new OperationsFactory(disk.Path))
        {
            await first.CreateClient().CreateTemplateAsync("before").ExpectJson(201);
            first.Stop();
        }
        disk.MakeReadOnly();

        using var app = new OperationsFactory(disk.Path);
        var client = app.CreateClient();   // start-up used to abort here
        await client.GetAsync("/healthz").ExpectStatus(200);
        var report = await client.ReadinessAsync(503);
        Assert.Contains("start-up work is waiting for the database", report.Check("database").Description);
        Assert.Contains("Read-only file system", report.Check("database").Description);
        var message = await client.GetAsync("/v1/audit_templates").ExpectError(503);
        Assert.StartsWith($"Watcher's database is unavailable: {app.DatabasePath} cannot be opened: the directory {disk.Path} is not writable (Read-only file system)", message);
        await client.CreateTemplateAsync("during").ExpectError(503);
        Assert.Contains(app.Log.Lines, l => l.StartsWith("Error") && l.Contains("Start-up work (migrations, recovery) is waiting for the database") && l.Contains(disk.Path));

        disk.MakeWritable();
        await client.WaitForReadinessAsync(200, app.Log);
        await client.CreateTemplateAsync("after").ExpectJson(201);
        Assert.Equal(["after", "before"], await client.TemplateNamesAsync());
        app.Stop();
    }

    [Fact]
    public async Task ReadOnlyDataDirectory_OnAFreshInstall_CreatesAndMigratesTheDatabaseOnceWritable()
    {
        using var disk = new TestFilesystem();
        disk.MakeReadOnly();

        using var app = new OperationsFactory(disk.Path);
        var client = app.CreateClient();
        var message = await client.GetAsync("/v1/goals").ExpectError(503);
        Assert.StartsWith($"Watcher's database is unavailable: {app.DatabasePath} cannot be created: the directory {disk.Path} is not writable (Read-only file system)", message);
        await client.ReadinessAsync(503);

        disk.MakeWritable();
        await client.WaitForReadinessAsync(200, app.Log);
        var goals = await client.GetAsync("/v1/goals").ExpectJson();   // migrations and the catalog sync ran late
        Assert.Contains(goals["goals"]!.AsArray(), g => (string?)g!["name"] == "dummy");
        app.Stop();
    }
}
