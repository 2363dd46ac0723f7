using System.Net;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Watcher.Modules.Api.Http;

/// <summary>
/// Where the service listens decides what is safe. With <c>Watcher:Api:Auth=none</c> every caller is an admin, so
/// the service refuses to start on anything but a loopback address unless <c>Watcher:Api:AllowInsecureRemote=true</c>
/// (then it warns at every start). And the Host header a request may carry is limited to the names it is bound to
/// (a loopback bind answers to localhost, 127.0.0.1 and [::1]), so a web page whose name an attacker re-points at
/// 127.0.0.1 (DNS rebinding) cannot reach it; <c>AllowedHosts</c> set explicitly wins, and a wildcard bind (0.0.0.0)
/// accepts any name.
/// </summary>
public static partial class BindSafety
{
    /// <summary>The URLs the server is told to listen on: <c>urls</c> (ASPNETCORE_URLS, --urls) and Kestrel:Endpoints.</summary>
    public static IReadOnlyList<string> BoundUrls(IConfiguration configuration)
    {
        var urls = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        urls.AddRange(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>());
        return urls;
    }

    /// <summary>The host part of a listen URL ("*", "+", "0.0.0.0", "[::1]", "localhost", a name or address).</summary>
    public static string HostOf(string url)
    {
        var rest = url[(url.IndexOf("://", StringComparison.Ordinal) is var i and >= 0 ? i + 3 : 0)..];
        if (rest.StartsWith('[')) return rest[..(rest.IndexOf(']') + 1)];
        var end = rest.IndexOfAny([':', '/']);
        return end < 0 ? rest : rest[..end];
    }

    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private static bool IsWildcard(string host) =>
        host is "*" or "+" or "" || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)));

    /// <summary>Stops start-up on an unauthenticated remote bind; warns when the operator allowed it explicitly.</summary>
    public static void CheckAuthForBind(IConfiguration configuration, ApiOptions options, ILogger logger)
    {
        if (options.Auth != AuthModes.None) return;
        var remote = BoundUrls(configuration).Where(u => !IsLoopback(HostOf(u))).ToList();
        if (remote.Count == 0) return;
        if (!options.AllowInsecureRemote)
            throw new InvalidOperationException(
                $"Refusing to start: Watcher:Api:Auth is 'none' (every caller is an admin) but the API would listen on " +
                $"{string.Join(", ", remote)}, which is not a loopback address. Set Watcher:Api:Auth=keystone (see README, " +
                "\"Securing the API\"), bind to 127.0.0.1, or set Watcher:Api:AllowInsecureRemote=true to accept the risk.");
        LogInsecureRemote(logger, string.Join(", ", remote));
    }

    /// <summary>
    /// AllowedHosts from the bound names when the operator did not set it, checked by <see cref="HostCheck"/> so a
    /// refusal is a 400 in Watcher's envelope (ASP.NET's own host filtering, which answers an HTML page, is left open).
    /// </summary>
    public static IServiceCollection AddBoundHostFiltering(this IServiceCollection services, IConfiguration configuration)
    {
        services.PostConfigure<HostFilteringOptions>(o => o.AllowedHosts = ["*"]);
        services.AddSingleton(sp => new HostCheck.Allowed(AllowedHosts(sp.GetRequiredService<IConfiguration>())));
        return services;
    }

    /// <summary>The Host names a request may carry; null: any.</summary>
    private static IReadOnlyList<string>? AllowedHosts(IConfiguration configuration)
    {
        if (configuration["AllowedHosts"] is { Length: > 0 } given)
        {
            var names = given.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return names.Contains("*") ? null : names;
        }
        var hosts = BoundUrls(configuration).Select(HostOf).ToList();
        if (hosts.Count == 0 || hosts.Any(IsWildcard)) return null;
        var allowed = new List<string>();
        foreach (var host in hosts)
        {
            if (IsLoopback(host)) allowed.AddRange(["localhost", "127.0.0.1", "[::1]"]);
            else allowed.Add(host);
        }
        return allowed.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watcher:Api:Auth is 'none' and the API listens on {Urls}: anyone who can reach it is an admin (Watcher:Api:AllowInsecureRemote=true). Use Watcher:Api:Auth=keystone on a network.")]
    private static partial void LogInsecureRemote(ILogger logger, string urls);
}
