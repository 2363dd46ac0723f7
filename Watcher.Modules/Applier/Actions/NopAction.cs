using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Watcher.Modules.Applier.Actions;

/// <summary>Logs a message; the four HEAD test flags make each phase misbehave on purpose.</summary>
public sealed partial class NopAction(ILogger<NopAction> logger) : IAction
{
    public const string PluginName = "nop";
    public string Name => PluginName;
    public string Description => "Logging a NOP message";

    public JsonObject InputSchema => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["message"] = new JsonObject { ["type"] = new JsonArray("string", "null") },
            ["skip_pre_condition"] = new JsonObject { ["type"] = "boolean", ["default"] = false },
            ["fail_pre_condition"] = new JsonObject { ["type"] = "boolean", ["default"] = false },
            ["fail_execute"] = new JsonObject { ["type"] = "boolean", ["default"] = false },
            ["fail_post_condition"] = new JsonObject { ["type"] = "boolean", ["default"] = false },
        },
        ["required"] = new JsonArray("message"),
        ["additionalProperties"] = false,
    };

    public Task PreConditionAsync(ActionContext context)
    {
        if (context.GetBool("skip_pre_condition")) throw new ActionSkippedException("Skipped in pre_condition");
        if (context.GetBool("fail_pre_condition")) throw new ActionFailedException("Failed in pre_condition");
        return Task.CompletedTask;
    }

    public Task<bool> ExecuteAsync(ActionContext context)
    {
        LogMessage(context.GetString("message"));
        return Task.FromResult(!context.GetBool("fail_execute"));
    }

    public Task PostConditionAsync(ActionContext context) =>
        context.GetBool("fail_post_condition")
            ? throw new ActionFailedException("Failed in post_condition")
            : Task.CompletedTask;

    public Task<bool> AbortAsync(ActionContext context) => Task.FromResult(true);

    public Task<bool> RevertAsync(ActionContext context) => Task.FromResult(true);

    [LoggerMessage(Level = LogLevel.Information, Message = "Executing action NOP message: {NopMessage}")]
    private partial void LogMessage(string? nopMessage);
}
