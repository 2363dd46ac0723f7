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
        Func<string, Expression<Func<T, bool>>> byName, CancellationToken ct) where T : UuidEntity =>
        await query.FirstOrDefaultAsync(ByIdent(ident, byName), ct);

    /// <summary>
    /// The same lookup, read as the representation's row (<paramref name="row"/>) in SQL: only the columns the view
    /// shows are read, nothing is tracked — what a GET needs, at a fraction of loading the entity with its links.
    /// </summary>
    public static async Task<TRow?> FindRowByIdent<T, TRow>(this IQueryable<T> query, string ident,
        Func<string, Expression<Func<T, bool>>> byName, Expression<Func<T, TRow>> row, CancellationToken ct)
        where T : UuidEntity where TRow : class =>
        await query.Where(ByIdent(ident, byName)).Select(row).FirstOrDefaultAsync(ct);

    private static Expression<Func<T, bool>> ByIdent<T>(string ident, Func<string, Expression<Func<T, bool>>> byName)
        where T : UuidEntity
    {
        if (Wire.IsInt(ident))
        {
            var id = int.Parse(ident);
            return e => e.Id == id;
        }
        if (Wire.IsUuid(ident))
        {
            var uuid = Wire.NormalizeUuid(ident);
            return e => e.Uuid == uuid;
        }
        return byName(ident);
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

    public static async Task<Audit> GetAudit(this WatcherDbContext db, ApiContext context, string ident, CancellationToken ct) =>
        await db.AuditsWithLinks(context).FindByIdent(ident, n => a => a.Name == n, ct)
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

    /// <summary>Action plans are addressed by UUID only. <paramref name="readOnly"/>: for a GET, nothing tracked (cheaper).</summary>
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
