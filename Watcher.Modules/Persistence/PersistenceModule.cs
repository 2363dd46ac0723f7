using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Watcher.Modules.Persistence;

/// <summary>[database] → Watcher:Database.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Watcher:Database";
    /// <summary>SQLite connection string; the default is a file under ./data.</summary>
    public string Connection { get; set; } = "Data Source=data/watcher.db";
}

public static class PersistenceModule
{
    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        var connection = configuration.GetSection(DatabaseOptions.Section)[nameof(DatabaseOptions.Connection)]
            ?? new DatabaseOptions().Connection;
        services.AddDbContext<WatcherDbContext>(o => Configure(o, connection));
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, string connection)
    {
        EnsureDirectory(connection);
        options.UseSqlite(connection).AddInterceptors(new SqlitePragmas());
    }

    /// <summary>Applies pending migrations (never EnsureCreated, so upgrades keep data).</summary>
    public static void MigrateDatabase(this IServiceProvider services)
    {
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<WatcherDbContext>().Database.Migrate();
    }

    private static void EnsureDirectory(string connection)
    {
        var dataSource = new SqliteConnectionStringBuilder(connection).DataSource;
        var dir = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(dir) && dataSource != ":memory:") Directory.CreateDirectory(dir);
    }

    /// <summary>WAL and a busy timeout on every connection: readers never block the writer for long.</summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            // EF opens read-only connections to ask whether the database exists; switching a rollback-journal file
            // (a restored backup) to WAL is a write, which such a connection must not try.
            if (connection is SqliteConnection sqlite
                && new SqliteConnectionStringBuilder(sqlite.ConnectionString).Mode == SqliteOpenMode.ReadOnly) return;
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";
            command.ExecuteNonQuery();
        }
    }
}

/// <summary>Lets `dotnet ef migrations add` build the context without the host.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<WatcherDbContext>
{
    public WatcherDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<WatcherDbContext>();
        builder.UseSqlite("Data Source=design.db");
        return new WatcherDbContext(builder.Options);
    }
}
