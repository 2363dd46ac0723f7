using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Configuration;
using Watcher.Modules.Dashboard.Http;

namespace Watcher.Tests.Dashboard;

/// <summary>Until the dashboard has a login, authentication on the API keeps it closed (its pages bypass the API's token check).</summary>
public sealed class AuthGateTests
{
    private static async Task<object?> Open(string? mode, string path)
    {
        var settings = new Dictionary<string, string?> { [AuthGate.Key] = mode };
        var gate = new AuthGate(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        var http = new DefaultHttpContext { Request = { Path = path } };
        return await gate.InvokeAsync(new DefaultEndpointFilterInvocationContext(http), _ => ValueTask.FromResult<object?>("page"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("none")]
    [InlineData("NONE")]
    public async Task WithoutAuthentication_PagesOpen(string? mode) => Assert.Equal("page", await Open(mode, "/ui/audits"));

    [Fact]
    public async Task WithKeystone_PagesAnswer501WithTheReason_AssetsStayServed()
    {
        var refused = Assert.IsType<RazorComponentResult>(await Open("keystone", "/ui/audits"), exactMatch: false);
        Assert.Equal(StatusCodes.Status501NotImplemented, refused.StatusCode);
        Assert.Contains("no login yet", refused.Parameters["Model"]!.ToString());
        Assert.Equal("page", await Open("keystone", "/ui/assets/dashboard.css"));
    }
}
