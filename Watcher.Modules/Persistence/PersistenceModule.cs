using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Watcher.Modules.Persistence.Providers;

namespace Watcher.Modules.Persistence;

/// <summary>Registers the configured database (<see cref="DatabaseSettings"/>) and applies its migrations.</summary>
public static class PersistenceModule
{
    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration) =>
        services.AddWatcherDatabase(DatabaseSettings.From(configuration));

    /// <summary>
    /// <see cref="WatcherDbContext"/> resolves to the provider's own context; <see cref="DatabaseSettings"/> is a
    /// singleton for anything else that needs the same database (the job storage). Options other modules add with
    /// <c>services.ConfigureDbContext&lt;WatcherDbContext&gt;(...)</c> (storage faults, metrics) and EF
    /// interceptors registered as <see cref="IInterceptor"/> services apply to the provider's context too.
    /// Contexts are pooled and their options built once, not per request (a single GET spent a third of its time
    /// creating its context): every interceptor and configuration added here must be a singleton, and an interceptor
    /// that keeps state per context must clear it at each save or transaction, as the context is used again.
    /// </summary>
    public static IServiceCollection AddWatcherDatabase(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddSingleton(settings);
        _ = settings.Provider switch
        {
            DatabaseProvider.Sqlite => services.AddDbContextPool<WatcherDbContext, SqliteWatcherDbContext>((sp, o) =>
            {
                SqliteWatcherDbContext.Configure(o, settings.ConnectionString);
                Shared(sp, o);
            }),
            _ => services.AddDbContextPool<WatcherDbContext, PostgreSqlWatcherDbContext>((sp, o) =>
            {
                PostgreSqlWatcherDbContext.Configure(o, settings.ConnectionString);
                Shared(sp, o);
            }),
        };
        return services;

        static void Shared(IServiceProvider sp, DbContextOptionsBuilder options)
        {
            IgnoreModelDrift(options);
            foreach (var configuration in sp.GetServices<IDbContextOptionsConfiguration<WatcherDbContext>>())
                configuration.Configure(sp, options);
            options.AddInterceptors(sp.GetServices<IInterceptor>());
        }
    }

    /// <summary>A context outside dependency injection (tools, tests); the caller disposes it.</summary>
    public static WatcherDbContext Open(DatabaseSettings settings, TimeProvider? time = null)
    {
        switch (settings.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = new DbContextOptionsBuilder<SqliteWatcherDbContext>();
                SqliteWatcherDbContext.Configure(sqlite, settings.ConnectionString);
                IgnoreModelDrift(sqlite);
                return new SqliteWatcherDbContext(sqlite.Options) { Time = time ?? TimeProvider.System };
            default:
                var postgres = new DbContextOptionsBuilder<PostgreSqlWatcherDbContext>();
                PostgreSqlWatcherDbContext.Configure(postgres, settings.ConnectionString);
                IgnoreModelDrift(postgres);
                return new PostgreSqlWatcherDbContext(postgres.Options) { Time = time ?? TimeProvider.System };
        }
    }

    /// <summary>
    /// Applies pending migrations (never EnsureCreated, so upgrades keep data), one process at a time (ADR 23):
    /// on PostgreSQL EF's lock is a table lock held in a transaction, so the server releases it with a dead
    /// process's connection; on SQLite an operating-system file lock does that job (<see cref="SqliteMigrationLock"/>).
    /// Processes starting together apply each migration once; the others wait, then find nothing left to do.
    /// </summary>
    public static void MigrateDatabase(this IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WatcherDbContext>();
        db.ApplyMigrations();
        var log = services.GetService<ILoggerFactory>()?.CreateLogger(typeof(PersistenceModule).FullName!);
        if (log is not null)
            DatabaseLog.Ready(log, services.GetRequiredService<DatabaseSettings>().ProviderName,
                DatabaseSettings.Describe(db.Database.GetConnectionString()), db.Database.GetAppliedMigrations().LastOrDefault() ?? "none");
    }

    /// <summary>
    /// Before applying migrations EF builds the model snapshot and a design-time model and compares them, only to warn
    /// about a migration someone forgot to add: several megabytes of types and code an idle process keeps for good
    /// (ADR 56). Persistence/MigrationTests fails the build on such drift instead.
    /// </summary>
    private static void IgnoreModelDrift(DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));

    public static void ApplyMigrations(this WatcherDbContext db)
    {
        // Nothing to apply (every start but the first after an upgrade): skip EF's migrator, which builds the model
        // snapshot and compares it with the model — start-up time and memory for nothing.
        if (!db.Database.GetPendingMigrations().Any()) return;
        if (db is SqliteWatcherDbContext) SqliteMigrationLock.Migrate(db, TimeSpan.FromMinutes(5));
        else db.Database.Migrate();
    }
}

internal static partial class DatabaseLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Database: {Provider} {Target}, schema at migration {Migration}")]
    public static partial void Ready(ILogger logger, string provider, string target, string migration);
}
