using System.Text.Json.Nodes;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Persistence;
using Watcher.Tests.Support;

namespace Watcher.Tests.Api;

public abstract class AuditApiTests(DatabaseProvider provider) : IDisposable
{
    private readonly ApiFactory _app = new ApiFactory(provider).WithCatalog();

    public void Dispose() => _app.Dispose();

    private Task<JsonNode> Create(string body, string version = "1.7") =>
        _app.Client(version).PostJson("/v1/audits", body).ExpectJson(201);

    [Fact]
    public async Task CreateOneshot_StoresDefaults_NamesIt_AndTriggersTheEngine()
    {
        var response = await _app.Client("1.7").PostJson("/v1/audits",
            """{"audit_type": "ONESHOT", "goal": "dummy", "strategy": "dummy", "parameters": {"para1": 2.0}}""");
        Assert.Equal(201, (int)response.StatusCode);
        var audit = await response.Json();
        Assert.Equal("PENDING", audit["state"]!.GetValue<string>());
        Assert.Equal("dummy-2026-08-21T10:00:00.000000", audit["name"]!.GetValue<string>());
        Assert.Equal("hello", audit["parameters"]!["para2"]!.GetValue<string>());
        Assert.Equal(2.0, audit["parameters"]!["para1"]!.GetValue<double>());
        Assert.False(audit["force"]!.GetValue<bool>());
        Assert.Null(audit["status_message"]);
        Assert.EndsWith($"/v1/audits/{audit["uuid"]}", response.Headers.Location!.ToString());
        var stored = _app.Read(db => db.Audits.Single().Parameters);
        Assert.Equal("hello", stored["para2"]!.GetValue<string>());
        Assert.Contains(new TriggerAudit(audit["uuid"]!.GetValue<string>()), _app.Published);
    }

    [Fact]
    public async Task CreateContinuous_TriggersItsScheduling_AndAcceptsCron()
    {
        var audit = await Create("""{"audit_type": "CONTINUOUS", "goal": "dummy", "interval": "*/5 * * * *", "name": "c1"}""");
        Assert.Equal("*/5 * * * *", audit["interval"]!.GetValue<string>());
        // The decision engine arms its first tick at once (it then runs at the next cron time, §5.3).
        Assert.Equal([new TriggerAudit(audit["uuid"]!.GetValue<string>())], _app.Published);
    }

    [Fact]
    public async Task Views_HideFieldsAboveTheRequestedVersion()
    {
        var created = await Create("""{"audit_type": "ONESHOT", "goal": "dummy", "name": "v"}""");
        var old = await _app.Client().GetAsync("/v1/audits/v").ExpectJson();
        Assert.False(old.AsObject().ContainsKey("start_time"));
        Assert.False(old.AsObject().ContainsKey("force"));
        Assert.False(old.AsObject().ContainsKey("status_message"));
        var v12 = await _app.Client("1.2").GetAsync($"/v1/audits/{created["uuid"]}").ExpectJson();
        Assert.True(v12.AsObject().ContainsKey("start_time"));
        Assert.True(v12.AsObject().ContainsKey("force"));
        Assert.False(v12.AsObject().ContainsKey("status_message"));
    }

