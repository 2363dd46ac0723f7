using System.Text.Json;
using System.Text.Json.Nodes;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.Applier.Actions;

/// <summary>Waits a whole number of seconds on the injected clock; a plan cancellation interrupts the wait.</summary>
public sealed class SleepAction : IAction, IModelEffect
{
    public const string PluginName = "sleep";
    public string Name => PluginName;
    public string Description => "Wait for a given interval in seconds.";

    private const string Schema = """
        {
        "type": "object",
        "properties": { "duration": { "type": "number", "minimum": 0 } },
        "required": ["duration"],
        "additionalProperties": false
        }
        """;

    public JsonObject InputSchema => ActionSupport.ParseSchema(Schema);

    /// <summary>Acts on nothing in the cloud: never holds another plan back.</summary>
    public IEnumerable<string> TouchedResources(JsonObject parameters) => [];

    public Task PreConditionAsync(ActionContext context) => Task.CompletedTask;

    public async Task<bool> ExecuteAsync(ActionContext context)
    {
        // Upstream truncates the duration to whole seconds.
        var seconds = (int)context.Parameters["duration"]!.Deserialize<double>();   // any JSON number, parsed or built
        if (seconds > 0) await Task.Delay(TimeSpan.FromSeconds(seconds), context.Time, context.CancellationToken);
        return true;
    }

    public Task PostConditionAsync(ActionContext context) => Task.CompletedTask;

    public Task<bool> AbortAsync(ActionContext context) => Task.FromResult(true);

    public Task<bool> RevertAsync(ActionContext context) => Task.FromResult(true);

    public ModelEffect Project(ComputeModel model, JsonObject parameters) =>
        ModelEffect.NoUsageChange($"Waits {parameters["duration"]?.ToJsonString() ?? "0"} s");
}
