using System.Text.Json.Nodes;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Tests.Integration;
using Watcher.Tests.Support;

namespace Watcher.Tests.EndToEnd.OpenStack;

/// <summary>
/// nova-api stopped in the middle of a plan: the running action fails saying Nova is unreachable, the plan ends
/// FAILED, the service keeps answering (an audit meanwhile fails with the reason); once nova-api is back, a new
/// audit works.
/// </summary>
[Collection(OpenStackLabCollection.Name)]
public sealed class NovaOutageTests(OpenStackLab lab)
{
    private static readonly string Unreachable = $"Nova ({LabAdmin.NovaUrl}) is unreachable: connection refused";

    [LabFact]
    public async Task StoppingNovaApiMidPlan_FailsTheActionAndPlan_AndANewAuditWorksOnceItIsBack()
    {
        await lab.Admin.SpreadServersAsync();
        using var watcher = new LabWatcher();
        var client = watcher.Operator();
        var plan = await watcher.RecommendAsync(client,
            """{"audit_type": "ONESHOT", "goal": "cluster_maintaining", "strategy": "host_maintenance", "parameters": {"maintenance_node": "fake-1"}}""");

        try
        {
            await client.StartPlanAsync(plan);
            // The host is disabled first; the migrations come next: take Nova away now.
            await LabAdmin.WaitAsync("the service disable to be applied", async () => (await client.ActionsOfAsync(plan))
                .Any(a => (string?)a["action_type"] == "change_nova_service_state" && (string?)a["state"] == "SUCCEEDED"), LabWatcher.PlanPatience);
            await lab.StopAsync("nova-api");

            var failed = await client.PollStateAsync($"/v1/action_plans/{plan}", "FAILED", LabWatcher.PlanPatience);
            var actions = await client.ActionsOfAsync(plan);
            var failedMigration = actions.First(a => (string?)a["action_type"] == "migrate" && (string?)a["state"] == "FAILED");
            // nova-api may die with a request of the migration in flight (connection reset, response ended) or between
            // two (connection refused): either way the action says Nova is unreachable.
            var message = (string?)failedMigration["status_message"] ?? "";
            Assert.True(message.Contains($"Nova ({LabAdmin.NovaUrl}) is unreachable: "), $"The failed migration says: {message}");
            Assert.Equal("FAILED", (string?)failed["state"]);

            // Still answering: a sync now fails, and an audit says why it cannot run.
            await Assert.ThrowsAnyAsync<Exception>(() => watcher.Services.GetRequiredService<IMediator>().Send(new SyncComputeModel()));
            var audit = await client.CreateAuditAsync("""{"audit_type": "ONESHOT", "goal": "dummy"}""");
            var refused = await client.PollStateAsync($"/v1/audits/{audit}", "FAILED", LabWatcher.PlanPatience);
            Assert.Equal($"The cluster state is stale: {Unreachable}", (string?)refused["status_message"]);
            await client.GetAsync("/v1/services").ExpectJson();
        }
        finally
        {
            await lab.RestartMissingAsync();
            await lab.Admin.WaitUsableAsync();
        }

        var again = await client.CreateAuditAsync(
            """{"audit_type": "ONESHOT", "goal": "cluster_maintaining", "strategy": "host_maintenance", "parameters": {"maintenance_node": "fake-2"}}""");
        await client.PollStateAsync($"/v1/audits/{again}", "SUCCEEDED", LabWatcher.PlanPatience);
        Assert.Single(await client.PlansOfAsync(again));
        await lab.Admin.EnableAllHostsAsync();
    }
}
