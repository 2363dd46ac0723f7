using Microsoft.Extensions.Configuration;

namespace Watcher.Modules.Persistence;

/// <summary>The database engines Watcher runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>The embedded default: one file, one process.</summary>
    Sqlite,
    /// <summary>A shared server: several Watcher processes on one database.</summary>
    PostgreSql,
}

/// <summary>
/// Which database Watcher uses, resolved once from configuration:
/// <c>Watcher:Database:Provider</c> = <c>sqlite</c> (default) | <c>postgresql</c>, and the connection string
/// <c>ConnectionStrings:Watcher</c>. The older <c>Watcher:Database:Connection</c> is still read when the new one is
/// empty, so existing SQLite set-ups keep working. Other modules (the job storage) read the same object.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string ProviderKey = "Watcher:Database:Provider";
    public const string ConnectionStringName = "Watcher";
    public const string LegacyConnectionKey = "Watcher:Database:Connection";
    public const string DefaultSqliteConnection = "Data Source=data/watcher.db";

    public static DatabaseSettings Sqlite(string connectionString) => new(DatabaseProvider.Sqlite, connectionString);

    public static DatabaseSettings PostgreSql(string connectionString) => new(DatabaseProvider.PostgreSql, connectionString);

    public static DatabaseSettings From(IConfiguration configuration)
    {
        var provider = ParseProvider(configuration[ProviderKey]);
        var connection = NonEmpty(configuration.GetConnectionString(ConnectionStringName))
            ?? NonEmpty(configuration[LegacyConnectionKey]);
        return provider switch
        {
            DatabaseProvider.Sqlite => Sqlite(connection ?? DefaultSqliteConnection),
            _ => PostgreSql(connection ?? throw new InvalidOperationException(
                $"{ProviderKey} is 'postgresql' but ConnectionStrings:{ConnectionStringName} is empty; set it, e.g. " +
                "\"Host=db.example;Database=watcher;Username=watcher;Password=...\"")),
        };
    }

    public static DatabaseProvider ParseProvider(string? value) => NonEmpty(value)?.Trim().ToLowerInvariant() switch
    {
        null or "sqlite" => DatabaseProvider.Sqlite,
        "postgresql" or "postgres" => DatabaseProvider.PostgreSql,
        _ => throw new InvalidOperationException($"{ProviderKey} '{value}' is not supported: use 'sqlite' (default) or 'postgresql'."),
    };

    /// <summary>The name used in configuration and logs.</summary>
    public string ProviderName => Provider == DatabaseProvider.Sqlite ? "sqlite" : "postgresql";

    /// <summary>Where a connection string points, for logs: the SQLite file, or host:port/database (no password).</summary>
    public static string Describe(string? connectionString)
    {
        if (string.IsNullOrEmpty(connectionString)) return "(no connection string)";
        var parts = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        string? Part(string key) => parts.TryGetValue(key, out var v) ? v?.ToString() : null;
        var file = Part("Data Source") ?? Part("DataSource") ?? Part("Filename");
        if (file is not null) return Path.GetFullPath(file);
        return $"{Part("Host") ?? Part("Server") ?? "?"}:{Part("Port") ?? "5432"}/{Part("Database") ?? "?"}";
    }

    /// <summary>Never prints the connection string: it may hold a password.</summary>
    public override string ToString() => $"{ProviderName} database";

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
