using System.Net;
using System.Text.Json.Nodes;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Persistence;
using Watcher.Tests.Support;

namespace Watcher.Tests.Api;

public abstract class ApiConventionsTests(DatabaseProvider provider) : IDisposable
{
    private readonly ApiFactory _app = new ApiFactory(provider).WithCatalog();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Root_ReturnsVersionDocument_WithoutMicroversionHeaders()
    {
        var response = await _app.Client().GetAsync("/");
        var doc = await response.Json();
        Assert.Equal("OpenStack Watcher API", doc["name"]!.GetValue<string>());
        Assert.Equal("1.7", doc["versions"]![0]!["max_version"]!.GetValue<string>());
        Assert.Equal("1.0", doc["default_version"]!["min_version"]!.GetValue<string>());
        Assert.EndsWith("/v1/", doc["default_version"]!["links"]![0]!["href"]!.GetValue<string>());
        Assert.False(response.Headers.Contains("OpenStack-API-Version"));
    }

    [Fact]
    public async Task V1Document_AdvertisesDataModelAndWebhooks_OnlyFromTheirVersions()
    {
        var old = await _app.Client().GetAsync("/v1").ExpectJson();
        Assert.NotNull(old["audits"]);
        Assert.Null(old["data_model"]);
        Assert.Null(old["webhooks"]);
        Assert.Null(old["goals"]);
        var latest = await _app.Client("latest").GetAsync("/v1/").ExpectJson();
        Assert.NotNull(latest["data_model"]);
        Assert.NotNull(latest["webhooks"]);
        Assert.Equal("bookmark", latest["audits"]![1]!["rel"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(null, "1.0")]
    [InlineData("1.4", "1.4")]
    [InlineData("latest", "1.7")]
    [InlineData("LATEST", "1.7")]
    [InlineData("1", "1.0")]
    [InlineData("garbage", "1.0")]
    public async Task V1Responses_CarryTheEffectiveVersionHeaders(string? requested, string effective)
    {
        var response = await _app.Client(requested).GetAsync("/v1/goals");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"infra-optim {effective}", response.Headers.GetValues("OpenStack-API-Version").Single());
        Assert.Equal("1.0", response.Headers.GetValues("OpenStack-API-Minimum-Version").Single());
        Assert.Equal("1.7", response.Headers.GetValues("OpenStack-API-Maximum-Version").Single());
        Assert.Contains("OpenStack-API-Version", response.Headers.Vary);
    }

    [Theory]
    [InlineData("1.8")]
    [InlineData("2.0")]
    [InlineData("1.2.3")]
    public async Task UnsupportedMicroversion_Returns406_WithRangeHeaders(string requested)
    {
        var response = await _app.Client(requested).GetAsync("/v1/goals");
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Equal("1.7", response.Headers.GetValues("OpenStack-API-Maximum-Version").Single());
        Assert.Contains("[1.0, 1.7]", await response.FaultString());
    }

    [Fact]
    public async Task Errors_UseWatchersDoublyEncodedEnvelope()
    {
        var response = await _app.Client().GetAsync("/v1/goals/nope");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Json();
        Assert.IsType<string>(body["error_message"]!.GetValue<string>());
        var (code, message) = await response.Fault();
        Assert.Equal("Client", code);
        Assert.Equal("Goal nope could not be found", message);
    }

    [Fact]
    public async Task UnknownRoute_Is404_AndWrongMethod_Is405_BothInTheEnvelope()
    {
        Assert.Equal("The resource could not be found.", await _app.Client().GetAsync("/v1/nothing/here").ExpectError(404));
        Assert.Contains("not allowed", await _app.Client().DeleteAsync("/v1/goals/dummy").ExpectError(405));
        await _app.Client().PostJson("/v1/actions", "{}").ExpectError(405);
        await _app.Client().GetAsync("/v1/audits/abc/detail").ExpectError(404);
    }

    [Fact]
    public async Task UnknownQueryArgument_Is400()
    {
        Assert.Equal("Unknown argument: \"color\"", await _app.Client().GetAsync("/v1/goals?color=red").ExpectError(400));
    }

    [Fact]
    public async Task BadJsonBody_Is400()
    {
        await _app.Client().PostJson("/v1/audits", "{not json").ExpectError(400);
    }

    [Fact]
    public async Task PathsWithoutV1_AndTrailingSlashes_AreRoutedAsV1()
    {
        var goals = await _app.Client().GetAsync("/goals/").ExpectJson();
        var v1Goals = await _app.Client().GetAsync("/v1/goals").ExpectJson();
        Assert.Equal(v1Goals["goals"]!.AsArray().Count, goals["goals"]!.AsArray().Count);
        Assert.NotEmpty(goals["goals"]!.AsArray());
        var goal = await _app.Client().GetAsync("/v1/goals/dummy/").ExpectJson();
        var bookmark = goal["links"]![1]!["href"]!.GetValue<string>();
        Assert.Equal("dummy", (await _app.Client().GetAsync(new Uri(bookmark).PathAndQuery).ExpectJson())["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Swagger_IsServed()
    {
        var response = await _app.Client().GetAsync("/swagger/v1/swagger.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/v1/audits", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pagination_SortsGlobally_AndNextLinkKeepsFilters()
    {
        _app.Seed(db =>
        {
            var goal = db.Goals.Single(g => g.Name == "cluster_maintaining");
            foreach (var name in new[] { "s-c", "s-a", "s-e", "s-b", "s-d" })
                db.Strategies.Add(new Strategy { Name = name, DisplayName = name, Goal = goal });
        });
        var client = _app.Client();
        var first = await client.GetAsync("/v1/strategies?goal=cluster_maintaining&sort_key=name&sort_dir=desc&limit=2").ExpectJson();
        Assert.Equal(["s-e", "s-d"], first["strategies"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
        var next = first["next"]!.GetValue<string>();
        Assert.Contains("goal=cluster_maintaining", next);
        Assert.Contains("/v1/strategies?", next);
        var second = await client.GetAsync(new Uri(next).PathAndQuery).ExpectJson();
        Assert.Equal(["s-c", "s-b"], second["strategies"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
        var third = await client.GetAsync(new Uri(second["next"]!.GetValue<string>()).PathAndQuery).ExpectJson();
        Assert.Equal(["s-a", "host_maintenance"], third["strategies"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
        var last = await client.GetAsync(new Uri(third["next"]!.GetValue<string>()).PathAndQuery).ExpectJson();
        Assert.Empty(last["strategies"]!.AsArray());
        Assert.Null(last["next"]);
    }

    [Fact]
    public async Task Pagination_SortsByComputedFields()
    {
        var all = await _app.Client().GetAsync("/v1/strategies").ExpectJson();
        var list = await _app.Client().GetAsync("/v1/strategies?sort_key=goal_name&sort_dir=desc").ExpectJson();
        var goalNames = list["strategies"]!.AsArray().Select(s => s!["goal_name"]!.GetValue<string>()).ToList();
        Assert.Equal(all["strategies"]!.AsArray().Count, goalNames.Count);
        Assert.Equal(goalNames.OrderDescending(StringComparer.Ordinal), goalNames);
        Assert.True(goalNames.Distinct().Count() > 1);
    }

    [Theory]
    [InlineData("limit=0", "Limit must be positive")]
    [InlineData("sort_key=color", "Invalid sort key: color")]
    [InlineData("sort_dir=up", "Invalid sort direction: up. Acceptable values are 'asc' or 'desc'")]
    public async Task BadPagingArguments_Are400(string query, string message)
    {
        Assert.Equal(message, await _app.Client().GetAsync($"/v1/goals?{query}").ExpectError(400));
    }

    [Fact]
    public async Task UnknownMarker_Is404()
    {
        await _app.Client().GetAsync($"/v1/goals?marker={Guid.NewGuid()}").ExpectError(404);
    }

    [Fact]
    public async Task ShowDeletedHeader_IsParsedAsBoolean()
    {
        var total = await Count(null);
        _app.Seed(db => db.Goals.Single(g => g.Name == "server_consolidation").SoftDelete(DateTime.UtcNow));
        async Task<int> Count(string? header)
        {
            var client = _app.Client();
            if (header is not null) client.DefaultRequestHeaders.Add("X-Show-Deleted", header);
            return (await client.GetAsync("/v1/goals").ExpectJson())["goals"]!.AsArray().Count;
        }
        Assert.Equal(total - 1, await Count(null));
        Assert.Equal(total - 1, await Count("false"));
        Assert.Equal(total, await Count("true"));
    }

    [Fact]
    public async Task GoalsAndStrategies_AreFoundByUuidOrName_WithDetailFields()
    {
        var client = _app.Client();
        var goal = await client.GetAsync("/v1/goals/dummy").ExpectJson();
        var byUuid = await client.GetAsync($"/v1/goals/{goal["uuid"]}").ExpectJson();
        Assert.Equal("dummy", byUuid["name"]!.GetValue<string>());
        Assert.EndsWith("+00:00", byUuid["created_at"]!.GetValue<string>());
        var strategies = await client.GetAsync($"/v1/strategies/detail?goal={goal["uuid"]}").ExpectJson();
        var strategy = strategies["strategies"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "dummy")!;
        Assert.Equal(3.2, strategy["parameters_spec"]!["properties"]!["para1"]!["default"]!.GetValue<double>());
        Assert.Equal(200, (int)(await client.GetAsync("/v1/strategies/dummy/state")).StatusCode);
    }
}

public sealed class ApiConventionsTestsOnSqlite() : ApiConventionsTests(DatabaseProvider.Sqlite);

public sealed class ApiConventionsTestsOnPostgreSql() : ApiConventionsTests(DatabaseProvider.PostgreSql);
