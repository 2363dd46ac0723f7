using System.Diagnostics;
using System.Text.Json.Nodes;
using Watcher.Tests.Integration;
using Watcher.Tests.Support;
using Xunit.Abstractions;

namespace Watcher.Tests.Host;

/// <summary>
/// Issue 5 §3: several Watcher processes on one PostgreSQL database. Every process serves the API; every audit run,
/// plan execution and continuous-audit tick happens once across them; GET /v1/services shows each process's
/// services with their liveness; and when the process executing a plan is killed (SIGKILL), the other one ends that
/// plan within about two heartbeats, running none of its actions a second time.
/// </summary>
[Collection(nameof(RealProcesses))]
public sealed class HighAvailabilityTests(ITestOutputHelper output)
{
    private static readonly string[] Hosts = ["ha-alpha", "ha-bravo"];
    private static readonly string[] ShownServices = ["watcher-decision-engine", "watcher-applier"];
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private static Dictionary<string, string> Expected(string host, string status) =>
        ShownServices.ToDictionary(name => $"{name}@{host}", _ => status);

    [Fact]
    public async Task TwoProcesses_RunEveryAuditPlanAndTickOnce_AndBothShowTheirServices()
    {
        await using var pair = await ProcessPair.StartAsync(Hosts, new Dictionary<string, string>
        {
            ["Watcher:Services:HeartbeatInterval"] = "2",
        });
        try
        {
            await RunEveryAuditPlanAndTickOnce(pair);
        }
        catch
        {
            pair.WriteLogs(output);
            throw;
        }
    }

    private static async Task RunEveryAuditPlanAndTickOnce(ProcessPair pair)
    {
        var clients = pair.Processes.Select(p => p.Client).ToArray();

        // Either process shows both processes' decision engines and appliers, alive.
        foreach (var client in clients)
            await ProcessPair.WaitForServicesAsync(client, Hosts.SelectMany(h => Expected(h, "ACTIVE")).ToDictionary(), Patience);

        // A continuous audit ticking every 3 s while one-shot audits, created through both APIs, run and apply.
        var continuous = await clients[0].CreateAuditAsync("""
            {"audit_type": "CONTINUOUS", "interval": "3", "goal": "dummy", "strategy": "dummy", "force": true,
             "parameters": {"para1": 1}}
            """);
        var oneshots = new List<string>();
        for (var i = 0; i < 6; i++)
            oneshots.Add(await clients[i % 2].CreateAuditAsync("""
                {"audit_type": "ONESHOT", "goal": "dummy", "strategy": "dummy", "auto_trigger": true, "force": true,
                 "parameters": {"para1": 1.0}}
                """));

        var plans = new List<JsonNode>();
        foreach (var (audit, i) in oneshots.Select((a, i) => (a, i)))
        {
            var reader = clients[(i + 1) % 2];   // read through the other process than the one that took the request
            await reader.PollStateAsync($"/v1/audits/{audit}", "SUCCEEDED", Patience);
            var plan = (string)Assert.Single(await reader.PlansOfAsync(audit))["uuid"]!;
            plans.Add(await reader.PollStateAsync($"/v1/action_plans/{plan}", "SUCCEEDED", Patience));
        }

        // Let the continuous audit tick a few more times, then stop it.
        var ticks = $"Continuous audit {continuous}: tick due ";
        var deadline = DateTime.UtcNow + Patience;
        while (pair.CountAll(ticks) < 6)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the continuous audit took {pair.CountAll(ticks)} ticks in {Patience}");
            await Task.Delay(500);
        }
        await clients[1].Replace($"/v1/audits/{continuous}", "/state", "CANCELLED").ExpectJson();