    [Theory]
    [InlineData("""{"audit_type": "WEEKLY", "goal": "dummy"}""", "Audit type WEEKLY could not be found")]
    [InlineData("""{"audit_type": "ONESHOT"}""", "A valid goal or audit_template_id must be provided")]
    [InlineData("""{"audit_type": "ONESHOT", "goal": "dummy", "interval": "60"}""", "Interval of audit must not be set for ONESHOT.")]
    [InlineData("""{"audit_type": "CONTINUOUS", "goal": "dummy"}""", "Interval of audit must be specified for CONTINUOUS.")]
    [InlineData("""{"audit_type": "ONESHOT", "goal": "dummy", "audit_template_uuid": "8a1f6a9e-3c2b-4a36-9e0f-2d4b8c1e7a55"}""", "Either audit_template_uuid or goal should be provided.")]
    [InlineData("""{"audit_type": "ONESHOT", "goal": "dummy", "start_time": "2026-09-01T00:00:00Z"}""", "Start or End time of audit must not be set for ONESHOT.")]
    [InlineData("""{"audit_type": "ONESHOT", "audit_template_uuid": "8a1f6a9e-3c2b-4a36-9e0f-2d4b8c1e7a55"}""", "The audit template UUID or name specified is invalid")]
    [InlineData("""{"audit_type": "ONESHOT", "goal": "dummy", "strategy": "dummy", "parameters": {"para3": 1}}""", "Audit parameter para3 are not allowed")]
    [InlineData("""{"audit_type": "ONESHOT", "goal": "dummy", "parameters": {"para1": 2.0}}""", "Specify parameters but no predefined strategy for audit, or no parameter spec in predefined strategy")]
    [InlineData("""{"audit_type": "ONESHOT", "goal": "dummy", "state": "ONGOING"}""", "Cannot set read only field.")]
    [InlineData("""{"audit_type": "ONESHOT", "goal": "dummy", "scope": []}""", "Cannot set read only field.")]
    [InlineData("""{"audit_type": "ONESHOT", "goal": "dummy", "colour": "red"}""", "Unknown attribute for argument audit: colour")]
    public async Task Create_RejectsInvalidInput_WithUpstreamMessages(string body, string message)
    {
        Assert.Equal(message, await _app.Client("1.7").PostJson("/v1/audits", body).ExpectError(400));
    }

    [Fact]
    public async Task Create_WithWrongParameterType_ExplainsTheSchemaViolation()
    {
        var message = await _app.Client().PostJson("/v1/audits",
            """{"audit_type": "ONESHOT", "goal": "dummy", "strategy": "dummy", "parameters": {"para1": "x"}}""").ExpectError(400);
        Assert.StartsWith("Invalid parameters for strategy: ", message);
    }

    [Theory]
    [InlineData("61 * * * *")]
    [InlineData("* * *")]
    [InlineData("every hour")]
    [InlineData("*/0 * * * *")]
    public async Task Create_WithBadCron_Is400(string cron)
    {
        var message = await _app.Client().PostJson("/v1/audits",
            $$"""{"audit_type": "CONTINUOUS", "goal": "dummy", "interval": "{{cron}}"}""").ExpectError(400);
        Assert.StartsWith("Provided cron is invalid: ", message);
    }

    [Theory]
    [InlineData("0 2 * * *")]
    [InlineData("0-30/10 1,2 1-31 jan-dec mon-fri")]
    [InlineData("3600")]
    public async Task Create_WithValidInterval_Succeeds(string interval)
    {
        await Create($$"""{"audit_type": "CONTINUOUS", "goal": "dummy", "interval": "{{interval}}"}""");
    }

    [Fact]
    public async Task Create_WithStartTimeBelow11_Is406()
    {
        await _app.Client("1.0").PostJson("/v1/audits",
            """{"audit_type": "CONTINUOUS", "goal": "dummy", "interval": "60", "start_time": "2026-09-01T00:00:00Z"}""").ExpectError(406);
    }

    [Fact]
    public async Task Create_WithDuplicateName_Is409()
    {
        await Create("""{"audit_type": "ONESHOT", "goal": "dummy", "name": "same"}""");
        Assert.Equal("An audit with UUID or name same already exists",
            await _app.Client().PostJson("/v1/audits", """{"audit_type": "ONESHOT", "goal": "dummy", "name": "same"}""").ExpectError(409));
    }

