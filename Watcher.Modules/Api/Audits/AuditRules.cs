using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Api.Audits;

/// <summary>Checks shared by audit create and update.</summary>
public static class AuditRules
{
    public const int NameLength = 63;

    /// <summary>Parameters must be a JSON object; they are checked against the strategy schema (strict + defaults).</summary>
    public static JsonObject CheckParameters(JsonNode? node, Strategy? strategy)
    {
        var parameters = Fields.Object("parameters", node) ?? new JsonObject();
        if (StrategyParameters.HasSchema(strategy))
            StrategyParameters.Check(strategy!, parameters, applyDefaults: true, "parameters");
        else if (parameters.Count > 0)
            throw new InvalidRequestException("Specify parameters but no predefined strategy for audit, or no parameter spec in predefined strategy");
        return parameters;
    }

    public static string TruncateName(string name) => name.Length > NameLength ? name[..NameLength] : name;

    public static async Task EnsureUniqueName(WatcherDbContext db, string name, int exceptId, CancellationToken ct)
    {
        if (await db.Audits.AnyAsync(a => a.Name == name && a.Id != exceptId, ct))
            throw new ConflictException($"An audit with UUID or name {name} already exists");
    }
}
