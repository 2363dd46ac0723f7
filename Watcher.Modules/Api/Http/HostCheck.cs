using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Api.Http;

/// <summary>
/// The Host header must be one of the names the service is bound to (<see cref="BindSafety"/>): a page whose name
/// was re-pointed at 127.0.0.1 (DNS rebinding) gets a 400 in Watcher's envelope. Requests without a Host (HTTP/1.0)
/// pass, as with ASP.NET's host filtering.
/// </summary>
public sealed class HostCheck(RequestDelegate next, HostCheck.Allowed allowed)
{
    public sealed record Allowed(IReadOnlyList<string>? Names)
    {
        public IList<StringSegment>? Patterns { get; } = Names?.Select(n => new StringSegment(n)).ToList();
    }

    public Task InvokeAsync(HttpContext http)
    {
        var host = http.Request.Host;
        if (allowed.Patterns is { } patterns && host.HasValue && !HostString.MatchesAny(new StringSegment(host.Host), patterns))
            throw new InvalidRequestException($"Invalid Host header: {host.Host} is not a name this service answers to (AllowedHosts).");
        return next(http);
    }
}
