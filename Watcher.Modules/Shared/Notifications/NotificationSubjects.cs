using Microsoft.EntityFrameworkCore;
using Watcher.Modules.Persistence.Entities;

namespace Watcher.Modules.Shared.Notifications;

/// <summary>
/// The rows a batch of notifications refers to (goals, strategies, audits, plans), read once per save — deleted
/// rows included, as upstream reads them with show_deleted. Rows being saved are taken as they are in memory.
/// </summary>
internal sealed class NotificationSubjects
{
    private readonly Dictionary<int, Goal> _goals = new();
    private readonly Dictionary<int, Strategy> _strategies = new();
    private readonly Dictionary<int, Audit> _audits = new();
    private readonly Dictionary<int, ActionPlan> _plans = new();
    private readonly Dictionary<int, VersionedPayload> _tersePlans = new();

    public Goal? Goal(int id) => _goals.GetValueOrDefault(id);
    public Strategy? Strategy(int? id) => id is { } i ? _strategies.GetValueOrDefault(i) : null;
    public Audit? Audit(int id) => _audits.GetValueOrDefault(id);
    public ActionPlan? Plan(int id) => _plans.GetValueOrDefault(id);

    /// <summary>One terse plan payload per plan (a plan of thousands of actions builds it once).</summary>
    public VersionedPayload TersePlan(ActionPlan plan, Audit audit)
    {
        if (!_tersePlans.TryGetValue(plan.Id, out var terse))
            _tersePlans[plan.Id] = terse = Payloads.TerseActionPlan(plan, audit.Uuid, Strategy(audit.StrategyId)?.Uuid);
        return terse;
    }

    public static async Task<NotificationSubjects> LoadAsync(DbContext db, IEnumerable<Entity> saved, CancellationToken ct)
    {
        var subjects = new NotificationSubjects();
        var savedList = saved.ToList();
        foreach (var plan in savedList.OfType<ActionPlan>()) subjects._plans[plan.Id] = plan;
        foreach (var audit in savedList.OfType<Audit>()) subjects._audits[audit.Id] = audit;

        var missingPlans = savedList.OfType<WatcherAction>().Select(a => a.ActionPlanId)
            .Where(id => !subjects._plans.ContainsKey(id)).Distinct().ToList();
        if (missingPlans.Count > 0)
            foreach (var plan in await db.Set<ActionPlan>().IgnoreQueryFilters().AsNoTracking()
                         .Where(p => missingPlans.Contains(p.Id)).ToListAsync(ct))
                subjects._plans[plan.Id] = plan;

        var missingAudits = subjects._plans.Values.Select(p => p.AuditId)
            .Where(id => !subjects._audits.ContainsKey(id)).Distinct().ToList();
        if (missingAudits.Count > 0)
            foreach (var audit in await db.Set<Audit>().IgnoreQueryFilters().AsNoTracking()
                         .Where(a => missingAudits.Contains(a.Id)).ToListAsync(ct))
                subjects._audits[audit.Id] = audit;

        var goalIds = subjects._audits.Values.Select(a => a.GoalId).Distinct().ToList();
        foreach (var goal in await db.Set<Goal>().IgnoreQueryFilters().AsNoTracking()
                     .Where(g => goalIds.Contains(g.Id)).ToListAsync(ct))
            subjects._goals[goal.Id] = goal;

        var strategyIds = subjects._audits.Values.Select(a => a.StrategyId).OfType<int>()
            .Concat(subjects._plans.Values.Select(p => p.StrategyId)).Distinct().ToList();
        foreach (var strategy in await db.Set<Strategy>().IgnoreQueryFilters().AsNoTracking()
                     .Where(s => strategyIds.Contains(s.Id)).ToListAsync(ct))
            subjects._strategies[strategy.Id] = strategy;
        return subjects;
    }
}
