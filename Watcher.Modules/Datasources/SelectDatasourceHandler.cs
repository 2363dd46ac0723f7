using MediatR;
using Watcher.Modules.Datasources.Contracts;

namespace Watcher.Modules.Datasources;

/// <summary>Each request (one per audit run) gets the chosen datasource behind a fresh <see cref="MetricCache"/>.</summary>
public sealed class SelectDatasourceHandler(DatasourceSelector selector) : IRequestHandler<SelectDatasource, IMetricsDatasource?>
{
    public Task<IMetricsDatasource?> Handle(SelectDatasource request, CancellationToken cancellationToken) =>
        Task.FromResult<IMetricsDatasource?>(selector.Select(request.RequiredMetrics, request.Override) is { } chosen
            ? new MetricCache(chosen)
            : null);
}
