using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Watcher.Modules.Applier;
using Watcher.Modules.Applier.Actions;
using Watcher.Modules.Applier.Workflow;
using Watcher.Modules.Cloud;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Scheduling;
using Watcher.Tests.Support;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Watcher.Tests.Applier;

/// <summary>One action of a plan to seed: a key the test uses, its type, parameters and parent keys.</summary>
internal sealed record PlannedStep(string Key, string Type, JsonObject Parameters, params string[] Parents);

internal sealed record SeededPlan(string Uuid, IReadOnlyDictionary<string, string> Actions)
{
    public string this[string key] => Actions[key];
}

/// <summary>
/// The applier wired as in the host, over a real temporary SQLite file (migrated), the in-test cloud and a
/// mediator that records notifications. Short intervals keep polls and cancellation checks quick.
/// </summary>
internal sealed class ApplierHarness : IAsyncDisposable
{
    public const string StrategyName = "dummy";
    public const string Host = "applier-test-host";
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"watcher-applier-{Guid.NewGuid():N}.db");

    public ApplierHarness(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? extra = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Watcher:Host"] = Host,
            ["Watcher:Nova:MigrationInterval"] = "0.001",
            ["Watcher:Applier:CancellationPollInterval"] = "0.02",
            ["Watcher:WorkflowEngine:MaxWorkers"] = "4",
            ["Watcher:ActionPolling:NodePowerInterval"] = "0.001",
            ["Watcher:ActionPolling:StopInterval"] = "0.001",
            ["Watcher:ActionPolling:VolumeInterval"] = "0.01",
        };
        foreach (var (k, v) in settings ?? []) values[k] = v;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => { if (Environment.GetEnvironmentVariable("APPLIER_TEST_LOG") == "1") b.AddConsole(); });
        services.AddSingleton(TimeProvider.System);
        services.AddWatcherDatabase(DatabaseSettings.Sqlite($"Data Source={_path}"));
        services.AddSingleton<IComputeCloud>(Cloud);
        services.AddSingleton<INodePower>(Cloud);
        services.AddSingleton<IBlockStorageCloud>(Storage);
        services.AddSingleton<IMediator>(Mediator);
        services.AddApplier(configuration);
        // No job servers: jobs are recorded and the test runs them (Jobs.RunDueAsync).
        services.RemoveAll<IHostedService>();
        services.RemoveAll<IBackgroundJobs>();
        services.AddSingleton<IBackgroundJobs>(Jobs);
        extra?.Invoke(services);
        Services = services.BuildServiceProvider();
        Services.MigrateDatabase();
    }

    public ServiceProvider Services { get; }
    public FakeComputeCloud Cloud { get; } = new();
    /// <summary>The embedded Cinder on Scenarios/sim_storage.json, moves taking 0.05 s.</summary>
    public Watcher.Modules.Cloud.Simulator.SimulatedBlockStorage Storage { get; } = new(
        Watcher.Modules.ClusterModel.Contracts.Scenario.Load(TestPaths.TestScenario("sim_storage.json")),
        new Watcher.Modules.Cloud.Simulator.Storage.StorageSimulatorOptions { VolumeMigrationSeconds = 0.05, VolumeRetypeSeconds = 0.05 },
        TimeProvider.System);
    /// <summary>A plan a test seeded while building the harness, kept with it.</summary>
    public SeededPlan? Plan { get; set; }
    public RecordingJobs Jobs { get; } = new();
    public RecordingMediator Mediator { get; } = new();

    internal WorkflowEngine Engine => Services.GetRequiredService<WorkflowEngine>();
    internal ActionPlanExecutor Executor => Services.GetRequiredService<ActionPlanExecutor>();

    /// <summary>Runs the jobs the applier queued (plan executions), as a job server would.</summary>
    public Task<List<string>> RunQueuedJobsAsync() => Jobs.RunDueAsync(Services, DateTime.MaxValue);

    public WatcherDbContext NewDb() => Services.CreateScope().ServiceProvider.GetRequiredService<WatcherDbContext>();

    public async Task<SeededPlan> SeedPlanAsync(IEnumerable<PlannedStep> steps, string planState = ActionPlanStates.Pending, string? hostname = null, string? claimedBy = null)
    {
        await using var db = NewDb();
        var goal = await db.Goals.FirstOrDefaultAsync() ?? new Goal { Name = "dummy", DisplayName = "Dummy goal" };
        var strategy = await db.Strategies.FirstOrDefaultAsync() ?? new Strategy { Name = StrategyName, DisplayName = "Dummy strategy", Goal = goal };
        var audit = new Audit { Name = $"audit-{Guid.NewGuid():N}", Goal = goal, Strategy = strategy };
        var plan = new ActionPlan { Audit = audit, Strategy = strategy, Hostname = hostname };
        if (planState != ActionPlanStates.Recommended) plan.Start();
        if (planState is ActionPlanStates.Ongoing) plan.BeginExecution(hostname ?? Host, claimedBy);
        var keys = new Dictionary<string, string>();
        foreach (var step in steps)
        {
            var action = new WatcherAction
            {
                ActionPlan = plan, ActionType = step.Type, InputParameters = step.Parameters,
                Parents = new JsonArray(step.Parents.Select(p => (JsonNode)JsonValue.Create(keys[p])!).ToArray()),
            };
            keys[step.Key] = action.Uuid;
            plan.Actions.Add(action);
        }
        db.ActionPlans.Add(plan);
        await db.SaveChangesAsync();
        return new SeededPlan(plan.Uuid, keys);
    }

    public async Task<ActionPlan> PlanAsync(string uuid)
    {
        await using var db = NewDb();
        return await db.ActionPlans.AsNoTracking().Include(p => p.Actions).FirstAsync(p => p.Uuid == uuid);
    }

    public async Task<WatcherAction> ActionAsync(string uuid)
    {
        await using var db = NewDb();
        return await db.Actions.AsNoTracking().FirstAsync(a => a.Uuid == uuid);
    }

    /// <summary>Waits for a condition the applier reaches asynchronously (an event, not a timing assertion).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Gave up waiting for {what}");
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
            if (File.Exists(file)) File.Delete(file);
    }
}

