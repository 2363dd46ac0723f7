using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Configuration;
using Watcher.Modules.Persistence;

namespace Watcher.Modules.Shared.Scheduling;

/// <summary>
/// Where Hangfire keeps its jobs (ADR 8): in memory with the embedded SQLite database (the database is the
/// truth and start-up puts the queues right again), in the same database, schema "hangfire", on PostgreSQL
/// (durable, shared by every process). The keys are the persistence module's own.
/// </summary>
public static class JobStorageSelection
{
    public const string ProviderKey = DatabaseSettings.ProviderKey;
    public const string ConnectionStringName = DatabaseSettings.ConnectionStringName;

    public enum Kind { InMemory, PostgreSql }

    /// <summary>The database's own provider rule (<see cref="DatabaseSettings"/>), so both always agree.</summary>
    public static Kind Select(IConfiguration configuration) =>
        DatabaseSettings.ParseProvider(configuration[ProviderKey]) == DatabaseProvider.PostgreSql ? Kind.PostgreSql : Kind.InMemory;

    public static JobStorage Create(IConfiguration configuration)
    {
        if (Select(configuration) == Kind.InMemory)
            // Finished jobs are kept for the dashboard one hour at most: a 1-second audit makes 3 600 an hour.
            return new InMemoryStorage(new InMemoryStorageOptions
            {
                IdType = InMemoryStorageIdType.Long, MaxExpirationTime = TimeSpan.FromHours(1),
            });

        // The same connection string as the database (an empty one stops start-up with a message naming it).
        var connection = DatabaseSettings.From(configuration).ConnectionString;
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = TimeSpan.FromSeconds(1),
            // A plan may run for hours: the fetched job is kept invisible for as long as its worker lives, and
            // handed to another process only after that one stopped beating.
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = TimeSpan.FromMinutes(5),
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connection, options), options);
    }
}
