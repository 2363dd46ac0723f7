using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.Applier.Actions;

/// <summary>Logs a message; the four HEAD test flags make each phase misbehave on purpose.</summary>
public sealed partial class NopAction(ILogger<NopAction> logger) : IAction, IModelEffect
{
    public const string PluginName = "nop";
    public string Name => PluginName;
    public string Description => "Logging a NOP message";

    private const string Schema = """
        {
        "type": "object",
        "properties": {
          "message": { "type": ["string", "null"] },
          "skip_pre_condition": { "type": "boolean", "default": false },
          "fail_pre_condition": { "type": "boolean", "default": false },
          "fail_execute": { "type": "boolean", "default": false },
          "fail_post_condition": { "type": "boolean", "default": false }
        },
        "required": ["message"],
        "additionalProperties": false
        }
        """;

    public JsonObject InputSchema => ActionSupport.ParseSchema(Schema);

    /// <summary>Acts on nothing in the cloud: never holds another plan back.</summary>
    public IEnumerable<string> TouchedResources(JsonObject parameters) => [];

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

    public ModelEffect Project(ComputeModel model, JsonObject parameters) =>
        ModelEffect.Flag(parameters, "skip_pre_condition") ? ModelEffect.WouldSkip("Skipped in pre_condition")
        : ModelEffect.Flag(parameters, "fail_pre_condition") ? ModelEffect.WouldFail("Failed in pre_condition")
        : ModelEffect.NoUsageChange("Logs a message");

    [LoggerMessage(Level = LogLevel.Information, Message = "Executing action NOP message: {NopMessage}")]
    private partial void LogMessage(string? nopMessage);
}
