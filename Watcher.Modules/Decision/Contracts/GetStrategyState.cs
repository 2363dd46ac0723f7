using System.Text.Json.Nodes;
using MediatR;

namespace Watcher.Modules.Decision.Contracts;

/// <summary>
/// Upstream's get_strategy_info call: what a strategy needs and whether this deployment provides it — its
/// datasource, the metrics it reads, the cluster data models — as the list GET /v1/strategies/{s}/state shows.
/// </summary>
public sealed record GetStrategyState(string StrategyName) : IRequest<JsonArray>;
