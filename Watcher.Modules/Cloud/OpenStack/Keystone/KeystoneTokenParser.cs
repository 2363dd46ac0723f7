using System.Text.Json.Nodes;
using Watcher.Modules.Cloud.OpenStack.Contracts;

namespace Watcher.Modules.Cloud.OpenStack.Keystone;

/// <summary>Reads the <c>token</c> object Keystone returns from POST and GET /v3/auth/tokens.</summary>
internal static class KeystoneTokenParser
{
    public static KeystoneToken Parse(JsonNode? body)
    {
        var token = body?["token"] ?? throw new CloudException("Keystone answered without a token object");
        var roles = token["roles"]?.AsArray().Select(r => r?["name"]?.GetValue<string>()).OfType<string>().ToList() ?? [];
        var expires = token["expires_at"]?.GetValue<string>();
        return new KeystoneToken(
            UserId: token["user"]?["id"]?.GetValue<string>() ?? "",
            UserName: token["user"]?["name"]?.GetValue<string>() ?? "",
            UserDomainId: token["user"]?["domain"]?["id"]?.GetValue<string>(),
            ProjectId: token["project"]?["id"]?.GetValue<string>(),
            ProjectName: token["project"]?["name"]?.GetValue<string>(),
            ProjectDomainId: token["project"]?["domain"]?["id"]?.GetValue<string>(),
            Roles: roles,
            ExpiresAt: expires is null ? DateTimeOffset.MaxValue : DateTimeOffset.Parse(expires, System.Globalization.CultureInfo.InvariantCulture));
    }
}
