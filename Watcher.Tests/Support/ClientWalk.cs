using System.Text.Json.Nodes;

namespace Watcher.Tests.Support;

/// <summary>
/// Every command of python-watcherclient's reference §16 that Debian's client has (all but HEAD's `action update`),
/// through one front end, each checked on what the operator sees. <paramref name="planOf"/> gives the RECOMMENDED
/// plan an audit led to (seeded where no decision engine runs, waited for where one does).
/// </summary>
public static class ClientWalk
{
    public static async Task RunAsync(ClientFrontEnd cli, Func<string, Task<string>> planOf, string prefix)
    {
        string Str(JsonNode? node, string field) => node![field]!.GetValue<string>();
        IEnumerable<JsonNode> Rows(JsonNode list) => list.AsArray().Select(r => r!);

        // The catalog and the services.
        Assert.Contains(Rows(await cli.Json("goal", "list")), g => Str(g, "Name") == "dummy");
        Assert.Contains(Rows(await cli.Json("goal", "list", "--detail")), g => Str(g, "Name") == "server_consolidation");
        Assert.Equal("dummy", Str(await cli.Json("goal", "show", "dummy"), "Name"));
        Assert.Contains(Rows(await cli.Json("strategy", "list", "--goal", "dummy")), s => Str(s, "Name") == "dummy");
        Assert.Equal("dummy", Str(await cli.Json("strategy", "show", "dummy"), "Goal"));
        Assert.Contains(Rows(await cli.Json("strategy", "state", "dummy")), r => Str(r, "Type") == "Name");
        var engines = Rows(await cli.Json("scoringengine", "list")).ToList();
        if (engines.Count > 0) Assert.Equal(Str(engines[0], "Name"), Str(await cli.Json("scoringengine", "show", Str(engines[0], "Name")), "Name"));
        var services = Rows(await cli.Json("service", "list")).Select(s => Str(s, "Name")).ToHashSet();
        Assert.Equal(new HashSet<string> { "watcher-decision-engine", "watcher-applier" }, services);
        Assert.Equal("watcher-applier", Str(await cli.Json("service", "show", "watcher-applier"), "Name"));

        // Audit templates.
        var template = $"{prefix}-tpl";
        Assert.Equal(template, Str(await cli.Json("audittemplate", "create", template, "dummy", "-s", "dummy", "-d", "walk"), "Name"));
        Assert.Contains(Rows(await cli.Json("audittemplate", "list", "--goal", "dummy")), t => Str(t, "Name") == template);
        Assert.Equal("walk", Str(await cli.Json("audittemplate", "show", template), "Description"));
        Assert.Equal("changed", Str(await cli.Json("audittemplate", "update", template, "replace", "description=changed"), "Description"));

        // Audits.
        var eventAudit = $"{prefix}-event";
        Assert.Equal("PENDING", Str(await cli.Json("audit", "create", "-t", "EVENT", "-g", "dummy", "--name", eventAudit), "State"));
        Assert.Contains(Rows(await cli.Json("audit", "list", "--goal", "dummy")), a => Str(a, "Name") == eventAudit);
        Assert.Equal("EVENT", Str(await cli.Json("audit", "show", eventAudit), "Audit Type"));
        Assert.Equal("CANCELLED", Str(await cli.Json("audit", "update", eventAudit, "replace", "state=CANCELLED"), "State"));
        await cli.Ok("audit", "delete", eventAudit);
        var (code, _, _) = await cli.Run("audit", "show", eventAudit);
        Assert.NotEqual(0, code);

        // Three audits and their plans, all recommended before any starts (an ONGOING plan would cancel the next ones).
        var audits = new List<string>
        {
            Str(await cli.Json("audit", "create", "-a", template, "--name", $"{prefix}-a1"), "UUID"),
            Str(await cli.Json("audit", "create", "-g", "dummy", "-s", "dummy", "--name", $"{prefix}-a2"), "UUID"),
            Str(await cli.Json("audit", "create", "-g", "dummy", "--name", $"{prefix}-a3"), "UUID"),
        };
        var plans = new List<string>();
        foreach (var audit in audits) plans.Add(await planOf(audit));

        // Plans and actions.
        Assert.Equal(plans[0], Str(Rows(await cli.Json("actionplan", "list", "--audit", audits[0])).Single(), "UUID"));
        Assert.Equal("RECOMMENDED", Str(await cli.Json("actionplan", "show", plans[0]), "State"));
        var actions = Rows(await cli.Json("action", "list", "--action-plan", plans[0])).ToList();
        Assert.NotEmpty(actions);
        Assert.Equal(actions.Count, Rows(await cli.Json("action", "list", "--audit", audits[0], "--detail")).Count());
        Assert.Equal(Str(actions[0], "UUID"), Str(await cli.Json("action", "show", Str(actions[0], "UUID")), "UUID"));
        await cli.Ok("actionplan", "cancel", plans[0]);
        Assert.Equal("CANCELLED", Str(await cli.Json("actionplan", "show", plans[0]), "State"));
        await cli.Ok("actionplan", "delete", plans[0]);
        Assert.DoesNotContain(Rows(await cli.Json("actionplan", "list")), p => Str(p, "UUID") == plans[0]);
        var updated = await cli.Json("actionplan", "update", plans[1], "replace", "state=PENDING");
        Assert.Contains(Str(updated, "State"), new[] { "PENDING", "ONGOING", "SUCCEEDED" });
        await cli.Ok("actionplan", "start", plans[2]);
        Assert.NotEqual("RECOMMENDED", Str(await cli.Json("actionplan", "show", plans[2]), "State"));

        // The data model (microversion 1.3) and the clean-up.
        await cli.Json("datamodel", "list");
        await cli.Ok("audittemplate", "delete", template);
        Assert.DoesNotContain(Rows(await cli.Json("audittemplate", "list")), t => Str(t, "Name") == template);
    }
}