    [Fact]
    public async Task Create_FromTemplate_InheritsGoalStrategyScopeAndDefaults()
    {
        var template = await _app.Client("1.7").PostJson("/v1/audit_templates",
            """
            {"name": "t", "goal": "dummy", "strategy": "dummy", "default_parameters": {"para1": 5.0, "para2": "tpl"},
             "scope": [{"compute": [{"availability_zones": [{"name": "az1"}]}]}]}
            """).ExpectJson(201);
        var audit = await Create($$$"""{"audit_type": "ONESHOT", "audit_template_uuid": "{{{template["uuid"]}}}", "parameters": {"para2": "mine"}}""");
        Assert.Equal("dummy", audit["goal_name"]!.GetValue<string>());
        Assert.Equal("dummy", audit["strategy_name"]!.GetValue<string>());
        Assert.Equal(5.0, audit["parameters"]!["para1"]!.GetValue<double>());
        Assert.Equal("mine", audit["parameters"]!["para2"]!.GetValue<string>());
        Assert.Equal("az1", audit["scope"]![0]!["compute"]![0]!["availability_zones"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_CancelsAPendingAudit_ButRefusesAnIllegalMove()
    {
        await Create("""{"audit_type": "ONESHOT", "goal": "dummy", "name": "p"}""");
        var client = _app.Client();
        var suspended = await client.Replace("/v1/audits/p", "/state", "SUSPENDED").ExpectError(400);
        Assert.StartsWith("Couldn't apply patch '", suspended);
        Assert.EndsWith("Reason: State transition not allowed: (PENDING -> SUSPENDED)", suspended);
        var cancelled = await client.Replace("/v1/audits/p", "/state", "CANCELLED").ExpectJson();
        Assert.Equal("CANCELLED", cancelled["state"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/audit_template_uuid", "/audit_template_uuid can't be updated.")]
    [InlineData("/uuid", "'/uuid' is an internal attribute and can not be updated")]
    [InlineData("/hostname", "'/hostname' is not an allowed attribute and can not be updated")]
    public async Task Patch_ProtectsAttributesOutsideTheWhitelist(string path, string message)
    {
        await Create("""{"audit_type": "ONESHOT", "goal": "dummy", "name": "w"}""");
        Assert.Equal(message, await _app.Client().Replace("/v1/audits/w", path, "x").ExpectError(400));
    }

    [Fact]
    public async Task Patch_UpdatesWhitelistedAttributes()
    {
        await Create("""{"audit_type": "CONTINUOUS", "goal": "dummy", "strategy": "dummy", "interval": "60", "name": "u"}""");
        var patch = """
            [{"op": "replace", "path": "/interval", "value": "120"}, {"op": "replace", "path": "/parameters/para1", "value": 4.0},
             {"op": "replace", "path": "/auto_trigger", "value": true}, {"op": "replace", "path": "/name", "value": "u2"}]
            """;
        var audit = await _app.Client().PatchJson("/v1/audits/u", patch).ExpectJson();
        Assert.Equal("120", audit["interval"]!.GetValue<string>());
        Assert.Equal(4.0, audit["parameters"]!["para1"]!.GetValue<double>());
        Assert.True(audit["auto_trigger"]!.GetValue<bool>());
        Assert.Equal("u2", audit["name"]!.GetValue<string>());
        Assert.StartsWith("Provided cron is invalid", await _app.Client().Replace("/v1/audits/u2", "/interval", "bad cron").ExpectError(400));
    }

    [Fact]
    public async Task Delete_OnlyFinishedAudits_AndThenTheyAreGone()
    {
        await Create("""{"audit_type": "ONESHOT", "goal": "dummy", "name": "d"}""");
        var client = _app.Client();
        Assert.Equal("Couldn't delete when state is 'PENDING'.", await client.DeleteAsync("/v1/audits/d").ExpectError(400));
        await client.Replace("/v1/audits/d", "/state", "CANCELLED").ExpectJson();
        Assert.Equal(204, (int)(await client.DeleteAsync("/v1/audits/d")).StatusCode);
        await client.GetAsync("/v1/audits/d").ExpectError(404);
        Assert.Equal(AuditStates.Deleted, _app.Read(db => db.Audits.IgnoreFilters().Single().State));
    }

    [Fact]
    public async Task List_FiltersByGoalAndStrategy()
    {
        await Create("""{"audit_type": "ONESHOT", "goal": "dummy", "strategy": "dummy", "name": "a1"}""");
        await Create("""{"audit_type": "ONESHOT", "goal": "server_consolidation", "name": "a2"}""");
        var byGoal = await _app.Client().GetAsync("/v1/audits?goal=server_consolidation").ExpectJson();
        Assert.Equal("a2", byGoal["audits"]![0]!["name"]!.GetValue<string>());
        var byStrategy = await _app.Client().GetAsync("/v1/audits/detail?strategy=dummy").ExpectJson();
        Assert.Equal("a1", byStrategy["audits"]!.AsArray().Single()!["name"]!.GetValue<string>());
    }
}

internal static class QueryFilterExtensions
{
    public static IQueryable<T> IgnoreFilters<T>(this IQueryable<T> query) where T : class =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.IgnoreQueryFilters(query);
}

public sealed class AuditApiTestsOnSqlite() : AuditApiTests(DatabaseProvider.Sqlite);

public sealed class AuditApiTestsOnPostgreSql() : AuditApiTests(DatabaseProvider.PostgreSql);
