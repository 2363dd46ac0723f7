using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Shared.Scheduling;

namespace Watcher.Tests.Support;

/// <summary>One job a module asked for: its queue, the call, when it is due (null: at once) and its recurring id.</summary>
public sealed record RecordedJob(string Queue, Type JobType, LambdaExpression Call, DateTime? DueUtc, string? RecurringId = null, string? Cron = null)
{
    /// <summary>The method called and its arguments, for assertions: "TickAsync(a1, 2026-03-01T12:20:00)".</summary>
    public string Describe()
    {
        var call = (MethodCallExpression)Call.Body;
        var args = call.Arguments.Where(a => a.Type != typeof(CancellationToken))
            .Select(a => Expression.Lambda(a).Compile().DynamicInvoke() switch
            {
                DateTime t => t.ToString("yyyy-MM-ddTHH:mm:ss.fff"),
                var v => v?.ToString(),
            });
        return $"{call.Method.Name}({string.Join(", ", args)})";
    }
}

/// <summary>
/// The job system as a list: modules enqueue and schedule into it, and the test fires what is due on its own
/// clock (each job in a fresh scope of the given container, as Hangfire's activator does).
/// </summary>
public sealed class RecordingJobs : IBackgroundJobs
{
    private readonly ConcurrentQueue<RecordedJob> _waiting = new();

    public List<RecordedJob> RecurringJobs { get; } = [];

    public IReadOnlyList<RecordedJob> Waiting => _waiting.ToList();

    public void Enqueue<TJob>(string queue, Expression<Func<TJob, Task>> job) =>
        _waiting.Enqueue(new RecordedJob(queue, typeof(TJob), job, null));

    public void Schedule<TJob>(string queue, Expression<Func<TJob, Task>> job, DateTime atUtc) =>
        _waiting.Enqueue(new RecordedJob(queue, typeof(TJob), job, atUtc));

    public void Recurring<TJob>(string id, string queue, Expression<Func<TJob, Task>> job, string cron)
    {
        RecurringJobs.RemoveAll(r => r.RecurringId == id);
        RecurringJobs.Add(new RecordedJob(queue, typeof(TJob), job, null, id, cron));
    }

    public void RemoveRecurring(string id) => RecurringJobs.RemoveAll(r => r.RecurringId == id);

    /// <summary>Takes every job due at <paramref name="nowUtc"/> off the list (in order) and runs it; returns what ran.</summary>
    public async Task<List<string>> RunDueAsync(IServiceProvider services, DateTime nowUtc)
    {
        var ran = new List<string>();
        var keep = new List<RecordedJob>();
        while (_waiting.TryDequeue(out var job))
        {
            if (job.DueUtc is { } due && due > nowUtc) { keep.Add(job); continue; }
            ran.Add(job.Describe());
            await RunAsync(services, job);
        }
        foreach (var job in keep) _waiting.Enqueue(job);
        return ran;
    }

    public static async Task RunAsync(IServiceProvider services, RecordedJob job)
    {
        await using var scope = services.CreateAsyncScope();
        var instance = ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, job.JobType);
        await (Task)job.Call.Compile().DynamicInvoke(instance)!;
    }

    public void Clear() => _waiting.Clear();
}
