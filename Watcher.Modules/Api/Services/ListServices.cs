using System.Text.Json.Nodes;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Api.Services;

public sealed record ListServices(ListQuery Query) : IRequest<JsonObject>;

public sealed class ListServicesHandler(WatcherDbContext db, TimeProvider time, IOptions<ApiOptions> options)
    : IRequestHandler<ListServices, JsonObject>
{
    public async Task<JsonObject> Handle(ListServices request, CancellationToken ct)
    {
        var q = request.Query;
        var now = time.GetUtcNow().UtcDateTime;
        var downTime = TimeSpan.FromSeconds(options.Value.ServiceDownTime);
        var page = await Paging.Page(q, ServiceView.Listed(db.Services.Visible(q.Context).AsNoTracking()), ServiceView.Sort(now, downTime), s => s,
            m => new NotFoundException($"The service {m} cannot be found."), ct);
        return Paging.Respond(q, page, s => s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            s => ServiceView.Build(s, q.Context, q.Detail, now, downTime));
    }
}
