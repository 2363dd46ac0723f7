using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Watcher.Modules.Persistence.Providers;

/// <summary>The embedded default. Its migrations live in Persistence/Migrations/Sqlite.</summary>
public sealed class SqliteWatcherDbContext(DbContextOptions<SqliteWatcherDbContext> options) : WatcherDbContext(options)
{
    public static void Configure(DbContextOptionsBuilder options, string connection)
    {
        EnsureDirectory(connection);
        options.UseSqlite(connection).UseSnakeCaseNamingConvention().AddInterceptors(new SqlitePragmas());
    }

    private static void EnsureDirectory(string connection)
    {
        var dataSource = new SqliteConnectionStringBuilder(connection).DataSource;
        if (dataSource is "" or ":memory:") return;
        var dir = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
    }

    /// <summary>
    /// WAL and a busy timeout on every connection: readers never block the writer for long. Microsoft.Data.Sqlite pools
    /// the native connections and these settings live as long as one, so they are set once per native connection,
    /// not at every open (a read of a single row costs about as much as the three pragmas).
    /// </summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            var handle = (connection as SqliteConnection)?.Handle;
            if (handle is not null && Configured.TryGetValue(handle, out _)) return;
            using var command = connection.CreateCommand();
            // EF opens a read-only connection to see whether the file exists; switching a file another process has
            // just created to WAL would be a write there ("attempt to write a readonly database"). WAL is stored
            // in the file, so the next read-write connection sets it.
            var readOnly = new SqliteConnectionStringBuilder(connection.ConnectionString).Mode == SqliteOpenMode.ReadOnly;
            command.CommandText = (readOnly ? "" : "PRAGMA journal_mode=WAL; ") + "PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";
            command.ExecuteNonQuery();
            if (handle is not null) Configured.AddOrUpdate(handle, Configured);
        }
    }
}

/// <summary>`dotnet ef migrations add X --context SqliteWatcherDbContext -o Persistence/Migrations/Sqlite`.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteWatcherDbContext>
{
    public SqliteWatcherDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteWatcherDbContext>();
        builder.UseSqlite("Data Source=design.db").UseSnakeCaseNamingConvention();
        return new SqliteWatcherDbContext(builder.Options);
    }
}
