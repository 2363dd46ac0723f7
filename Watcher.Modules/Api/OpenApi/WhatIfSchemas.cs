using System.ComponentModel;

namespace Watcher.Modules.Api.OpenApi;

// The what-if document's shape (WhatIfView.Build), for the OpenAPI document only; see ResourceSchemas.

[Description("GET /what-if/action_plans/{plan} (ours, outside upstream's /v1 wire): a plan's projected effect on the cluster.")]
public sealed record ActionPlanWhatIf
{
    public required string ActionPlanUuid { get; init; }
    public required string State { get; init; }
    public required DateTimeOffset ComputedAt { get; init; }
    public required int Waves { get; init; }
    [Description("Hostnames that held servers before and hold none after.")]
    public required string[] Emptied { get; init; }
    [Description("Hostnames that held no server before and hold some after.")]
    public required string[] Filled { get; init; }
    public required WhatIfHost[] Hosts { get; init; }
    public required WhatIfAction[] Actions { get; init; }
    [Description("The plan under /v1 (rel action_plan) and its dashboard page (rel dashboard).")]
    public required Link[] Links { get; init; }
}

public sealed record WhatIfHost
{
    public required string Hostname { get; init; }
    public required string Uuid { get; init; }
    public required string? AvailabilityZone { get; init; }
    [Description("emptied, filled, relieved or unchanged.")]
    public required string Change { get; init; }
    public required WhatIfUsage Before { get; init; }
    public required WhatIfUsage After { get; init; }
    [Description("The most the host holds while the plan runs (no instances, status or state).")]
    public required WhatIfUsage Peak { get; init; }
    public required bool OverCapacityAtPeak { get; init; }
}

[Description("Flavor claims against capacity after reserved resources and allocation ratios; percentages rounded to 0.1.")]
public sealed record WhatIfUsage
{
    public int? Instances { get; init; }
    public required double VcpusUsed { get; init; }
    public required double VcpusCapacity { get; init; }
    public required double VcpusPercent { get; init; }
    public required double MemoryMbUsed { get; init; }
    public required double MemoryMbCapacity { get; init; }
    public required double MemoryPercent { get; init; }
    public required double DiskGbUsed { get; init; }
    public required double DiskGbCapacity { get; init; }
    public required double DiskPercent { get; init; }
    [Description("The nova-compute service's status (before and after only).")]
    public string? Status { get; init; }
    [Description("The nova-compute service's state (before and after only).")]
    public string? State { get; init; }
}

public sealed record WhatIfAction
{
    public required string Uuid { get; init; }
    public required string ActionType { get; init; }
    public required int Wave { get; init; }
    [Description("applied, no_usage_change, would_skip, would_fail, unknown or not_modelled.")]
    public required string Outcome { get; init; }
    public required string? Note { get; init; }
}
