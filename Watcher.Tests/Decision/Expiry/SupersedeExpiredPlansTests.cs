using Watcher.Modules.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Watcher.Modules.Decision;
using Watcher.Modules.Decision.Expiry;
using Watcher.Modules.Persistence.Entities;
using Watcher.Tests.Support;

namespace Watcher.Tests.Decision.Expiry;

/// <summary>Action-plan expiry (the recurring job's work), on each database provider.</summary>
public abstract class SupersedeExpiredPlansTests(DatabaseProvider provider) : IDisposable
{
    private static readonly DateTime Now = new(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc);
    private readonly TempDatabase _database = new(provider);

    public void Dispose() => _database.Dispose();

    private async Task SeedAsync()
    {
        await using var db = _database.Open();
        var goal = new Goal { Name = "dummy", DisplayName = "Dummy goal" };
        var strategy = new Strategy { Name = "dummy", DisplayName = "Dummy strategy", Goal = goal };
        var audit = new Audit { Name = "a", Goal = goal };
        ActionPlan Plan(double hoursAgo) =>
            new() { Audit = audit, Strategy = strategy, CreatedAt = Now.AddHours(-hoursAgo) };
        var started = Plan(30);
        started.Start();
        db.ActionPlans.AddRange(Plan(25), Plan(1), started);
        await db.SaveChangesAsync();
    }

    private async Task<int> RunAsync(int expiryHours)
    {
        await using var db = _database.Open(new FixedTime(Now));
        var options = Options.Create(new DecisionEngineOptions { ActionPlanExpiry = expiryHours });
        return await new SupersedeExpiredPlansHandler(db, options).Handle(new SupersedeExpiredPlans(), CancellationToken.None);
    }

    [Fact]
    public async Task OnlyRecommendationsOlderThanTheExpiry_AreSuperseded()
    {
        await SeedAsync();
        Assert.Equal(1, await RunAsync(24));
        await using var db = _database.Open();
        Assert.Equal(["SUPERSEDED", "RECOMMENDED", "PENDING"], await db.ActionPlans.OrderBy(p => p.Id).Select(p => p.State).ToListAsync());
    }

    [Fact]
    public async Task ExpiryZero_KeepsEveryPlan()
    {
        await SeedAsync();
        Assert.Equal(0, await RunAsync(0));
    }

    private sealed class FixedTime(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now);
    }
}

public sealed class SupersedeExpiredPlansTestsOnSqlite() : SupersedeExpiredPlansTests(DatabaseProvider.Sqlite);

public sealed class SupersedeExpiredPlansTestsOnPostgreSql() : SupersedeExpiredPlansTests(DatabaseProvider.PostgreSql);
