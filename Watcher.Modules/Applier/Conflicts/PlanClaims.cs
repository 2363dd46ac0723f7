using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Services;

namespace Watcher.Modules.Applier.Conflicts;

/// <summary>What a request to execute a plan came to.</summary>
public enum ExecutionOutcome
{
    /// <summary>This call executed the plan to its end.</summary>
    Ran,
    /// <summary>Nothing to do: the plan is missing, not PENDING, claimed by another execution, or was refused.</summary>
    NotRunnable,
    /// <summary>A running plan acts on the same resources: the plan stays PENDING and is tried again later.</summary>
    Waiting,
}

internal sealed record Claim(ExecutionOutcome Outcome, string? StrategyName = null);

/// <summary>
/// Claims a PENDING plan for this process (PENDING → ONGOING), once no running plan acts on its resources. The
/// check and the claim are one transaction that only one process at a time may hold — SQLite's write lock (BEGIN
/// IMMEDIATE), an advisory lock on PostgreSQL — so two conflicting plans can never both start, and the claim is a
/// conditional update (the plan's version), so two executions of one plan can never both run it.
/// </summary>
internal sealed partial class PlanClaims(
    IServiceScopeFactory scopes, PlanConflicts conflicts, ProcessIdentity me, IOptions<ApplierOptions> options, ILogger<PlanClaims> log)
{
    // Arbitrary, fixed: the PostgreSQL advisory lock every Watcher process takes around a claim.
    private const long AdvisoryLockKey = 0x5761746368; // "Watch"
    private readonly SemaphoreSlim _inProcess = new(1, 1);

    public async Task<Claim> ClaimAsync(string planUuid, CancellationToken ct)
    {
        await _inProcess.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WatcherDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true)
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct);
            var claim = await ClaimInTransactionAsync(db, planUuid, ct);
            await transaction.CommitAsync(ct);
            return claim;
        }
        catch (DbUpdateConcurrencyException)
        {
            LogNotRunnable(planUuid, "(claimed or changed concurrently)");
            return new Claim(ExecutionOutcome.NotRunnable);
        }
        finally
        {
            _inProcess.Release();
        }
    }

    private async Task<Claim> ClaimInTransactionAsync(WatcherDbContext db, string planUuid, CancellationToken ct)
    {
        var plan = await db.ActionPlans.Include(p => p.Actions).Include(p => p.Strategy).FirstOrDefaultAsync(p => p.Uuid == planUuid, ct);
        if (plan is null)
        {
            LogNotRunnable(planUuid, "(missing)");
            return new Claim(ExecutionOutcome.NotRunnable);
        }
        if (plan.State == ActionPlanStates.Cancelled)
        {
            if (plan.Actions.Any(a => a.State == ActionStates.Pending))
            {
                foreach (var action in plan.Actions.Where(a => a.State == ActionStates.Pending)) action.Cancel();
                await db.SaveChangesAsync(ct);
            }
            return new Claim(ExecutionOutcome.NotRunnable);
        }
        // Only a started plan runs: RECOMMENDED waits for an operator (auto-trigger writes PENDING itself).
        if (plan.State != ActionPlanStates.Pending)
        {
            LogNotRunnable(planUuid, plan.State);
            return new Claim(ExecutionOutcome.NotRunnable);
        }
        if (await conflicts.FindAsync(db, plan, ct) is { } conflict)
        {
            if (options.Value.RefusesConflictingPlans)
            {
                plan.Cancel($"Action plan was cancelled: {conflict.RefusalMessage}");
                await db.SaveChangesAsync(ct);
                LogRefused(planUuid, conflict.OtherPlanUuid, conflict.Shared);
                return new Claim(ExecutionOutcome.NotRunnable);
            }
            if (plan.StatusMessage != conflict.WaitingMessage)
            {
                plan.StatusMessage = conflict.WaitingMessage;
                await db.SaveChangesAsync(ct);
                LogWaiting(planUuid, conflict.OtherPlanUuid, conflict.Shared);
            }
            return new Claim(ExecutionOutcome.Waiting);
        }
        if (plan.StatusMessage?.StartsWith("Waiting for action plan ", StringComparison.Ordinal) == true) plan.StatusMessage = null;
        plan.BeginExecution(me.Host, me.InstanceId);
        await db.SaveChangesAsync(ct);
        return new Claim(ExecutionOutcome.Ran, plan.Strategy?.Name);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Action plan {PlanUuid} not executed: its state is {State}")]
    private partial void LogNotRunnable(string planUuid, string state);

    [LoggerMessage(Level = LogLevel.Information, Message = "Action plan {PlanUuid} waits for action plan {OtherPlanUuid}, which acts on {Resources}")]
    private partial void LogWaiting(string planUuid, string otherPlanUuid, string resources);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Action plan {PlanUuid} refused: action plan {OtherPlanUuid} acts on {Resources}")]
    private partial void LogRefused(string planUuid, string otherPlanUuid, string resources);
}
