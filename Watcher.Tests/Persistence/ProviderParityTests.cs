using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Errors;
using Watcher.Tests.Support;

namespace Watcher.Tests.Persistence;

/// <summary>What SQLite did implicitly behaves the same on PostgreSQL (ADR 22).</summary>
public abstract class ProviderParityTests(DatabaseProvider provider) : IDisposable
{
    private readonly TempDatabase _database = new(provider);

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Times_AreUtc_ToTheMicrosecond_WhateverKindTheyWereWrittenWith()
    {
        var created = new DateTime(2026, 5, 1, 10, 0, 0, DateTimeKind.Utc).AddTicks(1_234_567);   // .1234567 s
        var local = new DateTime(2026, 5, 2, 12, 0, 0, DateTimeKind.Utc).ToLocalTime();
        await using (var db = _database.Open())
        {
            db.Goals.Add(new Goal { Name = "g", DisplayName = "G", CreatedAt = created, UpdatedAt = local });
            await db.SaveChangesAsync();
        }
        await using var read = _database.Open();
        var goal = await read.Goals.SingleAsync();
        Assert.Equal(DateTimeKind.Utc, goal.CreatedAt.Kind);
        Assert.Equal(created.AddTicks(-7), goal.CreatedAt);
        Assert.Equal(new DateTime(2026, 5, 2, 12, 0, 0, DateTimeKind.Utc), goal.UpdatedAt);
        Assert.Equal(DateTimeKind.Utc, goal.UpdatedAt!.Value.Kind);
        // Comparisons in SQL see the same values (parameters are cut to the microsecond as well).
        var stored = created.AddTicks(-7);
        Assert.Equal(1, await read.Goals.CountAsync(g => g.CreatedAt == stored));
        Assert.Equal(1, await read.Goals.CountAsync(g => g.CreatedAt > stored.AddTicks(-10) && g.CreatedAt < stored.AddTicks(10)));
        Assert.Equal(0, await read.Goals.CountAsync(g => g.CreatedAt > stored));
    }

    [Fact]
    public async Task JsonColumns_KeepTheTextAsWritten()
    {
        // Stored as text on both providers (jsonb would reorder the keys of what the API shows).
        var parameters = JsonNode.Parse("""{"zeta": 1, "alpha": {"b": [1, 2.5, "x"], "a": null}}""")!.AsObject();
        await using (var db = _database.Open())
        {
            var goal = new Goal { Name = "g", DisplayName = "G" };
            db.Audits.Add(new Audit { Name = "a", Goal = goal, Parameters = parameters });
            await db.SaveChangesAsync();
        }
        await using var read = _database.Open();
        Assert.Equal(parameters.ToJsonString(), (await read.Audits.SingleAsync()).Parameters.ToJsonString());
    }

    [Fact]
    public async Task OverlongText_IsAClear400_NotAServerError()
    {
        await using var db = _database.Open();
        db.Goals.Add(new Goal { Name = new string('n', 64), DisplayName = "G" });
        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => db.SaveChangesAsync());
        Assert.Equal("name is 64 characters long; at most 63 are allowed", error.Message);
    }

    [Fact]
    public async Task StatusMessages_AreCutToTheirColumn()
    {
        await using (var db = _database.Open())
        {
            var goal = new Goal { Name = "g", DisplayName = "G" };
            db.Audits.Add(new Audit { Name = "a", Goal = goal, StatusMessage = new string('m', 300) });
            await db.SaveChangesAsync();
        }
        await using var read = _database.Open();
        Assert.Equal(255, (await read.Audits.SingleAsync()).StatusMessage!.Length);
    }

    [Fact]
    public async Task NamesCompare_CaseSensitively_AndSortByCodePoint()
    {
        await using (var db = _database.Open())
        {
            foreach (var name in new[] { "nop", "Nop", "_x", "B", "a" })
                db.Goals.Add(new Goal { Name = name, DisplayName = name });
            await db.SaveChangesAsync();
        }
        await using var read = _database.Open();
        Assert.Equal("nop", (await read.Goals.SingleAsync(g => g.Name == "nop")).Name);
        Assert.Equal(["B", "Nop", "_x", "a", "nop"], await read.Goals.OrderBy(g => g.Name).Select(g => g.Name).ToListAsync());
    }

    [Fact]
    public async Task SoftDeletedRows_AreHidden_UnlessFiltersAreIgnored()
    {
        await using (var db = _database.Open())
        {
            var goal = new Goal { Name = "g", DisplayName = "G" };
            db.Goals.Add(goal);
            await db.SaveChangesAsync();
            goal.SoftDelete(db.UtcNow);
            await db.SaveChangesAsync();
        }
        await using var read = _database.Open();
        Assert.Equal(0, await read.Goals.CountAsync());
        var deleted = await read.Goals.IgnoreQueryFilters().SingleAsync();
        Assert.Equal(deleted.Id, deleted.Deleted);
    }
}

public sealed class ProviderParityTestsOnSqlite() : ProviderParityTests(DatabaseProvider.Sqlite);

public sealed class ProviderParityTestsOnPostgreSql() : ProviderParityTests(DatabaseProvider.PostgreSql);
