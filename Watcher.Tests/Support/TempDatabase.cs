using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Watcher.Modules.Persistence;

namespace Watcher.Tests.Support;

/// <summary>A migrated SQLite file of its own, deleted on dispose.</summary>
public sealed class TempDatabase : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "watcher-tests-" + Guid.NewGuid().ToString("N"));

    public TempDatabase()
    {
        Connection = $"Data Source={Path.Combine(_directory, "watcher.db")}";
        using var db = Open();
        db.Database.Migrate();
    }

    public string Connection { get; }

    public WatcherDbContext Open(TimeProvider? time = null)
    {
        var builder = new DbContextOptionsBuilder<WatcherDbContext>();
        PersistenceModule.Configure(builder, Connection);
        return new WatcherDbContext(builder.Options, time);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
