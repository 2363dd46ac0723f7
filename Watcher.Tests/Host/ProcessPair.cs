using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Watcher.Modules.Persistence;
using Watcher.Tests.Support;
using Xunit.Abstractions;

namespace Watcher.Tests.Host;

/// <summary>
/// Two real Watcher processes, as an operator runs several: the built service twice, under two Watcher:Host names,
/// on one PostgreSQL database of the test server (Hangfire's jobs in that same database), started together on a
/// database nobody migrated yet. Each process has its own simulated cloud, so what happened in "the cloud" is read
/// from the processes' own logs: every action start, plan execution, audit run and continuous-audit tick is a log
/// line, and a line seen twice across the two processes is work done twice.
/// </summary>
internal sealed class ProcessPair : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("watcher-ha-").FullName;
    private readonly TempDatabase _database = new(DatabaseProvider.PostgreSql, migrated: false);
    private readonly List<RunningWatcher> _processes = [];

    public IReadOnlyList<RunningWatcher> Processes => _processes;

    public static async Task<ProcessPair> StartAsync(string[] hosts, IDictionary<string, string> settings)
    {
        var pair = new ProcessPair();
        try
        {
            // Started at once on an empty database: one creates the schema (EF's and Hangfire's), the other waits.
            var started = await Task.WhenAll(hosts.Select(host => RunningWatcher.StartAsync(pair._directory, pair.Settings(host, settings))));
            pair._processes.AddRange(started);
            return pair;
        }
        catch
        {
            await pair.DisposeAsync();
            throw;
        }
    }

    private Dictionary<string, string> Settings(string host, IDictionary<string, string> extra)
    {
        var settings = new Dictionary<string, string>
        {
            ["Watcher:Host"] = host,
            [DatabaseSettings.ProviderKey] = "postgresql",
            [$"ConnectionStrings:{DatabaseSettings.ConnectionStringName}"] = _database.Connection,
            ["Watcher:Applier:CancellationPollInterval"] = "0.2",
            ["Watcher:Nova:MigrationInterval"] = "0.2",
            // The tick log line is at Debug: it is the record of which process took which tick.
            ["Logging:LogLevel:Watcher.Modules.Decision.Continuous"] = "Debug",
        };
        foreach (var (key, value) in extra) settings[key] = value;
        return settings;
    }

    /// <summary>Both processes' logs into the test's output (for a failure's report).</summary>
    public void WriteLogs(ITestOutputHelper output)
    {
        foreach (var process in _processes) output.WriteLine($"----- log of the process on port {process.Port} -----\n{process.Output}");
    }

    /// <summary>How many lines of this process's log contain <paramref name="text"/>.</summary>
    public static int Count(RunningWatcher process, string text) =>
        process.Output.Split('\n').Count(line => line.Contains(text, StringComparison.Ordinal));

    /// <summary>How many lines of both processes' logs contain <paramref name="text"/>.</summary>
    public int CountAll(string text) => _processes.Sum(p => Count(p, text));

    /// <summary>Every match of <paramref name="pattern"/>'s first group, in both logs (repeats kept).</summary>
    public List<string> MatchesAll(string pattern) =>
        _processes.SelectMany(p => Regex.Matches(p.Output, pattern).Select(m => m.Groups[1].Value)).ToList();

    /// <summary>GET /v1/services as "name@host" → status.</summary>
    public static async Task<Dictionary<string, string>> ServicesAsync(HttpClient client) =>
        ((JsonArray)(await client.GetAsync("/v1/services").ExpectJson())["services"]!)
        .ToDictionary(s => $"{s!["name"]}@{s["host"]}", s => (string)s!["status"]!);

    /// <summary>Polls GET /v1/services until every expected (name@host, status) is shown.</summary>
    public static async Task WaitForServicesAsync(HttpClient client, IDictionary<string, string> expected, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            var services = await ServicesAsync(client);
            if (expected.All(e => services.GetValueOrDefault(e.Key) == e.Value)) return;
            Assert.True(DateTime.UtcNow < deadline,
                $"services after {patience}: {string.Join(", ", services.Select(s => $"{s.Key}={s.Value}"))}");
            await Task.Delay(500);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes) await process.DisposeAsync();
        _database.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
