using System.Text.Json.Nodes;
using Watcher.Modules.Persistence;
using Watcher.Tests.Support;

namespace Watcher.Tests.Api;

public abstract class AuditTemplateApiTests(DatabaseProvider provider) : IDisposable
{
    private readonly ApiFactory _app = new ApiFactory(provider).WithCatalog();

    public void Dispose() => _app.Dispose();

    private Task<HttpResponseMessage> Post(string body, string version = "1.7") => _app.Client(version).PostJson("/v1/audit_templates", body);

    [Fact]
    public async Task Crud_CreateReadPatchDelete()
    {
        var response = await Post("""{"name": "t1", "goal": "dummy", "strategy": "dummy", "description": "d", "default_parameters": {"para1": 2.0}}""");
        Assert.Equal(201, (int)response.StatusCode);
        var created = await response.Json();
        Assert.Equal("dummy", created["strategy_name"]!.GetValue<string>());
        Assert.Equal(2.0, created["default_parameters"]!["para1"]!.GetValue<double>());
        Assert.False(created["default_parameters"]!.AsObject().ContainsKey("para2"));   // stored as given
        Assert.EndsWith($"/v1/audit_templates/{created["uuid"]}", response.Headers.Location!.ToString());

        var client = _app.Client();
        var old = await client.GetAsync("/v1/audit_templates/t1").ExpectJson();
        Assert.False(old.AsObject().ContainsKey("default_parameters"));
        var patched = await client.Replace("/v1/audit_templates/t1", "/description", "new").ExpectJson();
        Assert.Equal("new", patched["description"]!.GetValue<string>());
        var list = await client.GetAsync("/v1/audit_templates?goal=dummy").ExpectJson();
        Assert.Single(list["audit_templates"]!.AsArray());
        Assert.Equal(204, (int)(await client.DeleteAsync($"/v1/audit_templates/{created["uuid"]}")).StatusCode);
        await client.GetAsync("/v1/audit_templates/t1").ExpectError(404);
    }

    [Theory]
    [InlineData("""{"name": "x", "goal": "nope"}""", 400, "Goal nope is invalid")]
    [InlineData("""{"name": "x", "goal": "dummy", "strategy": "nope"}""", 400, "Strategy nope is invalid")]
    [InlineData("""{"name": "x", "goal": "dummy", "default_parameters": {"para1": 2.0}}""", 400, "default_parameters requires a strategy to be specified")]
    [InlineData("""{"name": "x", "goal": "dummy", "strategy": "dummy", "default_parameters": {"zzz": 1}}""", 400, "Audit parameter zzz are not allowed")]
    [InlineData("""{"name": "x", "goal": "dummy", "unknown": 1}""", 400, "Unknown attribute for argument audit_template: unknown")]
    public async Task Create_RejectsInvalidInput(string body, int status, string message)
    {
        Assert.Equal(message, await Post(body).ExpectError(status));
    }

    [Fact]
    public async Task Create_StrategyOfAnotherGoal_ListsTheChoices()
    {
        var message = await Post("""{"name": "x", "goal": "dummy", "strategy": "vm_workload_consolidation"}""").ExpectError(400);
        Assert.StartsWith("'vm_workload_consolidation' strategy does relate to the 'dummy' goal. Possible choices: ", message);
        Assert.Contains("(dummy)", message);
    }

    [Fact]
    public async Task Create_DefaultParametersBelow17_Is406()
    {
        await Post("""{"name": "x", "goal": "dummy", "strategy": "dummy", "default_parameters": {"para1": 2.0}}""", "1.6").ExpectError(406);
    }

    [Fact]
    public async Task Create_DuplicateName_Is409()
    {
        await Post("""{"name": "dup", "goal": "dummy"}""").ExpectJson(201);
        Assert.Equal("An audit_template with UUID or name dup already exists", await Post("""{"name": "dup", "goal": "dummy"}""").ExpectError(409));
    }

