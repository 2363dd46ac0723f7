using Microsoft.EntityFrameworkCore;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Tests.Support;

namespace Watcher.Tests.Api;

/// <summary>
/// Lists page in the database (shared decision 5, ADR 24): walking every page through the `next` links gives exactly the
/// global order (key, id) — NULL first ascending, last descending, text by code point — on both providers, and a
/// page is one SQL query with a LIMIT.
/// </summary>
public abstract partial class ListPagingTests(DatabaseProvider provider) : IDisposable
{
    private readonly ApiFactory _app = new ApiFactory(provider).WithCatalog();
    private readonly DateTime _t0 = new(2026, 8, 1, 9, 0, 0, DateTimeKind.Utc);

    public void Dispose() => _app.Dispose();

    /// <summary>Two plans of two audits (one without a strategy), 23 actions with mixed-case types, some never updated, some deleted.</summary>
    private void Seed()
    {
        _app.Seed(db =>
        {
            var dummy = db.Strategies.Single(s => s.Name == "dummy");
            var host = db.Strategies.Single(s => s.Name == "host_maintenance");
            var withStrategy = new Audit { Name = "Zeta", GoalId = dummy.GoalId, Strategy = dummy, AutoTrigger = true };
            var withoutStrategy = new Audit { Name = "alpha", GoalId = host.GoalId };
            var other = new Audit { Name = "_beta", GoalId = host.GoalId, Strategy = host };
            db.Audits.AddRange(withStrategy, withoutStrategy, other);
            var plans = new[]
            {
                new ActionPlan { Audit = withStrategy, Strategy = dummy },
                new ActionPlan { Audit = other, Strategy = host },
            };
            string[] types = ["nop", "Nop", "sleep", "_migrate", "nop", "B", "a"];
            for (var i = 0; i < 23; i++)
            {
                var action = new WatcherAction
                {
                    ActionType = types[i % types.Length],
                    CreatedAt = _t0.AddSeconds(i % 5).AddTicks(i % 3 * 10),   // ties and microseconds
                    UpdatedAt = i % 4 == 0 ? null : _t0.AddMinutes(i % 3),
                };
                if (i % 3 == 0) action.Begin();
                if (i == 7 || i == 8) action.Delete(_t0.AddHours(i));
                plans[i % 2].Actions.Add(action);
            }
            db.ActionPlans.AddRange(plans);
        });
    }

    public static TheoryData<string, string> ActionKeys => new()
    {
        { "id", "asc" }, { "id", "desc" }, { "uuid", "asc" }, { "state", "desc" }, { "action_type", "asc" },
        { "action_type", "desc" }, { "created_at", "asc" }, { "created_at", "desc" }, { "updated_at", "asc" },
        { "updated_at", "desc" }, { "action_plan_uuid", "asc" }, { "action_plan_id", "desc" },
    };

    [Theory]
    [MemberData(nameof(ActionKeys))]
    public async Task Actions_EveryPageInTurn_GivesTheGlobalOrder(string key, string dir)
    {
        Seed();
        var rows = _app.Read(db => db.Actions.Select(a => new
        {
            a.Id, a.Uuid, a.State, a.ActionType, a.CreatedAt, a.UpdatedAt, a.ActionPlanId, PlanUuid = a.ActionPlan.Uuid,
        }).ToList());
        Func<dynamic, object?> value = key switch
        {
            "id" => r => r.Id, "uuid" => r => r.Uuid, "state" => r => r.State, "action_type" => r => r.ActionType,
            "created_at" => r => r.CreatedAt, "updated_at" => r => r.UpdatedAt, "action_plan_uuid" => r => r.PlanUuid,
            _ => r => r.ActionPlanId,
        };
        var expected = Expected(rows.Cast<dynamic>(), value, r => (int)r.Id, dir).Select(r => (string)r.Uuid);
        Assert.Equal(21, rows.Count);
        Assert.Equal(expected, await Walk($"/v1/actions?sort_key={key}&sort_dir={dir}&limit=4", "actions"));
    }

    [Fact]
    public async Task Actions_WithDeleted_SortByDeletedAt_NullsFirst()
    {
        Seed();
        var all = await Walk("/v1/actions/detail?sort_key=deleted_at&limit=5", "actions", showDeleted: true);
        Assert.Equal(23, all.Count);
        var deleted = _app.Read(db => db.Actions.IgnoreFilters().Where(a => a.DeletedAt != null)
            .OrderBy(a => a.DeletedAt).Select(a => a.Uuid).ToList());
        Assert.Equal(deleted, all.TakeLast(2));
    }

