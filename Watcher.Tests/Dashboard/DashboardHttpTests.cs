using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Persistence.Entities;
using Watcher.Tests.Support;

namespace Watcher.Tests.Dashboard;

/// <summary>The dashboard's HTTP edges without a browser: root routing, pages, assets, forms' antiforgery, the what-if JSON.</summary>
public sealed partial class DashboardHttpTests : IDisposable
{
    private readonly ApiFactory _app = new ApiFactory().WithCatalog();

    public DashboardHttpTests()
    {
        var model = new ComputeModel();
        foreach (var host in new[] { "h0", "h1" })
            model.AddNode(new ComputeNode { Uuid = $"node-{host}", Hostname = host, Vcpus = 16, Memory = 32768, Disk = 500 });
        var vm = new Instance { Uuid = "11111111-1111-1111-1111-111111111111", Name = "vm", Vcpus = 4, Memory = 8192, Disk = 40 };
        model.AddInstance(vm);
        model.MapInstance(vm, model.GetNodeByHostname("h1"));
        _app.Model = model;
    }

    public void Dispose() => _app.Dispose();

    private HttpClient Browser()
    {
        var client = _app.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        return client;
    }

    [Fact]
    public async Task Root_SendsBrowsersToTheDashboard_AndKeepsTheVersionDocumentForJsonClients()
    {
        var browser = await Browser().GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, browser.StatusCode);
        Assert.Equal("/ui/", browser.Headers.Location!.ToString());

