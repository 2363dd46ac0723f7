using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Watcher.Modules.Dashboard.Http;

/// <summary>
/// Every dashboard form carries an antiforgery token: with no authentication on loopback, any web page the operator
/// visits could otherwise post to /ui and start or delete plans.
/// </summary>
public static class Csrf
{
    public const string FieldName = "__csrf";

    public static string Token(HttpContext http) =>
        http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http).RequestToken ?? "";

    /// <summary>Reads the posted form after checking its token (AntiforgeryValidationException otherwise).</summary>
    public static async Task<IFormCollection> ReadFormAsync(HttpContext http)
    {
        await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
        return await http.Request.ReadFormAsync(http.RequestAborted);
    }
}