/// <summary>Records what the applier publishes (ClusterChanged) instead of dispatching it.</summary>
internal sealed class RecordingMediator : IMediator
{
    public ConcurrentQueue<object> Published { get; } = new();

    public Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"The applier sent an unexpected request {request.GetType().Name}");

    public Task Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default)
        where TNotification : INotification
    {
        Published.Enqueue(notification!);
        return Task.CompletedTask;
    }
}

/// <summary>Shared log of test actions: "start:label" / "end:label" in the order they happened.</summary>
internal sealed class ExecutionLog
{
    public ConcurrentQueue<string> Events { get; } = new();
    public int IndexOf(string e) => Events.ToList().IndexOf(e);
}

/// <summary>Test-only action type "record": logs its start and end, yielding in between so siblings interleave.</summary>
internal sealed class RecordAction(ExecutionLog log) : IAction
{
    public const string PluginName = "record";
    public string Name => PluginName;
    public string Description => "Records its execution";
    public JsonObject InputSchema => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject { ["label"] = new JsonObject { ["type"] = "string" }, ["fail"] = new JsonObject { ["type"] = "boolean" } },
    };
    public Task PreConditionAsync(ActionContext context) => Task.CompletedTask;
    public async Task<bool> ExecuteAsync(ActionContext context)
    {
        log.Events.Enqueue($"start:{context.GetString("label")}");
        await Task.Delay(5);
        log.Events.Enqueue($"end:{context.GetString("label")}");
        return context.GetBool("fail") == false;
    }
    public Task PostConditionAsync(ActionContext context) => Task.CompletedTask;
    public Task<bool> AbortAsync(ActionContext context) => Task.FromResult(true);
    public Task<bool> RevertAsync(ActionContext context)
    {
        log.Events.Enqueue($"revert:{context.GetString("label")}");
        return Task.FromResult(true);
    }
}

/// <summary>Test-only action type "gate": runs until the test opens the gate, ignoring cancellation (like a non-abortable call).</summary>
internal sealed class GateAction : IAction
{
    public const string PluginName = "gate";
    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public string Name => PluginName;
    public string Description => "Waits for the test";
    public JsonObject InputSchema => new() { ["type"] = "object" };
    public Task PreConditionAsync(ActionContext context) => Task.CompletedTask;
    public async Task<bool> ExecuteAsync(ActionContext context)
    {
        await Gate.Task;
        return true;
    }
    public Task PostConditionAsync(ActionContext context) => Task.CompletedTask;
    public Task<bool> AbortAsync(ActionContext context) => Task.FromResult(true);
    public Task<bool> RevertAsync(ActionContext context) => Task.FromResult(true);
}

/// <summary>What <see cref="TimedAction"/>s did, in fake-clock seconds: when each started and ended.</summary>
internal sealed class Timeline(TimeProvider clock)
{
    private readonly DateTimeOffset _zero = clock.GetUtcNow();
    private readonly object _gate = new();
    public Dictionary<string, double> Started { get; } = new();
    public Dictionary<string, double> Ended { get; } = new();

    public void Start(string label) { lock (_gate) Started[label] = Now; }
    public void End(string label) { lock (_gate) Ended[label] = Now; }
    public bool HasStarted(string label) { lock (_gate) return Started.ContainsKey(label); }
    public bool HasEnded(string label) { lock (_gate) return Ended.ContainsKey(label); }
    private double Now => (clock.GetUtcNow() - _zero).TotalSeconds;

    /// <summary>The most actions running at the same instant.</summary>
    public int MostAtOnce()
    {
        lock (_gate)
            return Started.Keys.Max(l => Started.Keys.Count(o => Started[o] <= Started[l] && (!Ended.TryGetValue(o, out var e) || e > Started[l])));
    }
}

/// <summary>
/// Test-only action type "timed": runs for "seconds" on the injected clock. Its start is recorded only once its wait
/// is registered with the clock, so a test that sees it started may advance the clock safely.
/// </summary>
internal sealed class TimedAction(Timeline timeline, TimeProvider clock) : IAction
{
    public const string PluginName = "timed";
    public string Name => PluginName;
    public string Description => "Runs for a while on the test clock";
    public JsonObject InputSchema => new() { ["type"] = "object" };
    public Task PreConditionAsync(ActionContext context) => Task.CompletedTask;
    public async Task<bool> ExecuteAsync(ActionContext context)
    {
        var label = context.GetString("label")!;
        var wait = Task.Delay(TimeSpan.FromSeconds(context.Parameters["seconds"]!.GetValue<double>()), clock, context.CancellationToken);
        timeline.Start(label);
        await wait;
        timeline.End(label);
        return true;
    }
    public Task PostConditionAsync(ActionContext context) => Task.CompletedTask;
    public Task<bool> AbortAsync(ActionContext context) => Task.FromResult(true);
    public Task<bool> RevertAsync(ActionContext context) => Task.FromResult(true);
}
