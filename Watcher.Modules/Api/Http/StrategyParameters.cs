using System.Text.Json.Nodes;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Errors;
using Watcher.Modules.Shared.Schema;

namespace Watcher.Modules.Api.Http;

/// <summary>Strict validation of audit parameters / template default parameters against a strategy's parameters_spec.</summary>
public static class StrategyParameters
{
    /// <summary>Unknown keys → `Audit parameter k are not allowed`; other violations → `Invalid {what} for strategy: msg`.</summary>
    public static void Check(Strategy strategy, JsonObject parameters, bool applyDefaults, string what)
    {
        try
        {
            if (applyDefaults) ParameterSchema.ValidateAndApplyDefaults(strategy.ParametersSpec, parameters);
            else ParameterSchema.Validate(strategy.ParametersSpec, parameters);
        }
        catch (SchemaViolationException ex) when (ex.UnknownProperty is not null)
        {
            throw new InvalidRequestException($"Audit parameter {ex.UnknownProperty} are not allowed");
        }
        catch (SchemaViolationException ex)
        {
            throw new InvalidRequestException($"Invalid {what} for strategy: {ex.Message}");
        }
    }

    public static bool HasSchema(Strategy? strategy) => strategy is not null && strategy.ParametersSpec.Count > 0;
}
