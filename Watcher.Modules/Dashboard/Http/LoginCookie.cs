using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Watcher.Modules.Dashboard.Http;

/// <summary>
/// The Keystone token of a dashboard login, kept in the browser encrypted and signed with ASP.NET Data Protection
/// (so the browser's cookie store never holds a usable token), HttpOnly (no script reads it), SameSite=Strict (no
/// other site's page sends it), and only until the token expires.
/// </summary>
public static class LoginCookie
{
    public const string Name = "watcher-ui-login";
    private const string Purpose = "Watcher.Dashboard.KeystoneToken";

    public static void Write(HttpContext http, string token, DateTimeOffset expiresAt)
    {
        var protector = Protector(http).ToTimeLimitedDataProtector();
        http.Response.Cookies.Append(Name, protector.Protect(token, expiresAt), Options(http, expiresAt));
    }

    /// <summary>The token, or null when there is no cookie or it was forged, tampered with or expired.</summary>
    public static string? Read(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(Name, out var value) || string.IsNullOrEmpty(value)) return null;
        try
        {
            return Protector(http).ToTimeLimitedDataProtector().Unprotect(value);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    public static void Delete(HttpContext http) => http.Response.Cookies.Delete(Name, Options(http, null));

    private static IDataProtector Protector(HttpContext http) =>
        http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

    private static CookieOptions Options(HttpContext http, DateTimeOffset? expiresAt) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = http.Request.IsHttps,
        Path = DashboardModule.Root,
        Expires = expiresAt,
        IsEssential = true,
    };
}
