using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Watcher.Modules.Persistence.Entities;
using Watcher.Tests.Support;

namespace Watcher.Tests.Api;

/// <summary>
/// Every client command through both stock front ends with no Keystone (README "Using the OpenStack client"):
/// <c>watcher --os-endpoint-override URL</c> and <c>openstack --os-auth-type none --os-endpoint URL optimize</c>.
/// No decision engine runs here, so each audit's plan is seeded as the engine would write it. The same walk runs
/// with real Keystone tokens in the end-to-end suite.
/// </summary>
public sealed class ClientFrontEndsTests : IDisposable
{
    private readonly ApiFactory _app = new();
    private readonly string _endpoint;

    public ClientFrontEndsTests()
    {
        var port = ClientFrontEnd.FreePort();
        _app.UseKestrel(port);
        _app.StartServer();
        _app.WithCatalog();
        // This API-only app writes no service rows of its own (Watcher:Jobs:ProcessJobs=false): the working processes' rows.
        _app.Seed(db =>
        {
            foreach (var name in new[] { "watcher-decision-engine", "watcher-applier" })
                db.Services.Add(new Watcher.Modules.Persistence.Entities.Service { Name = name, Host = "worker-1", LastSeenUp = _app.Time.Now.UtcDateTime });
        });
        _endpoint = $"http://127.0.0.1:{port}";
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public Task EveryCommand_ThroughTheWatcherShell() => ClientWalk.RunAsync(ClientFrontEnd.Watcher(_endpoint), SeedPlan, "shell");

    [Fact]
    public Task EveryCommand_ThroughOpenStackOptimize() => ClientWalk.RunAsync(ClientFrontEnd.OpenStack(_endpoint), SeedPlan, "osc");

    /// <summary>The RECOMMENDED plan the dummy strategy would write for the audit: a nop and a sleep.</summary>
    private Task<string> SeedPlan(string auditUuid)
    {
        var plan = "";
        _app.Seed(db =>
        {
            var audit = db.Audits.Include(a => a.Strategy).Single(a => a.Uuid == auditUuid);
            var strategy = audit.Strategy ?? db.Strategies.Single(s => s.Name == "dummy");
            var p = new ActionPlan { AuditId = audit.Id, Strategy = strategy, GlobalEfficacy = [] };
            p.Actions.Add(new WatcherAction { ActionType = "nop", InputParameters = new JsonObject { ["message"] = "hi" } });
            p.Actions.Add(new WatcherAction { ActionType = "sleep", InputParameters = new JsonObject { ["duration"] = 1.0 } });
            db.ActionPlans.Add(p);
            plan = p.Uuid;
        });
        return Task.FromResult(plan);
    }
}
