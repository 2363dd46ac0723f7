using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Watcher.Modules.Persistence;

namespace Watcher.Tests.Support;

/// <summary>
/// A database of its own, migrated unless asked otherwise, deleted on dispose: a SQLite file by default, or a
/// database on the test run's PostgreSQL server (<see cref="PostgresServer"/>).
/// </summary>
public sealed class TempDatabase : IDisposable
{
    private readonly string? _directory;

    public TempDatabase(DatabaseProvider provider = DatabaseProvider.Sqlite, bool migrated = true)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            _directory = Path.Combine(Path.GetTempPath(), "watcher-tests-" + Guid.NewGuid().ToString("N"));
            Settings = DatabaseSettings.Sqlite($"Data Source={Path.Combine(_directory, "watcher.db")}");
            if (migrated)
            {
                using var db = Open();
                db.ApplyMigrations();
            }
        }
        else
        {
            Settings = PostgresServer.Instance.CreateDatabase(migrated);
        }
    }

    public DatabaseSettings Settings { get; }

    public DatabaseProvider Provider => Settings.Provider;

    public string Connection => Settings.ConnectionString;

    public WatcherDbContext Open(TimeProvider? time = null) => PersistenceModule.Open(Settings, time);

    public void Dispose()
    {
        if (_directory is null)
        {
            PostgresServer.Instance.DropDatabase(Settings);
            return;
        }
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
