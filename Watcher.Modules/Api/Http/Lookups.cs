using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Api.Http;

/// <summary>
/// "ident" lookups (reference §2.1): integer-looking → id, UUID-looking → uuid, anything else → name.
/// Soft-deleted rows are visible only with X-Show-Deleted.
/// </summary>
public static class Lookups
{
    public static IQueryable<T> Visible<T>(this IQueryable<T> set, ApiContext context) where T : class =>
        context.ShowDeleted ? set.IgnoreQueryFilters() : set;

    public static async Task<T?> FindByIdent<T>(this IQueryable<T> query, string ident,
        Func<string, Expression<Func<T, bool>>> byName, CancellationToken ct) where T : UuidEntity
    {
        if (Wire.IsInt(ident))
        {
            var id = int.Parse(ident);
            return await query.FirstOrDefaultAsync(e => e.Id == id, ct);
        }
        if (Wire.IsUuid(ident))
        {
            var uuid = Wire.NormalizeUuid(ident);
            return await query.FirstOrDefaultAsync(e => e.Uuid == uuid, ct);
        }
        return await query.FirstOrDefaultAsync(byName(ident), ct);
    }

    public static async Task<Goal?> FindGoal(this WatcherDbContext db, string ident, CancellationToken ct) =>
        await db.Goals.FindByIdent(ident, n => g => g.Name == n, ct);

    public static async Task<Strategy?> FindStrategy(this WatcherDbContext db, string ident, CancellationToken ct) =>
        await db.Strategies.Include(s => s.Goal).FindByIdent(ident, n => s => s.Name == n, ct);

    public static async Task<Goal> GetGoal(this WatcherDbContext db, ApiContext context, string ident, CancellationToken ct) =>
        await db.Goals.Visible(context).FindByIdent(ident, n => g => g.Name == n, ct)
        ?? throw new NotFoundException($"Goal {ident} could not be found");

    public static async Task<Strategy> GetStrategy(this WatcherDbContext db, ApiContext context, string ident, CancellationToken ct) =>
        await db.Strategies.Visible(context).Include(s => s.Goal).FindByIdent(ident, n => s => s.Name == n, ct)
        ?? throw new NotFoundException($"Strategy {ident} could not be found");

    public static IQueryable<AuditTemplate> AuditTemplatesWithLinks(this WatcherDbContext db, ApiContext context) =>
        db.AuditTemplates.Visible(context).Include(t => t.Goal).Include(t => t.Strategy);

    public static async Task<AuditTemplate> GetAuditTemplate(this WatcherDbContext db, ApiContext context, string ident, CancellationToken ct) =>
        await db.AuditTemplatesWithLinks(context).FindByIdent(ident, n => t => t.Name == n, ct)
        ?? throw new NotFoundException($"AuditTemplate {ident} could not be found");

    public static IQueryable<Audit> AuditsWithLinks(this WatcherDbContext db, ApiContext context) =>
        db.Audits.Visible(context).Include(a => a.Goal).Include(a => a.Strategy);

    /// <param name="readOnly">For a GET: the rows are not tracked (cheaper), so changes to them are not saved.</param>
    public static async Task<Audit> GetAudit(this WatcherDbContext db, ApiContext context, string ident, CancellationToken ct,
        bool readOnly = false) =>
        await db.AuditsWithLinks(context).Tracked(!readOnly).FindByIdent(ident, n => a => a.Name == n, ct)
        ?? throw new NotFoundException($"Audit {ident} could not be found");

    private static IQueryable<T> Tracked<T>(this IQueryable<T> query, bool tracked) where T : class =>
        tracked ? query : query.AsNoTracking();

    /// <summary>
    /// Action plans, each with its audit and strategy even when those were deleted: upstream keeps the plans of a
    /// deleted audit visible and manageable (an ONGOING one must stay cancellable). Only the plans' own soft delete
    /// hides them; the indicators' is applied by the view.
    /// </summary>
    public static IQueryable<ActionPlan> ActionPlanRows(this WatcherDbContext db, ApiContext context) =>
        db.ActionPlans.IgnoreQueryFilters().Where(p => context.ShowDeleted || p.DeletedAt == null);

    public static IQueryable<ActionPlan> ActionPlansWithLinks(this WatcherDbContext db, ApiContext context) =>
        db.ActionPlanRows(context).Include(p => p.Audit).Include(p => p.Strategy).Include(p => p.EfficacyIndicators);

    /// <summary>Action plans are addressed by UUID only.</summary>
    public static async Task<ActionPlan> GetActionPlan(this WatcherDbContext db, ApiContext context, string ident, CancellationToken ct,
        bool withActions = false, bool readOnly = false)
    {
        var uuid = Wire.RequireUuid(ident);
        var query = db.ActionPlansWithLinks(context).Tracked(!readOnly);
        if (withActions) query = query.Include(p => p.Actions.Where(a => a.DeletedAt == null));
        return await query.FirstOrDefaultAsync(p => p.Uuid == uuid, ct)
            ?? throw new NotFoundException($"ActionPlan {ident} could not be found");
    }

    public static async Task<WatcherAction> GetAction(this WatcherDbContext db, ApiContext context, string ident, CancellationToken ct)
    {
        var uuid = Wire.RequireUuid(ident);
        return await db.Actions.Visible(context).Include(a => a.ActionPlan).FirstOrDefaultAsync(a => a.Uuid == uuid, ct)
            ?? throw new NotFoundException($"Action {ident} could not be found");
    }
}
