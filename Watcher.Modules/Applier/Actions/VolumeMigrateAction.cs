using System.Text.Json.Nodes;

namespace Watcher.Modules.Applier.Actions;

/// <summary>
/// Moves or retypes a Cinder volume (reference §9.8). Its input is validated like upstream's, but running it needs the
/// storage model (Cinder pools and volumes), which this version does not have yet: the pre-condition fails and says so,
/// rather than pretending. Abort and revert are no-ops, as upstream's.
/// </summary>
public sealed class VolumeMigrateAction : IAction
{
    public const string PluginName = "volume_migrate";
    public const string NotBuilt =
        "volume_migrate needs the storage model (Cinder pools and volumes), which this version of Watcher does not have yet";

    public string Name => PluginName;
    public string Description => "Moving a volume to destination_node or destination_type";

    private const string Schema = """
        {
        "type": "object",
        "properties": {
          "resource_id": { "type": "string", "minLength": 1, "pattern": "^([a-fA-F0-9]){8}-([a-fA-F0-9]){4}-([a-fA-F0-9]){4}-([a-fA-F0-9]){4}-([a-fA-F0-9]){12}$" },
          "resource_name": { "type": "string" },
          "migration_type": { "type": "string", "enum": ["swap", "retype", "migrate"] },
          "destination_node": { "type": ["string", "null"] },
          "destination_type": { "type": ["string", "null"] }
        },
        "required": ["resource_id", "migration_type"],
        "additionalProperties": false
        }
        """;

    public JsonObject InputSchema => ActionSupport.ParseSchema(Schema);

    public Task PreConditionAsync(ActionContext context) => throw new ActionFailedException(NotBuilt);

    public Task<bool> ExecuteAsync(ActionContext context) => throw new ActionFailedException(NotBuilt);

    public Task PostConditionAsync(ActionContext context) => Task.CompletedTask;

    /// <summary>Upstream reports "not aborted": the action ends SUCCEEDED.</summary>
    public Task<bool> AbortAsync(ActionContext context) => Task.FromResult(false);

    public Task<bool> RevertAsync(ActionContext context) => Task.FromResult(false);

    public bool CanAbort(JsonObject parameters) => false;

    public IEnumerable<string> TouchedResources(JsonObject parameters) =>
        Touched.Read(parameters, "resource_id", Touched.Volume).Concat(Touched.Read(parameters, "destination_node", Touched.Pool));
}
