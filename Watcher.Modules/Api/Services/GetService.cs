using System.Text.Json.Nodes;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Api.Services;

/// <summary>Services are addressed by numeric id or by name.</summary>
public sealed record GetService(ApiContext Context, string Ident) : IRequest<JsonObject>;

public sealed class GetServiceHandler(WatcherDbContext db, TimeProvider time, IOptions<ApiOptions> options)
    : IRequestHandler<GetService, JsonObject>
{
    public async Task<JsonObject> Handle(GetService request, CancellationToken ct)
    {
        var rows = ServiceView.Listed(db.Services.Visible(request.Context));
        var id = Wire.IsInt(request.Ident) ? int.Parse(request.Ident) : (int?)null;
        var service = id is not null
            ? await rows.FirstOrDefaultAsync(s => s.Id == id, ct)
            : await rows.FirstOrDefaultAsync(s => s.Name == request.Ident, ct);
        if (service is null) throw new NotFoundException($"The service {request.Ident} cannot be found.");
        return ServiceView.Build(service, request.Context, true, time.GetUtcNow().UtcDateTime,
            TimeSpan.FromSeconds(options.Value.ServiceDownTime));
    }
}