    [Theory]
    [InlineData("""[{"compute": [{"host_aggregates": [{"id": 1}, {"name": "rack-a"}]}, {"availability_zones": [{"name": "az1"}]}, {"exclude": [{"instances": [{"uuid": "u"}]}, {"compute_nodes": [{"name": "c3"}]}, {"projects": [{"uuid": "p"}]}, {"instance_metadata": [{"optimize": "true"}]}]}]}, {"storage": [{"availability_zones": [{"name": "az1"}]}, {"volume_types": [{"name": "fast"}]}, {"exclude": [{"storage_pools": [{"name": "p#1"}]}, {"volumes": [{"uuid": "v"}]}]}]}]""")]
    [InlineData("""[{"host_aggregates": [{"id": "*"}]}]""")]
    public async Task Create_AcceptsValidScopes(string scope)
    {
        var template = await Post($$"""{"name": "s", "goal": "dummy", "scope": {{scope}}}""").ExpectJson(201);
        Assert.NotNull(template["scope"]![0]!["compute"]);   // legacy flat lists are rewritten to the typed form
    }

    [Theory]
    [InlineData("""[{"baremetal": [{"exclude": [{"ironic_nodes": [{"uuid": "n"}]}]}]}]""", "Invalid scope")]
    [InlineData("""[{"compute": [{"racks": [{"name": "r"}]}]}]""", "Invalid scope")]
    [InlineData("""[{"compute": [{"availability_zones": [{"name": "az1", "extra": 1}]}]}]""", "Invalid scope")]
    [InlineData("""[{"compute": [{"host_aggregates": [{"id": "*"}, {"id": 2}]}]}]""", "You shouldn't use any other IDs of host aggregates if you use wildcard character.")]
    [InlineData("""[{"compute": [{"host_aggregates": [{"id": 1}]}, {"exclude": [{"host_aggregates": [{"id": 2}]}]}]}]""", "host_aggregates can't be included and excluded together")]
    public async Task Create_RejectsInvalidScopes(string scope, string message)
    {
        Assert.StartsWith(message, await Post($$"""{"name": "s", "goal": "dummy", "scope": {{scope}}}""").ExpectError(400));
    }

    [Fact]
    public async Task Patch_ChangingStrategyWithoutNewDefaults_Is409_AndWithThemSucceeds()
    {
        await Post("""{"name": "p", "goal": "dummy", "strategy": "dummy", "default_parameters": {"para1": 2.0}}""").ExpectJson(201);
        var client = _app.Client("1.7");
        await client.PatchJson("/v1/audit_templates/p", """[{"op": "remove", "path": "/strategy"}]""").ExpectError(409);
        var patched = await client.PatchJson("/v1/audit_templates/p",
            """[{"op": "remove", "path": "/strategy"}, {"op": "replace", "path": "/default_parameters", "value": null}]""").ExpectJson();
        Assert.Null(patched["strategy_uuid"]);
        Assert.Null(patched["default_parameters"]);
    }

    [Theory]
    [InlineData("""[{"op": "remove", "path": "/goal"}]""", "Cannot remove 'goal' attribute from an audit template")]
    [InlineData("""[{"op": "replace", "path": "/uuid", "value": "x"}]""", "'/uuid' is an internal attribute and can not be updated")]
    [InlineData("""[{"op": "replace", "path": "/goal", "value": "server_consolidation"}, {"op": "replace", "path": "/strategy", "value": "dummy"}]""", "'dummy' strategy does relate")]
    [InlineData("""[{"op": "replace", "path": "/scope", "value": [{"baremetal": []}]}]""", "Invalid scope")]
    [InlineData("""[{"op": "move", "path": "/name"}]""", "Invalid input for field/attribute op")]
    public async Task Patch_RejectsInvalidChanges(string patch, string message)
    {
        await Post("""{"name": "q", "goal": "dummy", "strategy": "dummy"}""").ExpectJson(201);
        Assert.StartsWith(message, await _app.Client().PatchJson("/v1/audit_templates/q", patch).ExpectError(400));
    }

    [Fact]
    public async Task Patch_DefaultParametersBelow17_Is406()
    {
        await Post("""{"name": "r", "goal": "dummy", "strategy": "dummy"}""").ExpectJson(201);
        await _app.Client("1.6").Replace("/v1/audit_templates/r", "/default_parameters", new Dictionary<string, object>()).ExpectError(406);
    }
}

public sealed class AuditTemplateApiTestsOnSqlite() : AuditTemplateApiTests(DatabaseProvider.Sqlite);

public sealed class AuditTemplateApiTestsOnPostgreSql() : AuditTemplateApiTests(DatabaseProvider.PostgreSql);
