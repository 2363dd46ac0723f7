using System.Text.Json.Nodes;

namespace Watcher.Modules.Applier.Actions;

/// <summary>Small pieces the action plugins share: schema fragments, parameter reads and polling.</summary>
internal static class ActionSupport
{
    /// <summary>A fresh schema object per call (JSON nodes are mutable and belong to one parent).</summary>
    public static JsonObject ParseSchema(string json) => (JsonObject)JsonNode.Parse(json)!;

    /// <summary>A string parameter, or null when absent or not a string.</summary>
    public static string? Text(JsonObject parameters, string name) =>
        parameters[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static bool GetBool(this ActionContext context, string name) =>
        context.Parameters[name] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    /// <summary>Probes once, then again after each interval until <paramref name="done"/> holds or the attempts run out.</summary>
    public static async Task<T> PollAsync<T>(
        ActionContext context, Func<Task<T>> probe, Func<T, bool> done, int attempts, TimeSpan interval)
    {
        var value = await probe();
        for (var i = 0; i < attempts && !done(value); i++)
        {
            await Task.Delay(interval, context.Time, context.CancellationToken);
            value = await probe();
        }
        return value;
    }
}