        // Each audit ran once, in one process.
        foreach (var audit in oneshots)
            Assert.Equal(1, pair.CountAll($"Audit {audit} started for goal"));
        // Each plan was executed once, by the process its hostname names, and each of its actions started once.
        var executedBy = new Dictionary<string, int>();
        foreach (var plan in plans)
        {
            var uuid = (string)plan["uuid"]!;
            var runs = pair.Processes.Select(p => ProcessPair.Count(p, $"Executing action plan {uuid} on")).ToArray();
            Assert.Equal(1, runs.Sum());
            var host = Hosts[Array.IndexOf(runs, 1)];
            Assert.Equal(host, (string?)plan["hostname"]);
            executedBy[host] = executedBy.GetValueOrDefault(host) + 1;
            foreach (var action in await clients[0].ActionsOfAsync(uuid))
            {
                Assert.Equal("SUCCEEDED", (string?)action["state"]);
                Assert.Equal(1, pair.CountAll($"Action {action["uuid"]} ("));
            }
        }
        // Both processes took plans from the shared queue (one applier worker each, plans of a second or more).
        Assert.True(executedBy.Count == 2, $"plans executed per host: {string.Join(", ", executedBy)}");

        // No tick of the continuous audit was taken twice, by the same or by the other process...
        await Task.Delay(TimeSpan.FromSeconds(1));
        var taken = pair.MatchesAll($@"Continuous audit {continuous}: tick due (\S+) taken");
        Assert.True(taken.Count >= 6, $"{taken.Count} ticks");
        Assert.Equal(taken.Count, taken.Distinct().Count());
        // ...no tick started more than one run, and each plan written is one run's (older recommendations
        // superseded, none duplicated; a run still going when the audit was cancelled writes none).
        var continuousRuns = pair.CountAll($"Audit {continuous} started for goal");
        Assert.InRange(continuousRuns, 1, taken.Count);
        var written = pair.CountAll($"Audit {continuous} produced action plan");
        Assert.InRange(written, continuousRuns - 1, continuousRuns);
        Assert.Equal(written, (await clients[0].PlansOfAsync(continuous)).Count);
    }

    [Fact]
    public async Task KillingTheProcessExecutingAPlan_TheOtherEndsItWithinTwoHeartbeats_AndRunsNoActionTwice()
    {
        const int heartbeat = 1;
        await using var pair = await ProcessPair.StartAsync(Hosts, new Dictionary<string, string>
        {
            ["Watcher:Services:HeartbeatInterval"] = heartbeat.ToString(),
            ["Watcher:Api:ServiceDownTime"] = "5",
            // Long enough that the kill lands in the middle of the plan's migrations.
            ["Watcher:Simulator:LiveMigrationSeconds"] = "3",
        });
        try
        {
            await KillTheExecutingProcess(pair, heartbeat);
        }
        catch
        {
            pair.WriteLogs(output);
            throw;
        }
    }

    private async Task KillTheExecutingProcess(ProcessPair pair, int heartbeat)
    {
        var clients = pair.Processes.Select(p => p.Client).ToArray();

        // A consolidation of the demo cloud: several live migrations, then the emptied hosts' services disabled.
        var audit = await clients[0].CreateAuditAsync("""{"audit_type": "ONESHOT", "goal": "server_consolidation"}""");
        await clients[1].PollStateAsync($"/v1/audits/{audit}", "SUCCEEDED", Patience);
        var plan = (string)Assert.Single(await clients[1].PlansOfAsync(audit))["uuid"]!;
        var actions = await clients[1].ActionsOfAsync(plan);
        Assert.True(actions.Count(a => (string?)a["action_type"] == "migrate") >= 3, "the plan has too few migrations to kill it midway");
        await clients[1].StartPlanAsync(plan);

        // Kill the executing process once a migration has finished and another one is under way.
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var states = (await clients[0].ActionsOfAsync(plan)).Where(a => (string?)a["action_type"] == "migrate")
                .Select(a => (string?)a["state"]).ToList();
            if (states.Contains("SUCCEEDED") && states.Contains("ONGOING")) break;
            Assert.True(!states.Contains("FAILED") && DateTime.UtcNow < deadline, $"migrations: {string.Join(", ", states)}");
            await Task.Delay(100);
        }
        var ongoing = await clients[0].GetAsync($"/v1/action_plans/{plan}").ExpectJson();
        var victimHost = (string)ongoing["hostname"]!;
        var victim = Array.IndexOf(Hosts, victimHost);
        Assert.True(victim >= 0, $"executed by {victimHost}");
        var survivor = pair.Processes[1 - victim];
        Assert.Equal(1, ProcessPair.Count(pair.Processes[victim], $"Executing action plan {plan} on"));
        await pair.Processes[victim].KillAsync();
        var killed = Stopwatch.StartNew();

        // The survivor ends the plan: CANCELLED with upstream's message naming the dead applier's host.
        JsonNode ended;
        while (true)
        {
            ended = await survivor.Client.GetAsync($"/v1/action_plans/{plan}").ExpectJson();
            if ((string?)ended["state"] is not ("ONGOING" or "CANCELLING")) break;
            Assert.True(killed.Elapsed < Patience, $"plan still {(string?)ended["state"]} {Patience} after the kill");
            await Task.Delay(100);
        }
        var failover = killed.Elapsed;
        Assert.Equal("CANCELLED", (string?)ended["state"]);
        Assert.Equal($"Action plan was cancelled because Applier {victimHost} was stopped while the action plan was ongoing.",
            (string?)ended["status_message"]);
        // Liveness says "dead" two heartbeats (+5 s) after the last beat; the survivor looks after each of its beats.
        // The rest is slack for a loaded machine.
        var bound = TimeSpan.FromSeconds(2 * heartbeat + 5 + 2 * heartbeat + 15);
        Assert.True(failover < bound, $"the plan ended {failover.TotalSeconds:F1} s after the kill (bound {bound.TotalSeconds} s)");

        // Nothing is left running, and no action (no migration) started twice — nor anywhere but in the victim.
        var final = await survivor.Client.ActionsOfAsync(plan);
        Assert.All(final, a => Assert.Contains((string?)a["state"], new[] { "SUCCEEDED", "CANCELLED" }));
        Assert.Contains(final, a => (string?)a["state"] == "SUCCEEDED");
        foreach (var action in final)
        {
            var starts = $"Action {action["uuid"]} (";
            Assert.Equal(0, ProcessPair.Count(survivor, starts));
            if ((string?)action["state"] == "SUCCEEDED") Assert.Equal(1, pair.CountAll(starts));
            else Assert.InRange(pair.CountAll(starts), 0, 1);   // cancelled: started once at most (the one in flight)
        }
        Assert.Equal(0, ProcessPair.Count(survivor, $"Executing action plan {plan} on"));
        var migrated = pair.MatchesAll(@"migration of server (\S+) from \S+ to \S+ started");
        Assert.Equal(migrated.Count, migrated.Distinct().Count());

        // The dead process's services turn FAILED, the survivor's stay ACTIVE ...
        await ProcessPair.WaitForServicesAsync(survivor.Client,
            Expected(victimHost, "FAILED").Concat(Expected(Hosts[1 - victim], "ACTIVE")).ToDictionary(), Patience);
        // ... and it goes on working: no plan is left ONGOING to block later audits.
        var next = await survivor.Client.CreateAuditAsync("""{"audit_type": "ONESHOT", "goal": "dummy", "auto_trigger": true}""");
        await survivor.Client.PollStateAsync($"/v1/audits/{next}", "SUCCEEDED", Patience);
        var nextPlan = (string)Assert.Single(await survivor.Client.PlansOfAsync(next))["uuid"]!;
        await survivor.Client.PollStateAsync($"/v1/action_plans/{nextPlan}", "SUCCEEDED", Patience);

        output.WriteLine($"HA failover: plan {plan} of {victimHost} ended {failover.TotalSeconds:F1} s after SIGKILL (heartbeat {heartbeat} s)");
    }
}
