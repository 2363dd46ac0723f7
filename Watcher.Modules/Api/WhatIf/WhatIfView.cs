using System.Text.Json.Nodes;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Applier.Contracts;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.Api.WhatIf;

/// <summary>The what-if document (documented in README "What-if"): snake_case, percentages rounded to 0.1.</summary>
public static class WhatIfView
{
    public static JsonObject Build(PlanProjection p, ApiContext context) => new()
    {
        ["action_plan_uuid"] = p.ActionPlanUuid,
        ["state"] = p.State,
        ["computed_at"] = Wire.Date(p.ComputedAt.UtcDateTime),
        ["waves"] = p.Waves,
        ["emptied"] = Names(p.Emptied),
        ["filled"] = Names(p.Filled),
        ["hosts"] = new JsonArray(p.Hosts.Select(h => (JsonNode)new JsonObject
        {
            ["hostname"] = h.Before.Hostname,
            ["uuid"] = h.Before.Uuid,
            ["availability_zone"] = h.Before.AvailabilityZone,
            ["change"] = h.Change,
            ["before"] = Usage(h.Before),
            ["after"] = Usage(h.After),
            ["peak"] = Usage(h.Peak, withService: false),
            ["over_capacity_at_peak"] = h.OverCapacityAtPeak,
        }).ToArray()),
        ["actions"] = new JsonArray(p.Actions.Select(a => (JsonNode)new JsonObject
        {
            ["uuid"] = a.Uuid, ["action_type"] = a.ActionType, ["wave"] = a.Wave, ["outcome"] = a.Outcome, ["note"] = a.Note,
        }).ToArray()),
        ["links"] = new JsonArray(
            new JsonObject { ["href"] = $"{context.HostUrl}/v1/action_plans/{p.ActionPlanUuid}", ["rel"] = "action_plan" },
            new JsonObject { ["href"] = $"{context.HostUrl}/ui/action_plans/{p.ActionPlanUuid}/what-if", ["rel"] = "dashboard" }),
    };

    private static JsonArray Names(IEnumerable<HostProjection> hosts) =>
        new(hosts.Select(h => (JsonNode)JsonValue.Create(h.Before.Hostname)).ToArray());

    private static JsonObject Usage(HostUsage u, bool withService = true)
    {
        var view = new JsonObject
        {
            ["instances"] = u.Instances,
            ["vcpus_used"] = u.Used.Vcpus, ["vcpus_capacity"] = u.Capacity.Vcpus, ["vcpus_percent"] = Round(u.VcpuPercent),
            ["memory_mb_used"] = u.Used.Memory, ["memory_mb_capacity"] = u.Capacity.Memory, ["memory_percent"] = Round(u.MemoryPercent),
            ["disk_gb_used"] = u.Used.Disk, ["disk_gb_capacity"] = u.Capacity.Disk, ["disk_percent"] = Round(u.DiskPercent),
        };
        if (withService)
        {
            view["status"] = u.Status;
            view["state"] = u.State;
        }
        else view.Remove("instances");   // a peak is per resource, not a moment with a server count
        return view;
    }

    private static double Round(double percent) => Math.Round(percent, 1);
}
