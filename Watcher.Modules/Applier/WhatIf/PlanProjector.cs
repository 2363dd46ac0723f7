using Watcher.Modules.Applier.Actions;
using Watcher.Modules.Applier.Contracts;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Persistence.Entities;

namespace Watcher.Modules.Applier.WhatIf;

/// <summary>An action of a stored plan as the projection needs it.</summary>
internal sealed record PlanStep(string Uuid, string ActionType, System.Text.Json.Nodes.JsonObject Parameters, IReadOnlyList<string> Parents, string State);

/// <summary>
/// Replays a plan on a compute model, wave by wave as the applier runs it, and measures every host before, after
/// and at its peak. The peak counts a server on both hosts while it migrates (the destination is claimed before
/// the source lets go), for every migration of a wave at once: the engine may run them side by side.
/// Pure: the caller hands in its own copy of the model, which ends as the "after" state.
/// </summary>
internal sealed class PlanProjector(Func<string, IModelEffect?> effectOf)
{
    public (int Waves, IReadOnlyList<HostProjection> Hosts, IReadOnlyList<ProjectedAction> Actions) Project(
        ComputeModel model, IReadOnlyList<PlanStep> steps)
    {
        var before = HostUsage.All(model);
        var peak = before.ToDictionary(h => h.Uuid, h => h.Used);
        var waves = PlanWaves.Of(steps.Select(s => (s.Uuid, s.Parents)).ToList());
        var outcomes = new Dictionary<string, ProjectedAction>();
        var lastWave = waves.Values.DefaultIfEmpty(0).Max();

        foreach (var step in steps.Where(s => waves[s.Uuid] == 0))
            outcomes[step.Uuid] = Outcome(step, 0, ModelEffect.WouldFail("Its parents form a cycle: the applier fails it"));
        for (var wave = 1; wave <= lastWave; wave++)
        {
            var placement = model.Instances.ToDictionary(i => i.Uuid, i => model.NodeOf(i));
            foreach (var step in steps.Where(s => waves[s.Uuid] == wave))
                outcomes[step.Uuid] = Outcome(step, wave, Apply(model, step));
            RaisePeaks(model, placement, peak);
        }

        var after = HostUsage.All(model).ToDictionary(h => h.Uuid);
        var hosts = before.Where(b => after.ContainsKey(b.Uuid)).Select(b =>
        {
            var a = after[b.Uuid];
            return new HostProjection(b, a, a with { Used = Max(peak[b.Uuid], a.Used) }, Classify(b, a));
        }).ToList();
        return (lastWave, hosts, steps.Select(s => outcomes[s.Uuid]).ToList());
    }

    private ModelEffect Apply(ComputeModel model, PlanStep step)
    {
        if (step.State == ActionStates.Skipped) return ModelEffect.WouldSkip("Skipped by user");
        if (step.State != ActionStates.Pending) return ModelEffect.WouldSkip($"The action is {step.State}");
        return effectOf(step.ActionType) is { } effect
            ? effect.Project(model, step.Parameters)
            : new ModelEffect(ProjectionOutcome.NotModelled, $"No what-if model for action type {step.ActionType}");
    }

    /// <summary>During a wave a migrating server holds its old host too: count it there on top of the new state.</summary>
    private static void RaisePeaks(ComputeModel model, Dictionary<string, ComputeNode?> placement, Dictionary<string, NodeResources> peak)
    {
        var held = new Dictionary<string, NodeResources>();
        foreach (var instance in model.Instances)
        {
            var old = placement.GetValueOrDefault(instance.Uuid);
            if (old is null || model.NodeOf(instance)?.Uuid == old.Uuid) continue;
            var sum = held.GetValueOrDefault(old.Uuid);
            held[old.Uuid] = new NodeResources(sum.Vcpus + instance.Vcpus, sum.Memory + instance.Memory, sum.Disk + instance.Disk);
        }
        foreach (var node in model.Nodes)
        {
            var used = model.UsedResources(node);
            var extra = held.GetValueOrDefault(node.Uuid);
            var during = new NodeResources(used.Vcpus + extra.Vcpus, used.Memory + extra.Memory, used.Disk + extra.Disk);
            peak[node.Uuid] = peak.TryGetValue(node.Uuid, out var p) ? Max(p, during) : during;
        }
    }

    private static NodeResources Max(NodeResources a, NodeResources b) =>
        new(Math.Max(a.Vcpus, b.Vcpus), Math.Max(a.Memory, b.Memory), Math.Max(a.Disk, b.Disk));

    private static string Classify(HostUsage before, HostUsage after)
    {
        if (before.Instances > 0 && after.Instances == 0) return HostChange.Emptied;
        const double epsilon = 1e-9;
        if (after.MaxPercent > before.MaxPercent + epsilon) return HostChange.Filled;
        if (after.MaxPercent < before.MaxPercent - epsilon) return HostChange.Relieved;
        return HostChange.Unchanged;
    }

    private static ProjectedAction Outcome(PlanStep step, int wave, ModelEffect effect) =>
        new(step.Uuid, step.ActionType, wave, effect.Outcome, effect.Note);
}
