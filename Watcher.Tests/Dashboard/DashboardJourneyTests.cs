using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Watcher.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Watcher.Tests.Dashboard;

/// <summary>
/// An operator's way through the dashboard in a real browser, on the demo cluster: the overview, a consolidation
/// audit created through the form, its plan, the what-if, the start, the progress, and the cluster afterwards.
/// The screenshots in docs/screenshots are taken along the way (tools/screenshots.sh).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardJourneyTests : IAsyncLifetime
{
    private static readonly LocatorAssertionsToHaveTextOptions Patient = new() { Timeout = 90_000 };
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
    public async Task ConsolidationAudit_FromTheForm_ToAnAppliedPlan_ChangesTheHostBars()
    {
        // A browser opening / lands on the dashboard's overview.
        await Page.GotoAsync(_app.Url + "/");
        Assert.EndsWith("/ui/", Page.Url);
        var before = await HostPercents();
        Assert.Equal(["compute-0", "compute-1", "compute-2", "compute-3"], before.Keys.Order());

        // The form: goal, then strategy (each choice reloads the form), then the strategy's own parameters.
        await Page.GetByTestId("new-audit").First.ClickAsync();
        await Page.WaitForURLAsync("**/ui/audits/new");   // loaded: the form's script listens to the choices
        await Page.SelectOptionAsync("#goal", "server_consolidation");
        await Page.WaitForURLAsync("**/ui/audits/new?goal=server_consolidation**");
        await Page.SelectOptionAsync("#strategy", "vm_workload_consolidation");
        await Page.WaitForURLAsync("**strategy=vm_workload_consolidation**");
        await Expect(Page.Locator("[name='param.period']")).ToHaveAttributeAsync("placeholder", "default: 3600");
        await Page.FillAsync("[name='param.period']", "3600");
        await Page.FillAsync("#name", "ui-consolidation");
        await Screenshot("audit-form");
        await Page.GetByTestId("submit").ClickAsync();

        // The audit page follows the run live.
        await Page.WaitForURLAsync("**/ui/audits/*");
        await Expect(Page.GetByTestId("audit-state")).ToHaveTextAsync("SUCCEEDED", Patient);
        await Page.GetByTestId("plan-link").First.ClickAsync();
        await Expect(Page.GetByTestId("plan-state")).ToHaveTextAsync("RECOMMENDED");
        var planUuid = Page.Url.Split('/')[^1];

        // What-if: the hosts the plan empties, as the JSON route says too.
        await Page.GetByTestId("what-if-link").ClickAsync();
        var emptied = (await Page.GetByTestId("hosts-emptied").Locator("li").AllInnerTextsAsync())
            .Select(t => t.Split(' ')[0]).ToList();
        using var api = _app.Api();
        var whatIf = await api.GetAsync($"/what-if/action_plans/{planUuid}").ExpectJson();
        var expected = whatIf["emptied"]!.AsArray().Select(h => h!.GetValue<string>()).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, emptied);
        await Screenshot("what-if");

        // Start it from the what-if page and watch the progress reach the end.
        await Page.GetByTestId("plan-start").ClickAsync();
        await Page.WaitForURLAsync($"**/ui/action_plans/{planUuid}");
        await Expect(Page.GetByTestId("plan-state")).ToHaveTextAsync("SUCCEEDED", Patient);
        var progress = Page.GetByTestId("plan-progress");
        var total = await progress.GetAttributeAsync("data-total");
        Assert.Equal(total, await progress.GetAttributeAsync("data-done"));
        await Expect(progress).ToContainTextAsync($"{total} of {total} actions done");
        await Screenshot("action-plan");

        // The overview's bars show the emptied hosts empty and the others fuller.
        await Page.GotoAsync(_app.Url + "/ui/");
        var after = await PollHostPercents(p => expected.All(h => p[h] == 0));
        foreach (var host in expected) Assert.True(before[host] > 0 && after[host] == 0, $"{host}: {before[host]} → {after[host]}");
        Assert.Contains(after, h => !expected.Contains(h.Key) && h.Value > before[h.Key]);
        await Screenshot("overview");
    }

    /// <summary>vCPU share per host, as the overview's bars draw it.</summary>
    private async Task<Dictionary<string, double>> HostPercents()
    {
        var rows = Page.Locator("[data-testid=hosts] tr[data-host]");
        var result = new Dictionary<string, double>();
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            var row = rows.Nth(i);
            var percent = await row.Locator("[data-testid=vcpu]").GetAttributeAsync("data-percent");
            result[(await row.GetAttributeAsync("data-host"))!] = double.Parse(percent!, CultureInfo.InvariantCulture);
        }
        return result;
    }

    /// <summary>The model is refreshed after the plan's actions; reload until it shows (or time runs out).</summary>
    private async Task<Dictionary<string, double>> PollHostPercents(Func<Dictionary<string, double>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var percents = await HostPercents();
            if (done(percents) || DateTime.UtcNow > deadline) return percents;
            await Task.Delay(500);
            await Page.ReloadAsync();
        }
    }

    private Task Screenshot(string name) => Page.ScreenshotAsync(new PageScreenshotOptions
    {
        Path = Path.Combine(Screenshots.Directory, $"{name}.png"),
        FullPage = true,
    });
}

/// <summary>Where the journey's screenshots go: WATCHER_SCREENSHOTS (tools/screenshots.sh sets docs/screenshots), else a temporary folder.</summary>
internal static class Screenshots
{
    public static string Directory { get; } = Resolve();

    private static string Resolve()
    {
        var configured = Environment.GetEnvironmentVariable("WATCHER_SCREENSHOTS");
        var path = string.IsNullOrEmpty(configured)
            ? Path.Combine(Path.GetTempPath(), "watcher-ui-screenshots")
            : Path.GetFullPath(configured, TestPaths.RepositoryRoot);
        System.IO.Directory.CreateDirectory(path);
        return path;
    }
}
