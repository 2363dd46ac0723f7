using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace Watcher.Modules.Cloud.Simulator;

/// <summary>
/// Where the simulated cloud keeps its state when Watcher:Simulator:StateFile is empty: beside the SQLite database
/// (data/watcher.db → data/watcher.simulator.db), so a database and its cloud travel together; with a server
/// database (PostgreSQL) in data/simulator.db under the working directory.
/// </summary>
public static class SimulatorStatePath
{
    public static string Resolve(string? configured, IConfiguration configuration)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        if (string.Equals(configuration["Watcher:Database:Provider"], "postgresql", StringComparison.OrdinalIgnoreCase))
            return Path.Combine("data", "simulator.db");
        var connection = NonEmpty(configuration.GetConnectionString("Watcher")) ?? NonEmpty(configuration["Watcher:Database:Connection"])
            ?? "Data Source=data/watcher.db";
        var database = new SqliteConnectionStringBuilder(connection).DataSource;
        if (string.IsNullOrEmpty(database) || database == ":memory:" || database.StartsWith("file::memory:", StringComparison.Ordinal))
            return SimulatorStateFile.MemoryOnly;
        var directory = Path.GetDirectoryName(Path.GetFullPath(database)) ?? ".";
        return Path.Combine(directory, Path.GetFileNameWithoutExtension(database) + ".simulator.db");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