    [Theory]
    [InlineData("name", "asc")]
    [InlineData("strategy_name", "asc")]
    [InlineData("strategy_name", "desc")]
    [InlineData("goal_name", "desc")]
    [InlineData("auto_trigger", "desc")]
    public async Task Audits_SortOnJoinedAndNullableFields_IsGlobal(string key, string dir)
    {
        Seed();
        var rows = _app.Read(db => db.Audits.Select(a => new
        {
            a.Id, a.Uuid, a.Name, a.AutoTrigger, GoalName = a.Goal.Name, StrategyName = a.Strategy != null ? a.Strategy.Name : null,
        }).ToList());
        Func<dynamic, object?> value = key switch
        {
            "name" => r => r.Name, "strategy_name" => r => r.StrategyName, "goal_name" => r => r.GoalName, _ => r => r.AutoTrigger,
        };
        var expected = Expected(rows.Cast<dynamic>(), value, r => (int)r.Id, dir).Select(r => (string)r.Uuid);
        Assert.Equal(expected, await Walk($"/v1/audits?sort_key={key}&sort_dir={dir}&limit=1", "audits"));
    }

    [Fact]
    public async Task Services_SortByComputedStatus_InSql()
    {
        var now = _app.Time.Now.UtcDateTime;
        _app.Seed(db =>
        {
            for (var i = 0; i < 6; i++)
                db.Services.Add(new Service { Name = $"svc-{i}", Host = "h", LastSeenUp = now.AddSeconds(i % 2 == 0 ? -10 : -500) });
        });
        var list = await Walk("/v1/services?sort_key=status&sort_dir=desc&limit=2", "services", field: "status");
        var failed = list.TakeWhile(s => s == "FAILED").Count();
        Assert.Equal(3, failed);
        Assert.All(list.Skip(failed), s => Assert.Equal("ACTIVE", s));
    }

    [Fact]
    public async Task APage_IsOneQueryWithALimit_AndTheMarkerIsLookedUpOnce()
    {
        Seed();
        _app.Sql.Clear();
        var first = await _app.Client().GetAsync("/v1/actions/detail?limit=5&sort_key=action_plan_uuid").ExpectJson();
        var onActions = _app.Sql.Commands.Where(c => ActionsTable().IsMatch(c)).ToList();
        var page = Assert.Single(onActions);
        Assert.Matches(LimitClause(), page);
        Assert.Matches(JoinClause(), page);   // the computed sort key is a join, not a second query per row

        _app.Sql.Clear();
        await _app.Client().GetAsync(new Uri(first["next"]!.GetValue<string>()).PathAndQuery).ExpectJson();
        onActions = _app.Sql.Commands.Where(c => ActionsTable().IsMatch(c)).ToList();
        Assert.Equal(2, onActions.Count);     // the marker row, then the page after it
        Assert.All(onActions, c => Assert.Matches(LimitClause(), c));
    }

    public static TheoryData<string, bool> EveryList()
    {
        var lists = new TheoryData<string, bool>();
        foreach (var collection in new[] { "goals", "strategies", "scoring_engines", "services", "audit_templates", "audits", "action_plans", "actions" })
        {
            lists.Add(collection, false);
            lists.Add(collection, true);
        }
        return lists;
    }

    /// <summary>Issue 5: all eight collections, short and /detail, page in SQL (each table is named as its collection).</summary>
    [Theory]
    [MemberData(nameof(EveryList))]
    public async Task EveryList_ShortAndDetail_IsOneQueryOnItsTable_WithALimit(string collection, bool detail)
    {
        Seed();
        _app.Seed(db =>
        {
            db.Services.Add(new Service { Name = "watcher-applier", Host = "host-a", LastSeenUp = _t0 });
            db.ScoringEngines.Add(new ScoringEngine { Name = "engine", Description = "a scoring engine" });
            db.AuditTemplates.Add(new AuditTemplate { Name = "template", GoalId = db.Goals.First().Id });
        });
        _app.Sql.Clear();

        var page = await _app.Client().GetAsync($"/v1/{collection}{(detail ? "/detail" : "")}?limit=1").ExpectJson();

        Assert.Single(page[collection]!.AsArray());
        var table = new Regex($@"FROM ""?{collection}""? AS");
        var query = Assert.Single(_app.Sql.Commands, c => table.IsMatch(c));
        Assert.Matches(LimitClause(), query);
    }

