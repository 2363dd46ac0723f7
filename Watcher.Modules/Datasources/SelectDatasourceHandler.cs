using MediatR;
using Watcher.Modules.Datasources.Contracts;

namespace Watcher.Modules.Datasources;

/// <summary>Each request (one per audit run) gets the chosen datasource behind a fresh <see cref="MetricCache"/>.</summary>
public sealed class SelectDatasourceHandler(DatasourceSelector selector) : IRequestHandler<SelectDatasource, IMetricsDatasource?>
{
    public async Task<IMetricsDatasource?> Handle(SelectDatasource request, CancellationToken cancellationToken) =>
        await selector.SelectAsync(request.RequiredMetrics, request.Override, cancellationToken) is { } chosen
            ? new MetricCache(chosen)
            : null;
}
