using System.Threading.Channels;
using MediatR;
using Watcher.Modules.Applier.Contracts;
using Watcher.Modules.Shared.Operations;

namespace Watcher.Modules.Applier;

/// <summary>Plans waiting for a worker: upstream's launch_action_plan cast becomes a write to this channel.</summary>
internal sealed class ActionPlanQueue : IJobQueueLengths
{
    private readonly Channel<string> _channel = Channel.CreateUnbounded<string>();

    public IEnumerable<JobQueueLength> Measure() => [new("action_plans", _channel.Reader.Count)];

    public ChannelReader<string> Reader => _channel.Reader;

    public void Enqueue(string actionPlanUuid) => _channel.Writer.TryWrite(actionPlanUuid);
}

/// <summary>Queues the plan and returns at once: execution never runs on the caller's (HTTP) thread.</summary>
internal sealed class LaunchActionPlanHandler(ActionPlanQueue queue) : INotificationHandler<LaunchActionPlan>
{
    public Task Handle(LaunchActionPlan notification, CancellationToken cancellationToken)
    {
        queue.Enqueue(notification.ActionPlanUuid);
        return Task.CompletedTask;
    }
}
