using MediatR;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence;

namespace Watcher.Modules.Api.ActionPlans;

/// <summary>DELETE: finished or not-started plans only; actions and efficacy indicators are soft-deleted with it.</summary>
public sealed record DeleteActionPlan(ApiContext Context, string Ident) : IRequest<Unit>;

public sealed class DeleteActionPlanHandler(WatcherDbContext db) : IRequestHandler<DeleteActionPlan, Unit>
{
    public async Task<Unit> Handle(DeleteActionPlan request, CancellationToken ct)
    {
        var plan = await db.GetActionPlan(request.Context with { ShowDeleted = false }, request.Ident, ct, withActions: true);
        plan.Delete(db.UtcNow);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
