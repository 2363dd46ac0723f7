using MediatR;
using Watcher.Modules.Datasources.Contracts;

namespace Watcher.Modules.Datasources;

public sealed class SelectDatasourceHandler(DatasourceSelector selector) : IRequestHandler<SelectDatasource, IMetricsDatasource?>
{
    public Task<IMetricsDatasource?> Handle(SelectDatasource request, CancellationToken cancellationToken) =>
        Task.FromResult(selector.Select(request.RequiredMetrics, request.Override));
}
