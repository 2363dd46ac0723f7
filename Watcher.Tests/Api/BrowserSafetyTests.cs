using System.Net.Http.Headers;
using System.Text;
using Watcher.Tests.Support;

namespace Watcher.Tests.Api;

/// <summary>
/// A web page on the operator's machine cannot drive the API through the browser: writes need a JSON body (which a
/// form or a no-cors fetch cannot send), another origin's writes are refused, the Host header must name the service,
/// and no CORS headers are sent unless origins are configured.
/// </summary>
public sealed class BrowserSafetyTests : IDisposable
{
    private readonly ApiFactory _app = new ApiFactory().WithCatalog();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task ABodyThatIsNotJson_Is415_AndNothingIsCreated(string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"audit_type": "ONESHOT", "goal": "dummy"}"""));
        if (contentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var fault = await _app.Client().PostAsync("/v1/audits", content).ExpectError(415);
        Assert.Contains("application/json", fault);
        Assert.Equal(0, _app.Read(db => db.Audits.Count()));
    }

    [Fact]
    public async Task AFormPostWithNoBody_CannotStartAPlan()
    {
        var form = new ByteArrayContent([]);
        form.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        await _app.Client().PostAsync($"/v1/action_plans/{Guid.NewGuid()}/start", form).ExpectError(415);
    }

    [Fact]
    public async Task JsonWithACharset_AndAPlusJsonType_AreAccepted()
    {
        var content = new StringContent("""{"name": "t", "goal": "dummy"}""", Encoding.UTF8, "application/json");
        Assert.Equal("application/json; charset=utf-8", content.Headers.ContentType!.ToString());
        await _app.Client().PostAsync("/v1/audit_templates", content).ExpectStatus(201);
    }

    [Fact]
    public async Task AWriteFromAnotherOrigin_IsRefused_ButTheSameOriginAndCommandLineClientsPass()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/audit_templates")
        {
            Content = new StringContent("""{"name": "t", "goal": "dummy"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Origin", "http://evil.example");
        Assert.Contains("http://evil.example was refused", await _app.Client().SendAsync(request).ExpectError(403));

        request = new HttpRequestMessage(HttpMethod.Post, "/v1/audit_templates")
        {
            Content = new StringContent("""{"name": "t", "goal": "dummy"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Origin", "http://localhost");
        await _app.Client().SendAsync(request).ExpectStatus(201);
        Assert.Equal(1, _app.Read(db => db.AuditTemplates.Count()));
    }

    [Fact]
    public async Task NoCorsHeaders_UnlessOriginsAreConfigured()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/goals");
        request.Headers.Add("Origin", "http://evil.example");
        var response = await _app.Client().SendAsync(request);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));

        using var cors = new ApiFactory().With("Watcher:Api:CorsAllowedOrigins:0", "https://dashboard.example").WithCatalog();
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/v1/audits");
        preflight.Headers.Add("Origin", "https://dashboard.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "x-auth-token,content-type");
        var answer = await cors.Client().SendAsync(preflight);
        Assert.Equal("https://dashboard.example", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var allowed = new HttpRequestMessage(HttpMethod.Post, "/v1/audit_templates")
        {
            Content = new StringContent("""{"name": "t", "goal": "dummy"}""", Encoding.UTF8, "application/json"),
        };
        allowed.Headers.Add("Origin", "https://dashboard.example");
        await cors.Client().SendAsync(allowed).ExpectStatus(201);
    }

    [Fact]
    public async Task AHostHeaderNamingAnotherSite_IsRefused()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/goals");
        request.Headers.Host = "rebound.evil.example";
        Assert.Equal(400, (int)(await _app.Client().SendAsync(request)).StatusCode);
        request = new HttpRequestMessage(HttpMethod.Get, "/v1/goals");
        request.Headers.Host = "127.0.0.1:9322";
        await _app.Client().SendAsync(request).ExpectStatus(200);
    }
}
