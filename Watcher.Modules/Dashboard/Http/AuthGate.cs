using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Watcher.Modules.Dashboard.Http;

/// <summary>
/// The dashboard has no login yet, and its pages send the API's MediatR requests directly, past the API's token
/// and policy checks. So with authentication on (Watcher:Api:Auth other than <c>none</c>, issue 8) it must not
/// open: every page answers 501 saying so, rather than serve an unauthenticated way around Keystone. Assets stay
/// served (the error page uses them).
/// </summary>
public sealed class AuthGate(IConfiguration configuration) : IEndpointFilter
{
    public const string Key = "Watcher:Api:Auth";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var mode = configuration[Key];
        if (string.IsNullOrWhiteSpace(mode) || mode.Equals("none", StringComparison.OrdinalIgnoreCase)
            || context.HttpContext.Request.Path.StartsWithSegments($"{DashboardModule.Root}/assets"))
            return next(context);
        return ValueTask.FromResult<object?>(UiResults.Error(StatusCodes.Status501NotImplemented,
            $"The dashboard has no login yet, so it stays closed while the API requires authentication ({Key} is '{mode}'). " +
            "Use the API with a Keystone token (python-watcherclient, openstack optimize), or run with " + Key + "=none on loopback."));
    }
}
