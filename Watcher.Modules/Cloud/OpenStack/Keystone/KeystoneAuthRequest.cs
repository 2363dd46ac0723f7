using System.Text.Json.Nodes;

namespace Watcher.Modules.Cloud.OpenStack.Keystone;

/// <summary>The body of POST /v3/auth/tokens for Watcher's service user: password (project-scoped) or application credential.</summary>
internal static class KeystoneAuthRequest
{
    public static JsonObject Build(ClientsAuthOptions o)
    {
        if (o.UsesApplicationCredential)
            return Auth(new JsonObject
            {
                ["methods"] = new JsonArray("application_credential"),
                ["application_credential"] = new JsonObject { ["id"] = o.ApplicationCredentialId, ["secret"] = o.ApplicationCredentialSecret },
            }, scope: null);

        var user = new JsonObject { ["password"] = o.Password };
        if (!string.IsNullOrEmpty(o.UserId)) user["id"] = o.UserId;
        else
        {
            user["name"] = o.Username;
            user["domain"] = Domain(o.UserDomainId, o.UserDomainName);
        }
        var project = !string.IsNullOrEmpty(o.ProjectId)
            ? new JsonObject { ["id"] = o.ProjectId }
            : new JsonObject { ["name"] = o.ProjectName, ["domain"] = Domain(o.ProjectDomainId, o.ProjectDomainName) };
        return Auth(new JsonObject
        {
            ["methods"] = new JsonArray("password"),
            ["password"] = new JsonObject { ["user"] = user },
        }, new JsonObject { ["project"] = project });
    }

    private static JsonObject Domain(string? id, string name) =>
        string.IsNullOrEmpty(id) ? new JsonObject { ["name"] = name } : new JsonObject { ["id"] = id };

    private static JsonObject Auth(JsonObject identity, JsonObject? scope)
    {
        var auth = new JsonObject { ["identity"] = identity };
        if (scope is not null) auth["scope"] = scope;
        return new JsonObject { ["auth"] = auth };
    }
}
