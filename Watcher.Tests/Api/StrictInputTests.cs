using System.Text;
using System.Text.Json.Nodes;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Tests.Support;

namespace Watcher.Tests.Api;

/// <summary>
/// Input is taken as strictly as upstream's WSME takes it: a wrong JSON type is a 400 "Wrong type" (never coerced
/// or dropped), names must be printable and fit their column, bodies have a size limit, and every refusal leaves
/// nothing written.
/// </summary>
public abstract class StrictInputTests(DatabaseProvider provider) : IDisposable
{
    private readonly ApiFactory _app = new ApiFactory(provider).With("Watcher:Api:MaxLimit", "3").WithCatalog();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("""{"name": "t", "goal": "dummy", "strategy": true}""", "strategy", "bool")]
    [InlineData("""{"name": "t", "goal": "dummy", "strategy": 1.5}""", "strategy", "float")]
    [InlineData("""{"name": "t", "goal": "dummy", "strategy": []}""", "strategy", "list")]
    [InlineData("""{"name": "t", "goal": 7}""", "goal", "int")]
    [InlineData("""{"name": 12, "goal": "dummy"}""", "name", "int")]
    [InlineData("""{"name": "t", "goal": "dummy", "description": {"a": 1}}""", "description", "dict")]
    [InlineData("""{"name": "t", "goal": "dummy", "strategy": "dummy", "default_parameters": [1]}""", "default_parameters", "list")]
    public async Task TemplateAttributes_OfTheWrongType_Are400WrongType(string body, string field, string given)
    {
        var fault = await _app.Client("1.7").PostJson("/v1/audit_templates", body).ExpectError(400);
        Assert.StartsWith($"Invalid input for field/attribute {field}. Value: ", fault);
        Assert.EndsWith($"Wrong type. Expected '{(field == "default_parameters" ? "dict" : "str")}', got '{given}'", fault);
        Assert.Equal(0, _app.Read(db => db.AuditTemplates.Count()));
    }

    [Theory]
    [InlineData("""{"audit_type": "CONTINUOUS", "goal": "dummy", "interval": "60", "start_time": 1.5}""", "start_time")]
    [InlineData("""{"audit_type": "CONTINUOUS", "goal": "dummy", "interval": 60}""", "interval")]
    [InlineData("""{"audit_type": "ONESHOT", "goal": 3}""", "goal")]
    [InlineData("""{"audit_type": "ONESHOT", "goal": "dummy", "strategy": false}""", "strategy")]
    [InlineData("""{"audit_type": "ONESHOT", "goal": "dummy", "name": 5}""", "name")]
    [InlineData("""{"audit_type": 1, "goal": "dummy"}""", "audit_type")]
    [InlineData("""{"audit_type": "ONESHOT", "goal": "dummy", "auto_trigger": "maybe"}""", "auto_trigger")]
    [InlineData("""{"audit_type": "ONESHOT", "goal": "dummy", "parameters": [1]}""", "parameters")]
    public async Task AuditAttributes_OfTheWrongType_Are400WrongType(string body, string field)
    {
        var fault = await _app.Client("1.7").PostJson("/v1/audits", body).ExpectError(400);
        Assert.StartsWith($"Invalid input for field/attribute {field}. Value: ", fault);
        Assert.Contains("Wrong type. Expected", fault);
        Assert.Equal(0, _app.Read(db => db.Audits.Count()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("bad\u0001name")]
    [InlineData("new\nline")]
    public async Task EmptyOrControlCharacterNames_AreRefused(string name)
    {
        var template = new JsonObject { ["name"] = name, ["goal"] = "dummy" }.ToJsonString();
        Assert.Contains("A name must not", await _app.Client().PostJson("/v1/audit_templates", template).ExpectError(400));
        var audit = new JsonObject { ["audit_type"] = "ONESHOT", ["goal"] = "dummy", ["name"] = name }.ToJsonString();
        Assert.Contains("A name must not", await _app.Client().PostJson("/v1/audits", audit).ExpectError(400));
        var created = await _app.Client().PostJson("/v1/audit_templates", """{"name": "ok", "goal": "dummy"}""").ExpectJson(201);
        var rename = new JsonArray(new JsonObject { ["op"] = "replace", ["path"] = "/name", ["value"] = name }).ToJsonString();
        Assert.Contains("A name must not", await _app.Client().PatchJson($"/v1/audit_templates/{created["uuid"]}", rename).ExpectError(400));
    }

    [Fact]
    public async Task ColumnLengths_AreUpstreams_WithAClear400()
    {
        var longName = new string('n', 64);
        var fault = await _app.Client().PostJson("/v1/audit_templates", $$"""{"name": "{{longName}}", "goal": "dummy"}""").ExpectError(400);
        Assert.Equal("name is 64 characters long; at most 63 are allowed", fault);
        var description = new string('d', 256);
        fault = await _app.Client().PostJson("/v1/audit_templates", $$"""{"name": "t", "goal": "dummy", "description": "{{description}}"}""")
            .ExpectError(400);
        Assert.Equal("description is 256 characters long; at most 255 are allowed", fault);
        await _app.Client().PostJson("/v1/audit_templates", $$"""{"name": "{{longName[..63]}}", "goal": "dummy", "description": "{{description[..255]}}"}""")
            .ExpectStatus(201);
        // Audit names are cut to 63 characters, as upstream does.
        var audit = await _app.Client().PostJson("/v1/audits", $$"""{"audit_type": "ONESHOT", "goal": "dummy", "name": "{{longName}}"}""").ExpectJson(201);
        Assert.Equal(63, audit["name"]!.GetValue<string>().Length);
    }

    [Fact]
    public async Task ABodyAboveOneMegabyte_Is413_AndNothingIsStored()
    {
        var big = new string('x', 1024 * 1024);
        var body = $$"""{"name": "t", "goal": "dummy", "description": "{{big}}"}""";
        Assert.Contains("larger than the 1048576 bytes", await _app.Client().PostJson("/v1/audit_templates", body).ExpectError(413));
        // Sent without a length (chunked), the body is cut at the same limit while it is read.
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        chunked.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/audit_templates") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        await _app.Client().SendAsync(request).ExpectError(413);
        Assert.Equal(0, _app.Read(db => db.AuditTemplates.Count()));
    }

    [Fact]
    public async Task PatchToTheCurrentState_Is400_AsUpstream()
    {
        var audit = await _app.Client().PostJson("/v1/audits", """{"audit_type": "EVENT", "goal": "dummy"}""").ExpectJson(201);
        var fault = await _app.Client().Replace($"/v1/audits/{audit["uuid"]}", "/state", "PENDING").ExpectError(400);
        Assert.StartsWith("Couldn't apply patch '", fault);
        Assert.EndsWith("Reason: State transition not allowed: (PENDING -> PENDING)", fault);

        var plan = SeedPlan();
        fault = await _app.Client().Replace($"/v1/action_plans/{plan}", "/state", "RECOMMENDED").ExpectError(400);
        Assert.EndsWith("Reason: State transition not allowed: (RECOMMENDED -> RECOMMENDED)", fault);
    }

    [Fact]
    public async Task ALimitAboveTheMaximum_IsCapped()
    {
        for (var i = 0; i < 5; i++)
            await _app.Client().PostJson("/v1/audit_templates", $$"""{"name": "t{{i}}", "goal": "dummy"}""").ExpectStatus(201);
        var page = await _app.Client().GetAsync("/v1/audit_templates?limit=500").ExpectJson();
        Assert.Equal(3, page["audit_templates"]!.AsArray().Count);
        Assert.Contains("limit=3", page["next"]!.GetValue<string>());
    }

    [Fact]
    public async Task ChangingTheGoalOfATemplateWithDefaultParameters_Is409_BeforeTheNewGoalIsChecked()
    {
        var client = _app.Client("1.7");
        await client.PostJson("/v1/audit_templates",
            """{"name": "t", "goal": "dummy", "strategy": "dummy", "default_parameters": {"para1": 2.0}}""").ExpectStatus(201);
        var patch = """[{"op": "replace", "path": "/goal", "value": "no-such-goal"}]""";
        Assert.Contains("provide new default_parameters", await client.PatchJson("/v1/audit_templates/t", patch).ExpectError(409));
        patch = """[{"op": "remove", "path": "/strategy"}]""";
        await client.PatchJson("/v1/audit_templates/t", patch).ExpectError(409);
    }

    [Fact]
    public async Task DeletingAnAudit_KeepsItsPlansVisibleAndManageable()
    {
        var plan = SeedPlan(ongoing: true);
        var audit = _app.Read(db => db.ActionPlans.Where(p => p.Uuid == plan).Select(p => p.Audit.Uuid).Single());
        await _app.Client().DeleteAsync($"/v1/audits/{audit}").ExpectStatus(204);

        var shown = await _app.Client().GetAsync($"/v1/action_plans/{plan}").ExpectJson();
        Assert.Equal(audit, shown["audit_uuid"]!.GetValue<string>());
        var listed = await _app.Client().GetAsync("/v1/action_plans").ExpectJson();
        Assert.Contains(listed["action_plans"]!.AsArray(), p => p!["uuid"]!.GetValue<string>() == plan);
        var actions = await _app.Client().GetAsync($"/v1/actions?audit_uuid={audit}").ExpectJson();
        Assert.Single(actions["actions"]!.AsArray());
        // The ONGOING plan that would block every new audit can be cancelled.
        var cancelled = await _app.Client().Replace($"/v1/action_plans/{plan}", "/state", "CANCELLING").ExpectJson();
        Assert.Equal("CANCELLING", cancelled["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task ConcurrentCreatesOfOneName_AnswerOne201_AndOnly409s()
    {
        for (var round = 0; round < 3; round++)
        {
            var audits = Enumerable.Range(0, 6).Select(_ => _app.Client()
                .PostJson("/v1/audits", $$"""{"audit_type": "EVENT", "goal": "dummy", "name": "race-{{round}}"}"""));
            var templates = Enumerable.Range(0, 6).Select(_ => _app.Client()
                .PostJson("/v1/audit_templates", $$"""{"name": "race-{{round}}", "goal": "dummy"}"""));
            foreach (var batch in new[] { await Task.WhenAll(audits), await Task.WhenAll(templates) })
            {
                var codes = batch.Select(r => (int)r.StatusCode).ToList();
                Assert.True(codes.Count(c => c == 201) == 1 && codes.Count(c => c == 409) == 5, string.Join(",", codes));
                foreach (var conflict in batch.Where(r => (int)r.StatusCode == 409))
                    Assert.EndsWith($"with UUID or name race-{round} already exists", await conflict.FaultString());
            }
        }
    }

    [Fact]
    public async Task Json_IsWrittenWithoutNeedlessEscapes()
    {
        var response = await _app.Client().PostJson("/v1/audit_templates",
            """{"name": "quote", "goal": "dummy", "description": "say \"hi\" <b> & 'bye' é"}""");
        var raw = await response.Content.ReadAsStringAsync();
        Assert.Contains("+00:00", raw);
        Assert.DoesNotContain("\\u002B", raw);
        Assert.Contains("""say \"hi\" <b> & 'bye' é""", raw);
        var error = await _app.Client().PostJson("/v1/audit_templates", """{"name": "quote", "goal": "dummy"}""");
        Assert.DoesNotContain("\\u0022", await error.Content.ReadAsStringAsync());
    }

    /// <summary>A succeeded dummy audit with one RECOMMENDED plan of one nop action, ONGOING when asked.</summary>
    private string SeedPlan(bool ongoing = false)
    {
        var plan = "";
        _app.Seed(db =>
        {
            var strategy = db.Strategies.Single(s => s.Name == "dummy");
            var audit = new Audit { Name = "a-" + Guid.NewGuid(), GoalId = strategy.GoalId, Strategy = strategy };
            audit.BeginRun("host");
            audit.Succeed();
            var p = new ActionPlan { Audit = audit, Strategy = strategy, GlobalEfficacy = [] };
            if (ongoing) p.BeginExecution("host");
            p.Actions.Add(new WatcherAction { ActionType = "nop", InputParameters = new JsonObject { ["message"] = "hi" } });
            db.ActionPlans.Add(p);
            plan = p.Uuid;
        });
        return plan;
    }
}

public sealed class StrictInputTestsOnSqlite() : StrictInputTests(DatabaseProvider.Sqlite);

public sealed class StrictInputTestsOnPostgreSql() : StrictInputTests(DatabaseProvider.PostgreSql);