    [Fact]
    public async Task AMarkerOutsideTheFilteredList_Is404()
    {
        Seed();
        var plans = _app.Read(db => db.ActionPlans.OrderBy(p => p.Id).Select(p => p.Uuid).ToList());
        var other = _app.Read(db => db.Actions.Where(a => a.ActionPlan.Uuid == plans[1]).Select(a => a.Uuid).First());
        await _app.Client().GetAsync($"/v1/actions?action_plan_uuid={plans[0]}&marker={other}").ExpectError(404);
        await _app.Client().GetAsync($"/v1/actions?action_plan_uuid={plans[1]}&marker={other.ToUpperInvariant()}").ExpectStatus(200);
    }

    [Fact]
    public async Task PlansOfADeletedAudit_StayListed_WithTheirAuditUuid()
    {
        Seed();
        _app.Seed(db =>
        {
            var strategy = db.Strategies.Single(s => s.Name == "dummy");
            for (var i = 0; i < 3; i++)
                db.ActionPlans.Add(new ActionPlan { Audit = new Audit { Name = $"more-{i}", GoalId = strategy.GoalId }, Strategy = strategy });
        });
        // The first plan's audit is deleted: upstream keeps its plans visible and manageable.
        _app.Seed(db => db.Audits.Single(a => a.Name == "Zeta").SoftDelete(DateTime.UtcNow));
        var expected = _app.Read(db => db.ActionPlans.IgnoreQueryFilters().OrderBy(p => p.Id).Select(p => p.Uuid).ToList());
        Assert.Equal(5, expected.Count);
        Assert.Equal(expected, await Walk("/v1/action_plans?limit=2", "action_plans"));
        var zeta = _app.Read(db => db.Audits.IgnoreQueryFilters().Single(a => a.Name == "Zeta").Uuid);
        var plans = await _app.Client().GetAsync($"/v1/action_plans?audit_uuid={zeta}").ExpectJson();
        Assert.Equal(zeta, (string)plans["action_plans"]![0]!["audit_uuid"]!);
        var plan = (string)plans["action_plans"]![0]!["uuid"]!;
        await _app.Client().GetAsync($"/v1/action_plans/{plan}").ExpectStatus(200);
        Assert.Equal(expected.Count, (await Walk("/v1/action_plans/detail?limit=3", "action_plans")).Count);
    }

    /// <summary>Follows `next` from <paramref name="url"/> to the end; returns <paramref name="field"/> of every item.</summary>
    private async Task<List<string>> Walk(string url, string collection, bool showDeleted = false, string field = "uuid")
    {
        var client = _app.Client();
        if (showDeleted) client.DefaultRequestHeaders.Add("X-Show-Deleted", "true");
        var seen = new List<string>();
        for (var next = url; next is not null;)
        {
            var page = await client.GetAsync(next).ExpectJson();
            seen.AddRange(page[collection]!.AsArray().Select(i => i![field]!.ToString()));
            next = page["next"] is { } link ? new Uri(link.GetValue<string>()).PathAndQuery : null;
            Assert.True(seen.Count < 500, "paging does not end");
        }
        return seen;
    }

    /// <summary>The order the API promises: (NULL rank, key, id), text ordinal; descending reverses it.</summary>
    private static IEnumerable<T> Expected<T>(IEnumerable<T> rows, Func<T, object?> key, Func<T, int> id, string dir)
    {
        var ordered = rows.Order(Comparer<T>.Create((a, b) =>
        {
            var (x, y) = (key(a), key(b));
            int byKey;
            if (x is null || y is null) byKey = (x is null ? 0 : 1) - (y is null ? 0 : 1);
            else if (x is string sx) byKey = string.CompareOrdinal(sx, (string)y);
            else byKey = ((IComparable)x).CompareTo(y);
            return byKey != 0 ? byKey : id(a).CompareTo(id(b));
        }));
        return dir == "desc" ? ordered.Reverse() : ordered;
    }

    [GeneratedRegex(@"FROM ""?actions""? AS")]
    private static partial Regex ActionsTable();

    [GeneratedRegex(@"\bLIMIT\b")]
    private static partial Regex LimitClause();

    [GeneratedRegex(@"\bJOIN\b")]
    private static partial Regex JoinClause();
}

public sealed class ListPagingTestsOnSqlite() : ListPagingTests(DatabaseProvider.Sqlite);

public sealed class ListPagingTestsOnPostgreSql() : ListPagingTests(DatabaseProvider.PostgreSql);
