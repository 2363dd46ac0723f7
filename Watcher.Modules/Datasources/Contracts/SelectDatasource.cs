using MediatR;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Datasources.Contracts;

/// <summary>
/// Picks the datasource a strategy reads its metrics from (reference §11.2): the first datasource, in the
/// configured order (or in <paramref name="Override"/>, a strategy's own list), that supports every metric in
/// <paramref name="RequiredMetrics"/>. Null when no metric is required. Throws
/// <see cref="DatasourceUnavailableException"/> (<c>Metric: &lt;m&gt; not available</c> /
/// <c>No datasources available</c>), which fails the audit.
/// </summary>
public sealed record SelectDatasource(IReadOnlyList<string> RequiredMetrics, IReadOnlyList<string>? Override = null)
    : IRequest<IMetricsDatasource?>;

/// <summary>Upstream's MetricNotAvailable / NoDatasourceAvailable.</summary>
public sealed class DatasourceUnavailableException(string message) : WatcherException(500, message);
