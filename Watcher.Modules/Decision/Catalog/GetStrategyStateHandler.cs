using System.Text.Json.Nodes;
using MediatR;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Datasources.Contracts;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Decision.Strategies;
using Watcher.Modules.Shared.Errors;
using Watcher.Modules.Shared.Plugins;

namespace Watcher.Modules.Decision.Catalog;

/// <summary>
/// The requirements report (reference §2.5). The datasource is resolved from the configured list even when the
/// strategy has no override of its own — upstream reported "not presented" then (§19 item 7, fixed).
/// </summary>
public sealed class GetStrategyStateHandler(PluginCatalog<IStrategy> strategies, IMediator mediator)
    : IRequestHandler<GetStrategyState, JsonArray>
{
    private const string NotPresented = "Datasource is not presented for this strategy";

    public async Task<JsonArray> Handle(GetStrategyState request, CancellationToken ct)
    {
        if (!strategies.TryGet(request.StrategyName, out var strategy))
            throw new NotFoundException($"Strategy {request.StrategyName} could not be found");

        var datasource = await FindDatasourceAsync(strategy, ct);
        var metrics = new JsonArray(strategy.RequiredMetrics.Select(m => (JsonNode)new JsonObject
        {
            [m] = datasource is not null && datasource.SupportedMetrics.Contains(m) ? "available" : "not available",
        }).ToArray());
        var models = new JsonArray(
            new JsonObject { ["compute_model"] = await ModelStateAsync(new GetComputeModel(), ct) },
            new JsonObject { ["storage_model"] = await ModelStateAsync(new GetStorageModel(), ct) },
            new JsonObject { ["baremetal_model"] = await ModelStateAsync(new GetBaremetalModel(), ct) });

        return
        [
            Item("Datasource", datasource is null ? NotPresented : $"{datasource.Name}: available", true),
            Item("Metrics", metrics, false),
            Item("CDM", models, true),
        ];
    }

    private async Task<IMetricsDatasource?> FindDatasourceAsync(IStrategy strategy, CancellationToken ct)
    {
        if (strategy.RequiredMetrics.Count == 0) return null;
        try
        {
            return await mediator.Send(new SelectDatasource(strategy.RequiredMetrics), ct);
        }
        catch (DatasourceUnavailableException)
        {
            return null;
        }
    }

    private async Task<string> ModelStateAsync<TModel>(IRequest<TModel> request, CancellationToken ct)
    {
        try
        {
            await mediator.Send(request, ct);
            return "available";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return "not available";
        }
    }

    private static JsonObject Item(string type, JsonNode state, bool mandatory) =>
        new() { ["type"] = type, ["state"] = state, ["mandatory"] = mandatory, ["comment"] = "" };
}
