using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Watcher.Modules.Dashboard.Http;
using Watcher.Tests.Support;

namespace Watcher.Tests.Dashboard;

/// <summary>The dashboard's forms through HTTP (token, fields, the API's answers), without a browser.</summary>
public sealed partial class DashboardFormTests : IDisposable
{
    private readonly ApiFactory _app = new ApiFactory().WithCatalog();
    private readonly HttpClient _browser;

    public DashboardFormTests()
    {
        _browser = _app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        _browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");
    }

    public void Dispose() => _app.Dispose();

    /// <summary>Loads a form page and posts its fields plus the antiforgery token it carries.</summary>
    private async Task<HttpResponseMessage> Submit(string formPage, string action, Dictionary<string, string> fields)
    {
        var html = await _browser.GetStringAsync(formPage);
        fields[Csrf.FieldName] = WebUtility.HtmlDecode(TokenField().Match(html).Groups[1].Value);
        return await _browser.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task TemplateForm_ShowsTheStrategysParameters_RefusesABadScopeInTheApisWords_ThenCreates()
    {
        var form = await _browser.GetStringAsync("/ui/audit_templates/new?goal=dummy&strategy=dummy");
        Assert.Contains("name=\"param.para1\"", form);
        Assert.Contains("placeholder=\"default: 3.2\"", form);

        var fields = new Dictionary<string, string> { ["name"] = "t1", ["goal"] = "dummy", ["strategy"] = "dummy", ["scope"] = "[{\"compute\": 3}]" };
        var apiText = await _app.Client().PostJson("/v1/audit_templates",
            """{"name": "t1", "goal": "dummy", "strategy": "dummy", "scope": [{"compute": 3}]}""").ExpectError(400);
        var refused = await Submit("/ui/audit_templates/new?goal=dummy&strategy=dummy", "/ui/audit_templates", new(fields));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(apiText, WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));

        fields["scope"] = """[{"compute": [{"availability_zones": [{"name": "nova"}]}]}]""";
        fields["param.para1"] = "4.5";
        var created = await Submit("/ui/audit_templates/new?goal=dummy&strategy=dummy", "/ui/audit_templates", fields);
        Assert.Equal(HttpStatusCode.SeeOther, created.StatusCode);
        var template = await _app.Client("1.7").GetAsync("/v1/audit_templates/t1").ExpectJson();
        Assert.Equal(4.5, template["default_parameters"]!["para1"]!.GetValue<double>());
        Assert.Equal($"/ui/audit_templates/{template["uuid"]}", created.Headers.Location!.ToString());
    }

    [Fact]
    public async Task ContinuousAudit_CreatedThroughTheForm_CanBeSuspendedAndResumed_ButNotDeletedWhileRunning()
    {
        var created = await Submit("/ui/audits/new?goal=dummy", "/ui/audits", new()
        {
            ["goal"] = "dummy", ["audit_type"] = "CONTINUOUS", ["interval"] = "0 0 1 1 *", ["name"] = "every-five",
        });
        Assert.Equal(HttpStatusCode.SeeOther, created.StatusCode);
        var page = created.Headers.Location!.ToString();
        _app.Seed(db => db.Audits.Single(a => a.Name == "every-five").BeginRun("host"));   // the engine picked it up

        var suspended = await Submit(page, page + "/suspend", []);
        Assert.Equal(HttpStatusCode.SeeOther, suspended.StatusCode);
        Assert.Equal("SUSPENDED", (await _app.Client().GetAsync("/v1/audits/every-five").ExpectJson())["state"]!.GetValue<string>());
        Assert.Contains("data-testid=\"audit-resume\"", await _browser.GetStringAsync(page));

        await Submit(page, page + "/resume", []);
        Assert.Equal("ONGOING", (await _app.Client().GetAsync("/v1/audits/every-five").ExpectJson())["state"]!.GetValue<string>());
        var refused = await Submit(page, page + "/delete", []);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Couldn't delete when state is 'ONGOING'.", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("number", "3600", "3600")]
    [InlineData("number", "soon", "\"soon\"")]
    [InlineData("integer", "2.5", "\"2.5\"")]
    [InlineData("boolean", "true", "true")]
    [InlineData("array", "[\"a\"]", "[\"a\"]")]
    [InlineData("string", "42", "\"42\"")]
    public void ParameterFields_BecomeTypedJson_OrTheTextTypedForTheApiToJudge(string type, string typed, string json)
    {
        var schema = new JsonObject { ["properties"] = new JsonObject { ["p"] = new JsonObject { ["type"] = type } } };
        var parameters = ParameterForm.ToJson(new Dictionary<string, string> { ["p"] = typed, ["blank"] = " " }, schema);
        Assert.Equal($"{{\"p\":{json}}}", parameters.ToJsonString());
    }

    [GeneratedRegex("name=\"__csrf\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
