using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Watcher.Modules.Persistence.Providers;

/// <summary>
/// The shared server database for several Watcher processes. Its migrations live in
/// Persistence/Migrations/PostgreSql. Text columns use the "C" collation so sorting and comparing are by code
/// point, as on SQLite, whatever locale the operator's database was created with.
/// </summary>
public sealed class PostgreSqlWatcherDbContext(DbContextOptions<PostgreSqlWatcherDbContext> options) : WatcherDbContext(options)
{
    public const string Collation = "C";

    public static void Configure(DbContextOptionsBuilder options, string connection) =>
        options.UseNpgsql(connection).UseSnakeCaseNamingConvention();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<string>().UseCollation(Collation);
    }
}

/// <summary>`dotnet ef migrations add X --context PostgreSqlWatcherDbContext -o Persistence/Migrations/PostgreSql` (no server needed).</summary>
public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlWatcherDbContext>
{
    public PostgreSqlWatcherDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgreSqlWatcherDbContext>();
        PostgreSqlWatcherDbContext.Configure(builder, "Host=localhost;Database=watcher");
        return new PostgreSqlWatcherDbContext(builder.Options);
    }
}
