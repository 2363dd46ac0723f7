using System.Text.Json.Nodes;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Tests.Integration;
using Watcher.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Watcher.Tests.Dashboard;

/// <summary>What the dashboard shows when things go wrong: the applier's reason for a failed action, the API's reason for a refused form.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardFailureTests : IAsyncLifetime
{
    private readonly DashboardApp _app = new();
    private Browser _browser = null!;
    private IPage Page => _browser.Page;

    public async Task InitializeAsync() => _browser = await Browser.OpenAsync();

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _app.Dispose();
    }

    [Fact]
    public async Task FailedAction_ShowsItsStatusMessage_AsTheWhatIfForetold()
    {
        using var api = _app.Api();
        var audit = await api.CreateAuditAsync("""{"audit_type": "ONESHOT", "goal": "server_consolidation", "strategy": "vm_workload_consolidation"}""");
        await api.PollStateAsync($"/v1/audits/{audit}", "SUCCEEDED");
        var plan = (string)(await api.PlansOfAsync(audit)).Single()["uuid"]!;
        var destination = (await api.ActionsOfAsync(plan))
            .Select(a => a["input_parameters"]!["destination_node"]?.GetValue<string>()).First(d => d is not null)!;
        // Someone disables the destination host after the audit: the migrations' pre-condition will refuse it.
        await _app.Cloud.SetComputeServiceStatusAsync(destination, enabled: false, "maintenance", CancellationToken.None);
        await _app.Services.GetRequiredService<IMediator>().Publish(new ClusterChanged("test: host disabled by hand"));

        await Page.GotoAsync($"{_app.Url}/ui/action_plans/{plan}/what-if");
        await Expect(Page.GetByTestId("what-if-actions")).ToContainTextAsync($"Destination node {destination} is not in enabled state");

        await Page.GetByTestId("plan-start").ClickAsync();
        await Expect(Page.GetByTestId("plan-state")).ToHaveTextAsync("FAILED", new() { Timeout = 90_000 });
        var message = Page.GetByTestId("action-status-message").Filter(new() { HasText = $"Destination node {destination} is not in enabled state" });
        await Expect(message.First).ToBeVisibleAsync();
        // The progress line is the applier's count: the failure is in it, and the plan's state says FAILED.
        var progress = Page.GetByTestId("plan-progress");
        await Expect(progress).ToContainTextAsync(" failed");
        Assert.NotEqual("0", await progress.GetAttributeAsync("data-failed"));
    }

    [Fact]
    public async Task AuditForm_WithABadParameter_ShowsTheApisErrorText_AndKeepsWhatWasTyped()
    {
        using var api = _app.Api();
        var refused = await api.PostJson("/v1/audits",
            """{"audit_type": "ONESHOT", "goal": "server_consolidation", "strategy": "vm_workload_consolidation", "parameters": {"period": "soon"}}""");
        var apiText = await refused.FaultString();

        await Page.GotoAsync($"{_app.Url}/ui/audits/new?goal=server_consolidation&strategy=vm_workload_consolidation");
        await Page.FillAsync("[name='param.period']", "soon");
        await Page.GetByTestId("submit").ClickAsync();

        await Expect(Page.GetByTestId("error")).ToHaveTextAsync(apiText);
        Assert.Contains("soon", apiText);
        await Expect(Page.Locator("[name='param.period']")).ToHaveValueAsync("soon");
        Assert.Empty((await api.GetAsync("/v1/audits").ExpectJson())["audits"]!.AsArray());
    }
}