        foreach (var accept in new[] { "application/json", "*/*", "text/html;q=0.5,application/json" })
        {
            var client = _app.CreateClient(new() { AllowAutoRedirect = false });
            client.DefaultRequestHeaders.Accept.ParseAdd(accept);
            var document = await client.GetAsync("/").ExpectJson();
            Assert.Equal("OpenStack Watcher API", document["name"]!.GetValue<string>());
        }
        // Upstream's bookmark routing still holds beside /ui.
        Assert.NotNull((await _app.Client().GetAsync("/goals").ExpectJson())["goals"]);
    }

    [Fact]
    public async Task Overview_ListsTheHostsWithTheirBars()
    {
        var response = await Browser().GetAsync("/ui/");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("data-host=\"h0\"", html);
        Assert.Contains("data-testid=\"vcpu\" data-percent=\"25\"", html);   // h1: 4 of 16 vCPUs
    }

    [Fact]
    public async Task Assets_AreServedFromTheAssembly()
    {
        var css = await Browser().GetAsync("/ui/assets/dashboard.css");
        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
        Assert.Contains("--brand", await css.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await Browser().GetAsync("/ui/assets/dashboard.js")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Browser().GetAsync("/ui/assets/nothing.js")).StatusCode);
    }

    [Fact]
    public async Task Forms_WithoutTheAntiforgeryToken_AreRefused_AndNothingIsWritten()
    {
        var response = await Browser().PostAsync("/ui/audits", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["goal"] = "dummy", ["audit_type"] = "ONESHOT",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("did not come from this dashboard", await response.Content.ReadAsStringAsync());
        Assert.Empty((await _app.Client().GetAsync("/v1/audits").ExpectJson())["audits"]!.AsArray());
    }

    [Fact]
    public async Task TheKeyRing_IsNotLoadedAtStartUp_YetFormsGetTheirTokens()
    {
        // Data protection's start-up warm-up is left out to save idle memory (ADR 56); should ASP.NET rename it, the
        // dashboard would quietly load the key ring again, so the name itself is checked here.
        var warmUp = typeof(Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions).Assembly
            .GetType("Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService");
        Assert.NotNull(warmUp);
        Assert.DoesNotContain(_app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>(), s => s.GetType() == warmUp);

        var form = await (await Browser().GetAsync("/ui/audits/new")).Content.ReadAsStringAsync();
        Assert.Contains($"name=\"{Watcher.Modules.Dashboard.Http.Csrf.FieldName}\" value=\"", form);
    }

    [Fact]
    public async Task UnknownPages_AndUnknownResources_AreHtml404s()
    {
        var page = await Browser().GetAsync("/ui/nowhere");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("There is no dashboard page at /ui/nowhere", await page.Content.ReadAsStringAsync());
        var audit = await Browser().GetAsync("/ui/audits/no-such-audit");
        Assert.Equal(HttpStatusCode.NotFound, audit.StatusCode);
        Assert.Contains("Audit no-such-audit could not be found", await audit.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AuditList_FiltersByGoal_AndPagesWithTheApisMarkers()
    {
        _app.Seed(db =>
        {
            var dummy = db.Goals.Single(g => g.Name == "dummy");
            var other = db.Goals.Single(g => g.Name == "server_consolidation");
            for (var i = 0; i < 22; i++) db.Audits.Add(new Audit { Name = $"d-{i:00}", GoalId = dummy.Id });
            db.Audits.Add(new Audit { Name = "elsewhere", GoalId = other.Id });
        });

        var first = WebUtility.HtmlDecode(await Browser().GetStringAsync("/ui/audits?goal=dummy"));
        var next = NextPage().Match(first);
        Assert.True(next.Success, "a next-page link");
        var second = WebUtility.HtmlDecode(await Browser().GetStringAsync(next.Groups[1].Value));
        Assert.False(NextPage().IsMatch(second));

        var names = AuditNames(first).Concat(AuditNames(second)).ToList();
        Assert.Equal((20, 22), (AuditNames(first).Count, names.Count));
        Assert.Equal(Enumerable.Range(0, 22).Select(i => $"d-{i:00}").Order(), names.Order());
        Assert.Contains("elsewhere", AuditNames(await Browser().GetStringAsync("/ui/audits")));
    }

    private static List<string> AuditNames(string html) => AuditLink().Matches(html).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex("<a href=\"/ui/audits/[0-9a-f-]{36}\">([^<]+)</a>")]
    private static partial Regex AuditLink();

    [GeneratedRegex("<a href=\"([^\"]+)\" data-testid=\"next-page\">")]
    private static partial Regex NextPage();

    [Fact]
    public async Task WhatIf_Json_ProjectsAPlanNotYetStarted_AndRefusesOthers()
    {
        var plan = SeedPlan();
        var doc = await _app.Client().GetAsync($"/what-if/action_plans/{plan}").ExpectJson();
        Assert.Equal(["h1"], doc["emptied"]!.AsArray().Select(h => h!.GetValue<string>()));
        Assert.Equal(["h0"], doc["filled"]!.AsArray().Select(h => h!.GetValue<string>()));
        var h0 = doc["hosts"]!.AsArray().Single(h => h!["hostname"]!.GetValue<string>() == "h0")!;
        Assert.Equal((0.0, 25.0), (h0["before"]!["vcpus_percent"]!.GetValue<double>(), h0["after"]!["vcpus_percent"]!.GetValue<double>()));
        Assert.Equal("applied", doc["actions"]![0]!["outcome"]!.GetValue<string>());

        var finished = SeedPlan(p => { p.BeginExecution("host"); p.Succeed(); });
        Assert.Contains("has not started", await _app.Client().GetAsync($"/what-if/action_plans/{finished}").ExpectError(409));
        Assert.Equal("Expected a uuid but received abc", await _app.Client().GetAsync("/what-if/action_plans/abc").ExpectError(400));
        Assert.Contains("could not be found",
            await _app.Client().GetAsync($"/what-if/action_plans/{Guid.NewGuid()}").ExpectError(404));
    }

    private string SeedPlan(Action<ActionPlan>? shape = null)
    {
        var uuid = "";
        _app.Seed(db =>
        {
            var strategy = db.Strategies.Single(s => s.Name == "dummy");
            var audit = new Audit { Name = "a-" + Guid.NewGuid(), GoalId = strategy.GoalId, Strategy = strategy };
            var plan = new ActionPlan { Audit = audit, Strategy = strategy, GlobalEfficacy = [] };
            plan.Actions.Add(new WatcherAction
            {
                ActionType = "migrate",
                InputParameters = new JsonObject
                {
                    ["migration_type"] = "live", ["source_node"] = "h1", ["destination_node"] = "h0",
                    ["resource_id"] = "11111111-1111-1111-1111-111111111111",
                },
            });
            shape?.Invoke(plan);
            db.ActionPlans.Add(plan);
            uuid = plan.Uuid;
        });
        return uuid;
    }
}
