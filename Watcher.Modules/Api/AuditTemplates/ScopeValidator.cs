using System.Text.Json.Nodes;
using Watcher.Modules.Shared.Errors;
using Watcher.Modules.Shared.Json;

namespace Watcher.Modules.Api.AuditTemplates;

/// <summary>
/// Audit scope validation (reference §5.6): typed `[{"compute": [...]}, {"storage": [...]}]` or the legacy flat
/// compute list, every object closed (additionalProperties false). Baremetal scope is not accepted by the API.
/// </summary>
public static class ScopeValidator
{
    /// <summary>Returns the scope in typed form; throws 400 on anything the collectors' schemas reject.</summary>
    public static JsonArray Normalize(JsonNode? scope)
    {
        if (scope is null) return [];
        if (scope is not JsonArray list) throw Invalid("the scope must be a list");
        if (list.Count == 0) return [];
        var copy = list.Clone()!;
        if (copy[0] is JsonObject first && first.Count > 0 && first.First().Key is not ("compute" or "storage"))
            copy = [new JsonObject { ["compute"] = copy }];

        foreach (var element in copy)
        {
            var (kind, rules) = Single(element, "scope element");
            switch (kind)
            {
                case "compute": ForEachRule(rules, kind, CheckComputeRule); break;
                case "storage": ForEachRule(rules, kind, CheckStorageRule); break;
                default: throw Invalid($"'{kind}' is not a supported scope type (compute or storage)");
            }
        }

        var compute = copy.OfType<JsonObject>().Select(o => o["compute"]).OfType<JsonArray>().SelectMany(r => r).OfType<JsonObject>().ToList();
        var included = compute.Any(r => r.ContainsKey("host_aggregates"));
        var excluded = compute.Where(r => r["exclude"] is JsonArray).SelectMany(r => (JsonArray)r["exclude"]!)
            .OfType<JsonObject>().Any(e => e.ContainsKey("host_aggregates"));
        if (included && excluded) throw new InvalidRequestException("host_aggregates can't be included and excluded together");
        return copy;
    }

    private static void ForEachRule(JsonNode? rules, string kind, Action<string, JsonNode?> check)
    {
        if (rules is not JsonArray array) throw Invalid($"'{kind}' must be a list of rules");
        foreach (var rule in array)
        {
            var (name, value) = Single(rule, $"{kind} rule");
            check(name, value);
        }
    }

    private static void CheckComputeRule(string name, JsonNode? value)
    {
        switch (name)
        {
            case "host_aggregates": Aggregates(value, allowWildcard: true); break;
            case "availability_zones": Named(value, name); break;
            case "exclude":
                foreach (var (key, v) in Excludes(value))
                {
                    switch (key)
                    {
                        case "instances": Items(v, key, "uuid"); break;
                        case "compute_nodes": Items(v, key, "name"); break;
                        case "host_aggregates": Aggregates(v, allowWildcard: false); break;
                        case "projects": Items(v, key, "uuid"); break;
                        case "instance_metadata":
                            if (v is not JsonArray metadata || metadata.Any(m => m is not JsonObject))
                                throw Invalid("instance_metadata must be a list of objects");
                            break;
                        default: throw Invalid($"Additional properties are not allowed ('{key}' was unexpected) in compute exclude");
                    }
                }
                break;
            default: throw Invalid($"Additional properties are not allowed ('{name}' was unexpected) in compute scope");
        }
    }

    private static void CheckStorageRule(string name, JsonNode? value)
    {
        switch (name)
        {
            case "availability_zones": Named(value, name); break;
            case "volume_types": Named(value, name); break;
            case "exclude":
                foreach (var (key, v) in Excludes(value))
                {
                    switch (key)
                    {
                        case "storage_pools": Items(v, key, "name"); break;
                        case "volumes": Items(v, key, "uuid"); break;
                        case "projects": Items(v, key, "uuid"); break;
                        default: throw Invalid($"Additional properties are not allowed ('{key}' was unexpected) in storage exclude");
                    }
                }
                break;
            default: throw Invalid($"Additional properties are not allowed ('{name}' was unexpected) in storage scope");
        }
    }

    private static IEnumerable<(string, JsonNode?)> Excludes(JsonNode? value)
    {
        if (value is not JsonArray list) throw Invalid("exclude must be a list");
        return list.Select(e => Single(e, "exclude rule")).ToList();
    }

    /// <summary>`[{"id": int|"*"}]` or `[{"name": str}]`; a wildcard must stand alone.</summary>
    private static void Aggregates(JsonNode? value, bool allowWildcard)
    {
        if (value is not JsonArray list) throw Invalid("host_aggregates must be a list");
        foreach (var item in list)
        {
            var (key, v) = Single(item, "host aggregate");
            var ok = key switch
            {
                "id" => v is JsonValue j && (j.TryGetValue<int>(out _) || (allowWildcard && j.TryGetValue<string>(out var s) && s == "*")),
                "name" => v is JsonValue n && n.TryGetValue<string>(out _),
                _ => false,
            };
            if (!ok) throw Invalid($"invalid host aggregate {item!.ToJsonString()}");
        }
        var wildcard = list.Any(i => i is JsonObject o && o["id"] is JsonValue v && v.TryGetValue<string>(out var s) && s == "*");
        if (wildcard && list.Count > 1)
            throw new InvalidRequestException("You shouldn't use any other IDs of host aggregates if you use wildcard character.");
    }

    private static void Named(JsonNode? value, string rule) => Items(value, rule, "name");

    private static void Items(JsonNode? value, string rule, string key)
    {
        if (value is not JsonArray list) throw Invalid($"{rule} must be a list");
        foreach (var item in list)
        {
            var (k, v) = Single(item, rule);
            if (k != key || v is not JsonValue s || !s.TryGetValue<string>(out _))
                throw Invalid($"{rule} entries must be {{\"{key}\": \"<string>\"}}, got {item!.ToJsonString()}");
        }
    }

    private static (string Key, JsonNode? Value) Single(JsonNode? node, string what)
    {
        if (node is not JsonObject o || o.Count != 1) throw Invalid($"each {what} must be an object with exactly one key");
        var pair = o.First();
        return (pair.Key, pair.Value);
    }

    private static InvalidRequestException Invalid(string detail) => new($"Invalid scope: {detail}");
}
