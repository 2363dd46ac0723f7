using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Watcher.Modules.Applier.Actions;

namespace Watcher.Tests.Applier;

/// <summary>
/// nop and sleep on their own (reference §9.8): nop's four test flags make each phase misbehave, both can always be
/// aborted and reverted; sleep waits whole seconds on the injected clock. Their states inside a plan are in
/// WorkflowEngineTests (upstream's six-action expectations, §17.5).
/// </summary>
public sealed class NopAndSleepActionTests
{
    private readonly NopAction _nop = new(NullLogger<NopAction>.Instance);
    private readonly SleepAction _sleep = new();

    private static ActionContext Context(JsonObject parameters, TimeProvider? time = null, CancellationToken ct = default) =>
        new(Guid.NewGuid().ToString(), parameters, new FakeComputeCloud(), time ?? TimeProvider.System, ct);

    private static JsonObject Nop(string? flag = null)
    {
        var p = new JsonObject { ["message"] = "hello" };
        if (flag is not null) p[flag] = true;
        return p;
    }

    [Fact]
    public async Task Nop_PassesEveryPhase_AndCanBeAbortedAndReverted()
    {
        var context = Context(Nop());
        await _nop.PreConditionAsync(context);
        Assert.True(await _nop.ExecuteAsync(context));
        await _nop.PostConditionAsync(context);
        Assert.True(await _nop.AbortAsync(context));
        Assert.True(await _nop.RevertAsync(context));
    }

    [Fact]
    public async Task Nop_TestFlags_SkipOrFailThePreCondition_FailTheExecution_OrFailThePostCondition()
    {
        Assert.Equal("Skipped in pre_condition",
            (await Assert.ThrowsAsync<ActionSkippedException>(() => _nop.PreConditionAsync(Context(Nop("skip_pre_condition"))))).Message);
        Assert.Equal("Failed in pre_condition",
            (await Assert.ThrowsAsync<ActionFailedException>(() => _nop.PreConditionAsync(Context(Nop("fail_pre_condition"))))).Message);
        Assert.False(await _nop.ExecuteAsync(Context(Nop("fail_execute"))));
        Assert.Equal("Failed in post_condition",
            (await Assert.ThrowsAsync<ActionFailedException>(() => _nop.PostConditionAsync(Context(Nop("fail_post_condition"))))).Message);
    }

    [Fact]
    public async Task Sleep_WaitsTheWholeSecondsOfItsDuration_OnTheInjectedClock()
    {
        var clock = new FakeTimeProvider();
        var sleeping = _sleep.ExecuteAsync(Context(new JsonObject { ["duration"] = 2.9 }, clock));

        clock.Advance(TimeSpan.FromSeconds(1.9));
        Assert.False(sleeping.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(0.1));   // 2 s: upstream truncates 2.9 to 2
        Assert.True(await sleeping.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Sleep_InterruptedByACancellation_StopsWaiting_AndCanBeAbortedAndReverted()
    {
        using var cancel = new CancellationTokenSource();
        var context = Context(new JsonObject { ["duration"] = 3600 }, new FakeTimeProvider(), cancel.Token);
        var sleeping = _sleep.ExecuteAsync(context);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sleeping.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(await _sleep.AbortAsync(context));
        Assert.True(await _sleep.RevertAsync(context));
    }
}
