using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Watcher.Modules.Cloud;
using Watcher.Modules.Cloud.Simulator;
using static Watcher.Tests.Cloud.Simulator.SimulatorFixture;

namespace Watcher.Tests.Cloud.Simulator;

/// <summary>The simulated cloud's state file: what a restart (or a second process on the same file) sees.</summary>
public sealed class StatePersistenceTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"watcher-sim-{Guid.NewGuid():N}.simulator.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            try { File.Delete(_file + suffix); } catch (IOException) { }
    }

    [Fact]
    public async Task ARestartedCloud_KeepsPlacementsServiceStatesAndTheMigrationInFlight()
    {
        var time = new ManualTimeProvider();
        var first = new SimulatorFixture(stateFile: _file, time: time);
        await first.Cloud.SetComputeServiceStatusAsync("host-a", enabled: false, "watcher_maintaining");
        await first.Cloud.ColdMigrateAsync(Vm2, "host-b");
        time.Advance(4);
        await first.Cloud.ConfirmResizeAsync(Vm2);
        await first.Cloud.LiveMigrateAsync(Vm1, "host-b");   // still in flight when "the process dies"

        var second = new SimulatorFixture(stateFile: _file, time: time);

        Assert.Equal(("disabled", "watcher_maintaining"),
            (await second.Cloud.ListComputeServicesAsync()).Where(s => s.Host == "host-a").Select(s => (s.Status, s.DisabledReason)).Single());
        Assert.Equal(("SHUTOFF", "host-b"), ((await second.Cloud.GetServerAsync(Vm2))!.Status, (await second.Cloud.GetServerAsync(Vm2))!.Host));
        Assert.Equal(("MIGRATING", "host-a"), ((await second.Cloud.GetServerAsync(Vm1))!.Status, (await second.Cloud.GetServerAsync(Vm1))!.Host));
        time.Advance(2);
        Assert.Equal(("ACTIVE", "host-b"), ((await second.Cloud.GetServerAsync(Vm1))!.Status, (await second.Cloud.GetServerAsync(Vm1))!.Host));
        Assert.Equal([(Vm2, "cold", "host-a", "host-b"), (Vm1, "live", "host-a", "host-b")], MigrationLog());
    }

    [Fact]
    public async Task TwoCloudsOnOneFile_SeeEachOthersChanges()
    {
        var time = new ManualTimeProvider();
        var a = new SimulatorFixture(stateFile: _file, time: time);
        var b = new SimulatorFixture(stateFile: _file, time: time);

        await a.Cloud.LiveMigrateAsync(Vm1, "host-b");
        var refused = await Assert.ThrowsAsync<Watcher.Modules.Cloud.CloudException>(() => b.Cloud.LiveMigrateAsync(Vm1, "host-b"));
        time.Advance(2);

        Assert.Contains("task_state migrating", refused.Message);
        Assert.Equal("host-b", (await b.Cloud.GetServerAsync(Vm1))!.Host);
        Assert.Single(MigrationLog());
    }

    [Fact]
    public async Task AStateFileOfAnotherScenario_IsStartedAfresh()
    {
        var first = new SimulatorFixture(stateFile: _file);
        await first.Cloud.SetComputeServiceStatusAsync("host-a", enabled: false, null);
        await first.Cloud.LiveMigrateAsync(Vm1, "host-b");

        var other = new SimulatorFixture(scenario: "sim_placement_rules.json", stateFile: _file);
        var again = new SimulatorFixture(stateFile: _file);

        Assert.All(await other.Cloud.ListComputeServicesAsync(), s => Assert.Equal("enabled", s.Status));
        Assert.Empty(MigrationLog());
        Assert.Equal(("enabled", "host-a"),
            ((await again.Cloud.ListComputeServicesAsync()).Single(s => s.Host == "host-a").Status, (await again.Cloud.GetServerAsync(Vm1))!.Host));
    }

    [Fact]
    public async Task ARefusedChange_WritesNothing()
    {
        var sim = new SimulatorFixture(stateFile: _file);

        await Assert.ThrowsAnyAsync<Exception>(() => sim.Cloud.LiveMigrateAsync(Vm1, "host-c"));
        var reopened = new SimulatorFixture(stateFile: _file);

        Assert.Equal(("ACTIVE", null), ((await reopened.Cloud.GetServerAsync(Vm1))!.Status, (await reopened.Cloud.GetServerAsync(Vm1))!.TaskState));
        Assert.Empty(MigrationLog());
    }

    [Fact]
    public async Task AStateFileThatCannotBeOpened_DoesNotStopStartUp_TheCloudAnswersErrorsUntilItCanBeOpened()
    {
        // A file where the state file's directory should be: that directory cannot be made (as on a read-only disk).
        var blocker = Path.Combine(Path.GetTempPath(), $"watcher-sim-{Guid.NewGuid():N}");
        File.WriteAllText(blocker, "");
        var stateFile = Path.Combine(blocker, "watcher.simulator.db");
        var options = Microsoft.Extensions.Options.Options.Create(new SimulatorOptions
            { ScenarioFile = Watcher.Tests.Support.TestPaths.TestScenario("sim_five_hosts.json"), StateFile = stateFile });
        try
        {
            using var cloud = SimulatedCloud.FromOptions(options, new ManualTimeProvider(), NullLogger<SimulatedCloud>.Instance);

            var unavailable = await Assert.ThrowsAsync<CloudException>(() => cloud.ListServersAsync());
            Assert.StartsWith($"The simulated cloud is unavailable: its state file {stateFile} cannot be opened", unavailable.Message);
            await Assert.ThrowsAsync<CloudException>(() => cloud.LiveMigrateAsync(Vm1, "host-b"));   // nothing done in memory only

            File.Delete(blocker);
            await cloud.LiveMigrateAsync(Vm1, "host-b");

            Assert.Equal("MIGRATING", (await cloud.GetServerAsync(Vm1))!.Status);
            var restarted = new SimulatorFixture(stateFile: stateFile);
            Assert.Equal("MIGRATING", (await restarted.Cloud.GetServerAsync(Vm1))!.Status);   // the change was kept in the file
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(blocker)) Directory.Delete(blocker, recursive: true);
            File.Delete(blocker);
        }
    }

    private List<(string, string, string, string)> MigrationLog()
    {
        using var connection = new SqliteConnection($"Data Source={_file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT server_id, kind, source, destination FROM migrations ORDER BY id";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, string, string)>();
        while (reader.Read()) rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        return rows;
    }
}
