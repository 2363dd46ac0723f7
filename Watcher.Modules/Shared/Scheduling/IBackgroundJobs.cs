using System.Linq.Expressions;
using Hangfire;
using Hangfire.States;

namespace Watcher.Modules.Shared.Scheduling;

/// <summary>
/// What modules need from the job system: run a job on a named queue now, at a time, or on a cron. Behind it
/// is Hangfire; tests swap in a recorder and fire the jobs themselves with a controlled clock. A job is a
/// public async method of a class the container can build; its arguments are stored (keep them small:
/// uuids and times), and every job must be safe to run twice (the database decides what is still to do).
/// </summary>
public interface IBackgroundJobs
{
    void Enqueue<TJob>(string queue, Expression<Func<TJob, Task>> job);

    /// <summary>Runs the job at <paramref name="atUtc"/> read on the injected clock (at once when it is past).</summary>
    void Schedule<TJob>(string queue, Expression<Func<TJob, Task>> job, DateTime atUtc);

    /// <summary>Registers (or updates) a recurring job shared by every process on the same job storage.</summary>
    void Recurring<TJob>(string id, string queue, Expression<Func<TJob, Task>> job, string cron);

    void RemoveRecurring(string id);
}

internal sealed class HangfireBackgroundJobs(IBackgroundJobClient client, IRecurringJobManager recurring, TimeProvider time)
    : IBackgroundJobs
{
    public void Enqueue<TJob>(string queue, Expression<Func<TJob, Task>> job) => client.Enqueue(queue, job);

    // Hangfire keeps its own (real) clock: the delay is computed on ours so a test clock stays consistent.
    public void Schedule<TJob>(string queue, Expression<Func<TJob, Task>> job, DateTime atUtc)
    {
        var delay = atUtc - time.GetUtcNow().UtcDateTime;
        if (delay <= TimeSpan.Zero) client.Enqueue(queue, job);
        else client.Schedule(queue, job, delay);
    }

    public void Recurring<TJob>(string id, string queue, Expression<Func<TJob, Task>> job, string cron) =>
        recurring.AddOrUpdate(id, queue, job, cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });

    public void RemoveRecurring(string id) => recurring.RemoveIfExists(id);
}
