using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Persistence;
using Watcher.Tests.Support;

namespace Watcher.Tests.Integration;

/// <summary>
/// Measured crash 2 of issue 5: a process dying between writing an audit's plan and marking the audit
/// SUCCEEDED used to leave a startable plan under a CANCELLED audit. The plan and the audit's state now
/// commit together; the crash is simulated by failing the audit's UPDATE inside that transaction. On each provider:
/// both processes (app factories, one after the other) use one database.
/// </summary>
public abstract class CrashSafetyTests(DatabaseProvider provider) : IDisposable
{
    private readonly TempDatabase _database = new(provider);

    public void Dispose() => _database.Dispose();

    private WatcherAppFactory Factory(DbCommandInterceptor? interceptor = null)
    {
        var factory = new WatcherAppFactory("lifecycle_consolidation.json", new Dictionary<string, string?>
        {
            [DatabaseSettings.ProviderKey] = _database.Settings.ProviderName,
            [$"ConnectionStrings:{DatabaseSettings.ConnectionStringName}"] = _database.Connection,
        }, provider);
        return interceptor is null ? factory : factory.WithServices(s => s.ConfigureDbContext<WatcherDbContext>(o => o.AddInterceptors(interceptor)));
    }

    [Fact]
    public async Task AProcessDyingBeforeTheAuditIsMarked_LeavesNoPlan_AndTheNextProcessCancelsTheAudit()
    {
        var crash = new CrashOnAuditUpdateAfterPlanInsert();
        string audit;
        using (var first = Factory(crash))
        {
            var client = first.Operator();
            audit = await client.CreateAuditAsync("""{"audit_type": "ONESHOT", "goal": "dummy", "strategy": "dummy"}""");
            await Watcher.Tests.Applier.ApplierHarness.WaitUntilAsync(() => Task.FromResult(crash.Crashed), "the simulated crash");
            // The run died with the plan insert rolled back; the audit is left ONGOING, claimed by this process.
            await Task.Delay(200);
            Assert.Equal("ONGOING", (string?)(await client.GetAsync($"/v1/audits/{audit}").ExpectJson())["state"]);
            Assert.Empty(await client.PlansOfAsync(audit));
        }

        using var second = Factory();
        var operator2 = second.Operator();
        var cancelled = await operator2.PollStateAsync($"/v1/audits/{audit}", "CANCELLED");
        Assert.Matches("^Audit was cancelled because decision engine .+ was stopped while the audit was ongoing\\.$", (string?)cancelled["status_message"]);
        Assert.Empty(await operator2.PlansOfAsync(audit));
    }

    /// <summary>
    /// Fails (as a process killed at that instant would) the first audit UPDATE that follows an action-plan
    /// INSERT: the two are in one transaction, so nothing of either may remain.
    /// </summary>
    private sealed class CrashOnAuditUpdateAfterPlanInsert : DbCommandInterceptor
    {
        private int _planInserted;
        public volatile bool Crashed;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken ct = default)
        {
            Check(command);
            return base.ReaderExecutingAsync(command, eventData, result, ct);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
        {
            Check(command);
            return base.NonQueryExecutingAsync(command, eventData, result, ct);
        }

        private void Check(DbCommand command)
        {
            if (Crashed) return;
            // SQLite quotes every identifier; PostgreSQL only those that need it.
            var sql = command.CommandText.Replace("\"", "", StringComparison.Ordinal);
            if (sql.Contains("INSERT INTO action_plans", StringComparison.Ordinal)) Interlocked.Exchange(ref _planInserted, 1);
            else if (_planInserted == 1 && sql.Contains("UPDATE audits", StringComparison.Ordinal))
            {
                Crashed = true;
                // Not an error the run handles: it leaves like a killed process, recording nothing.
                throw new OperationCanceledException("simulated crash");
            }
        }
    }
}

public sealed class CrashSafetyTestsOnSqlite() : CrashSafetyTests(DatabaseProvider.Sqlite);

public sealed class CrashSafetyTestsOnPostgreSql() : CrashSafetyTests(DatabaseProvider.PostgreSql);
