namespace Watcher.Modules.Shared.Operations;

/// <summary>
/// How many jobs wait in the queues a job system feeds (the watcher_job_queue_length metric). Every registered
/// implementation is asked; Hangfire's (<see cref="Scheduling.HangfireQueueLengths"/>) reads all its named queues.
/// </summary>
public interface IJobQueueLengths
{
    IEnumerable<JobQueueLength> Measure();
}

/// <summary>Jobs waiting (not yet running) in one named queue.</summary>
public sealed record JobQueueLength(string Queue, long Waiting);
