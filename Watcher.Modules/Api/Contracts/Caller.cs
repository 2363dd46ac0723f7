using Microsoft.AspNetCore.Http;

namespace Watcher.Modules.Api.Contracts;

/// <summary>
/// Who is calling: the user and project of their Keystone token and the roles they hold there (upstream's request
/// context). With <c>Watcher:Api:Auth=none</c> every caller is <see cref="Admin"/>.
/// </summary>
public sealed record Caller(
    string? UserId, string? UserName, string? ProjectId, string? ProjectName, string? DomainId, IReadOnlyList<string> Roles)
{
    /// <summary>The caller when authentication is off (upstream quirk 32, fixed: auth disabled means admin).</summary>
    public static Caller Admin { get; } = new(null, null, null, null, null, ["admin"]);

    public bool HasRole(string role) => Roles.Any(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));

    private const string ItemKey = "watcher.caller";

    /// <summary>The caller the API's authentication found for this request (null before it ran, or on a public route).</summary>
    public static Caller? Of(HttpContext http) => http.Items.TryGetValue(ItemKey, out var c) ? c as Caller : null;

    public static void Set(HttpContext http, Caller caller) => http.Items[ItemKey] = caller;
}
