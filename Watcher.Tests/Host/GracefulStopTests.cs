using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Watcher.Tests.Integration;
using Watcher.Tests.Support;

namespace Watcher.Tests.Host;

/// <summary>
/// SIGTERM, as systemd or a container runtime stops the service: no new work is taken, running actions get
/// Watcher:Applier:ShutdownGracePeriod seconds to finish, then are aborted, and every state is recorded
/// before the process exits (it used to exit in 0.1 s mid-migration).
/// </summary>
[Collection(nameof(RealProcesses))]
public sealed class GracefulStopTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("watcher-stop-").FullName;
    private string Database => Path.Combine(_directory, "watcher.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private Dictionary<string, string> Settings(double grace) => new()
    {
        ["Watcher:Host"] = "stopping",
        ["Watcher:Database:Connection"] = $"Data Source={Database}",
        ["Watcher:Applier:ShutdownGracePeriod"] = grace.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static async Task<string> StartSleepingPlan(HttpClient client, double seconds)
    {
        var audit = await client.CreateAuditAsync(new JsonObject
        {
            ["audit_type"] = "ONESHOT", ["goal"] = "dummy", ["strategy"] = "dummy", ["auto_trigger"] = true,
            ["parameters"] = new JsonObject { ["para1"] = seconds },
        }.ToJsonString());
        await client.PollStateAsync($"/v1/audits/{audit}", "SUCCEEDED");
        var plan = (string)Assert.Single(await client.PlansOfAsync(audit))["uuid"]!;
        var sleep = (await client.ActionsOfAsync(plan)).Single(a => (string?)a["action_type"] == "sleep");
        await client.PollStateAsync($"/v1/actions/{sleep["uuid"]}", "ONGOING");
        return plan;
    }

    private async Task<(string Plan, string? Message, string[] Actions, DateTime? Stopped)> Read(string planUuid)
    {
        await using var db = Watcher.Modules.Persistence.PersistenceModule.Open(
            Watcher.Modules.Persistence.DatabaseSettings.Sqlite($"Data Source={Database}"));
        var plan = await db.ActionPlans.Include(p => p.Actions).SingleAsync(p => p.Uuid == planUuid);
        var stopped = await db.Processes.Select(p => p.StoppedAt).SingleAsync();
        return (plan.State, plan.StatusMessage, plan.Actions.OrderBy(a => a.Id).Select(a => a.State).ToArray(), stopped);
    }

    [Fact]
    public async Task Sigterm_WithinTheGrace_TheRunningActionFinishes_BeforeTheProcessExits()
    {
        var watcher = await RunningWatcher.StartAsync(_directory, Settings(grace: 60));
        await using var _ = watcher;
        var plan = await StartSleepingPlan(watcher.Client, 4.0);

        var asked = DateTime.UtcNow;
        watcher.Terminate();
        Assert.Equal(0, await watcher.WaitForExitAsync(TimeSpan.FromSeconds(60)));

        Assert.True(DateTime.UtcNow - asked > TimeSpan.FromSeconds(1.5), "the process did not wait for the running action");
        var (state, _, actions, stopped) = await Read(plan);
        Assert.Equal("SUCCEEDED", state);   // the sleep was the plan's last action
        Assert.Equal(["SUCCEEDED", "SUCCEEDED", "SUCCEEDED"], actions);
        Assert.NotNull(stopped);
    }

    [Fact]
    public async Task Sigterm_PastTheGrace_TheRunningActionIsAborted_AndThePlanSaysWhy()
    {
        var watcher = await RunningWatcher.StartAsync(_directory, Settings(grace: 1));
        await using var _ = watcher;
        var plan = await StartSleepingPlan(watcher.Client, 10.0);

        var asked = DateTime.UtcNow;
        watcher.Terminate();
        Assert.Equal(0, await watcher.WaitForExitAsync(TimeSpan.FromSeconds(60)));

        Assert.True(DateTime.UtcNow - asked < TimeSpan.FromSeconds(8), "the process waited for the whole sleep");
        var (state, message, actions, _) = await Read(plan);
        Assert.Equal("CANCELLED", state);
        Assert.Equal("Action plan was cancelled because Applier stopping was stopped while the action plan was ongoing.", message);
        Assert.Equal(["SUCCEEDED", "SUCCEEDED", "CANCELLED"], actions);
    }
}
