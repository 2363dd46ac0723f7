using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Watcher.Modules.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Watcher.Tests.Support;

namespace Watcher.Tests.Integration;

/// <summary>
/// The whole service as an operator runs it — real HTTP pipeline, a fresh database (a SQLite file by default, or a
/// database on the test PostgreSQL server), the embedded simulator —
/// with simulated waits shortened so a plan applies in well under a second. Extra settings override the defaults.
/// </summary>
public sealed class WatcherAppFactory(string scenarioFile, IDictionary<string, string?>? settings = null,
    DatabaseProvider provider = DatabaseProvider.Sqlite) : WebApplicationFactory<Program>
{
    private readonly TempDatabase _database = new(provider, migrated: provider == DatabaseProvider.PostgreSql);
    // Beside a SQLite file the simulated cloud's state follows the database; a server database needs a file of its own.
    private readonly string? _cloudFile = provider == DatabaseProvider.PostgreSql
        ? Path.Combine(Path.GetTempPath(), $"watcher-cloud-{Guid.NewGuid():N}.db") : null;
    private Action<IServiceCollection>? _services;

    /// <summary>The database this app runs on.</summary>
    public TempDatabase Database => _database;

    /// <summary>Changes to the host's services (after its own registrations).</summary>
    public WatcherAppFactory WithServices(Action<IServiceCollection> configure)
    {
        _services += configure;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var defaults = new Dictionary<string, string?>
        {
            [DatabaseSettings.ProviderKey] = _database.Settings.ProviderName,
            [$"ConnectionStrings:{DatabaseSettings.ConnectionStringName}"] = _database.Connection,
            ["Watcher:Simulator:ScenarioFile"] = TestPaths.TestScenario(scenarioFile),
            ["Watcher:Simulator:LiveMigrationSeconds"] = "0.05",
            ["Watcher:Simulator:ColdMigrationSeconds"] = "0.05",
            ["Watcher:Nova:MigrationInterval"] = "0.02",
        };
        if (_cloudFile is not null) defaults["Watcher:Simulator:StateFile"] = _cloudFile;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) defaults[key] = value;
        foreach (var (key, value) in defaults) builder.UseSetting(key, value);
        if (_services is not null) builder.ConfigureServices(_services);
    }

    /// <summary>A client speaking microversion 1.5, as the stock client does, so status messages show.</summary>
    public HttpClient Operator()
    {
        var client = this.DocumentedClient();   // every response is checked against the OpenAPI document
        client.DefaultRequestHeaders.Add("OpenStack-API-Version", "infra-optim 1.5");
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _database.Dispose();
        if (_cloudFile is not null) DeleteDatabase(_cloudFile);
    }

    /// <summary>A SQLite database file with its -wal/-shm and the simulated cloud's state file beside it.</summary>
    public static void DeleteDatabase(string path)
    {
        var cloud = Path.ChangeExtension(path, ".simulator.db");
        foreach (var file in new[] { path, cloud })
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                try { File.Delete(file + suffix); } catch (IOException) { }
    }
}
