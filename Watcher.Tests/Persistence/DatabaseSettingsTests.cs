using Microsoft.Extensions.Configuration;
using Watcher.Modules.Persistence;

namespace Watcher.Tests.Persistence;

public sealed class DatabaseSettingsTests
{
    private static DatabaseSettings From(params (string Key, string? Value)[] values) =>
        DatabaseSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build());

    [Fact]
    public void NoConfiguration_IsTheSqliteFileUnderData()
    {
        Assert.Equal(DatabaseSettings.Sqlite("Data Source=data/watcher.db"), From());
        // appsettings.json ships an empty connection string: still the default.
        Assert.Equal(DatabaseSettings.Sqlite("Data Source=data/watcher.db"), From(("ConnectionStrings:Watcher", ""), ("Watcher:Database:Provider", "sqlite")));
    }

    [Fact]
    public void TheOlderConnectionSetting_IsStillRead_AndTheNewOneWins()
    {
        Assert.Equal("Data Source=/var/lib/w.db", From(("Watcher:Database:Connection", "Data Source=/var/lib/w.db")).ConnectionString);
        Assert.Equal("Data Source=new.db", From(("Watcher:Database:Connection", "Data Source=old.db"),
            ("ConnectionStrings:Watcher", "Data Source=new.db")).ConnectionString);
    }

    [Fact]
    public void PostgreSql_TakesItsConnectionString_AndNeedsOne()
    {
        var settings = From(("Watcher:Database:Provider", "PostgreSQL"), ("ConnectionStrings:Watcher", "Host=db;Database=watcher"));
        Assert.Equal(DatabaseProvider.PostgreSql, settings.Provider);
        Assert.Equal("postgresql", settings.ProviderName);
        var error = Assert.Throws<InvalidOperationException>(() => From(("Watcher:Database:Provider", "postgresql")));
        Assert.Contains("ConnectionStrings:Watcher", error.Message);
    }

    [Fact]
    public void AnUnknownProvider_StopsStartUp_NamingTheValidOnes()
    {
        var error = Assert.Throws<InvalidOperationException>(() => From(("Watcher:Database:Provider", "mysql")));
        Assert.Contains("'mysql' is not supported: use 'sqlite' (default) or 'postgresql'", error.Message);
    }

    [Fact]
    public void ToString_NeverShowsTheConnectionString()
    {
        Assert.DoesNotContain("secret", DatabaseSettings.PostgreSql("Host=db;Password=secret").ToString());
    }

    [Fact]
    public void Describe_NamesWhereTheDatabaseIs_WithoutThePassword()
    {
        Assert.Equal("db.example:5433/watcher", DatabaseSettings.Describe("Host=db.example;Port=5433;Database=watcher;Password=secret"));
        Assert.Equal(Path.GetFullPath("data/watcher.db"), DatabaseSettings.Describe("Data Source=data/watcher.db"));
    }
}
