using System.Text.Json.Nodes;

namespace Watcher.Modules.Decision.Strategies.ZoneMigration;

/// <summary>zone_migration's audit parameters, as upstream master declares them (reference §7.15).</summary>
internal static class ZoneMigrationSchema
{
    public static JsonObject Build() => new()
    {
        ["properties"] = new JsonObject
        {
            ["compute_nodes"] = new JsonObject
            {
                ["type"] = "array",
                ["items"] = new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject
                    {
                        ["src_node"] = Described("Compute node from which instances migrate", "string"),
                        ["dst_node"] = Described("Compute node to which instances migrate", "string"),
                    },
                    ["required"] = new JsonArray("src_node"),
                    ["additionalProperties"] = false,
                },
            },
            ["storage_pools"] = new JsonObject
            {
                ["type"] = "array",
                ["items"] = new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject
                    {
                        ["src_pool"] = Described("Storage pool from which volumes migrate", "string"),
                        ["dst_pool"] = Described("Storage pool to which volumes migrate", "string"),
                        ["src_type"] = Described("Volume type from which volumes migrate", "string"),
                        ["dst_type"] = Described("Volume type to which volumes migrate", "string"),
                    },
                    ["oneOf"] = new JsonArray(
                        new JsonObject
                        {
                            ["required"] = new JsonArray("src_pool", "dst_pool"),
                            ["not"] = new JsonObject { ["required"] = new JsonArray("dst_type") },
                        },
                        new JsonObject
                        {
                            ["required"] = new JsonArray("src_pool", "dst_type"),
                            ["not"] = new JsonObject { ["required"] = new JsonArray("dst_pool") },
                        }),
                    ["additionalProperties"] = false,
                },
            },
            ["parallel_total"] = Limit("The number of actions to be run in parallel in total", 6),
            ["parallel_per_node"] = Limit("The number of actions to be run in parallel per compute node", 2),
            ["parallel_per_pool"] = Limit("The number of actions to be run in parallel per storage host", 2),
            ["priority"] = new JsonObject
            {
                ["description"] = "List prioritizes instances and volumes",
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["project"] = StringList(),
                    ["compute_node"] = StringList(),
                    ["storage_pool"] = StringList(),
                    ["compute"] = new JsonObject { ["enum"] = new JsonArray("vcpu_num", "mem_size", "disk_size", "created_at") },
                    ["storage"] = new JsonObject { ["enum"] = new JsonArray("size", "created_at") },
                },
                ["additionalProperties"] = false,
            },
            ["with_attached_volume"] = new JsonObject
            {
                ["description"] = "instance migrates just after attached volumes or not",
                ["type"] = "boolean",
                ["default"] = false,
            },
        },
        ["additionalProperties"] = false,
    };

    private static JsonObject Described(string description, string type) =>
        new() { ["description"] = description, ["type"] = type };

    private static JsonObject Limit(string description, int value) => new()
    {
        ["description"] = description,
        ["type"] = "integer",
        ["minimum"] = 0,
        ["default"] = value,
    };

    private static JsonObject StringList() => new() { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } };
}
