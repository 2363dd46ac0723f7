using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Watcher.Modules.Api.Contracts;
using Watcher.Modules.Api.Http;

namespace Watcher.Modules.Api.Auth;

/// <summary>The policy rule an endpoint is guarded by (upstream's <c>policy.enforce(context, rule, ...)</c>).</summary>
public sealed record PolicyRule(string Name);

/// <summary>An endpoint anyone may call (the version document at /).</summary>
public sealed record PublicRoute;

public static class PolicyRuleExtensions
{
    public static TBuilder Policy<TBuilder>(this TBuilder builder, string rule) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PolicyRule(rule));

    public static TBuilder Public<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PublicRoute());
}

/// <summary>
/// Authentication and policy for the API, after routing so each endpoint's rule is known: the caller comes from
/// X-Auth-Token (401 without a valid one, 503 when Keystone cannot be asked), then the endpoint's rule must allow
/// them (403 "Policy doesn't allow ... to be performed."). Public: the version document at /, and the webhooks when
/// Watcher:Api:EnableWebhooksAuth is false. A /v1 path without an endpoint (404, 405) still needs a valid token, as
/// upstream's token middleware runs before its router. Paths outside the API (Swagger, health, metrics, the
/// dashboards) are left to their own rules.
/// </summary>
public sealed class ApiAuthorization(RequestDelegate next, ICallerAuthenticator authenticator, IOptions<ApiOptions> options,
    IConfiguration configuration)
{
    public const string TokenHeader = "X-Auth-Token";
    private const string Unauthenticated = "The request you have made requires authentication.";

    public async Task InvokeAsync(HttpContext http)
    {
        var endpoint = http.GetEndpoint();
        var rule = endpoint?.Metadata.GetMetadata<PolicyRule>();
        var isPublic = endpoint?.Metadata.GetMetadata<PublicRoute>() is not null
            || (rule is null && !RootRouting.IsV1(http))
            || (rule?.Name == WebhookRule && !options.Value.EnableWebhooksAuth);
        if (!isPublic)
        {
            var caller = await authenticator.AuthenticateAsync(http.Request.Headers[TokenHeader].ToString(), http.RequestAborted);
            if (caller is null)
            {
                await RefuseAsync(http);
                return;
            }
            Caller.Set(http, caller);
            if (rule is not null && !authenticator.Allows(caller, rule.Name)) throw new PolicyNotAuthorizedException(rule.Name);
        }
        await next(http);
    }

    public const string WebhookRule = "webhook:trigger";

    /// <summary>401 as keystonemiddleware answers it, in Watcher's envelope, naming where to get a token.</summary>
    private async Task RefuseAsync(HttpContext http)
    {
        http.Response.Clear();
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        var authUrl = configuration["Watcher:ClientsAuth:AuthUrl"];
        if (!string.IsNullOrEmpty(authUrl)) http.Response.Headers.WWWAuthenticate = $"Keystone uri=\"{authUrl}\"";
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(ErrorEnvelope.Build(StatusCodes.Status401Unauthorized, Unauthenticated));
    }
}
