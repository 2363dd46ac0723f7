using System.Text.Json.Nodes;

namespace Watcher.Modules.Persistence.Entities;

/// <summary>A goal row, synced from code at start-up (reference §3.4).</summary>
public sealed class Goal : UuidEntity
{
    public string Name { get; set; } = "";
    public string DisplayName { get; set; } = "";
    /// <summary>List of {name, description, unit, schema}.</summary>
    public JsonArray EfficacySpecification { get; set; } = new();
}

/// <summary>A strategy row, synced from code at start-up.</summary>
public sealed class Strategy : UuidEntity
{
    public string Name { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public int GoalId { get; set; }
    public Goal Goal { get; set; } = null!;
    public JsonObject ParametersSpec { get; set; } = new();
}

/// <summary>A scoring engine row, synced from code.</summary>
public sealed class ScoringEngine : UuidEntity
{
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string Metainfo { get; set; } = "";
}

/// <summary>An in-process module shown as an upstream service (watcher-api, watcher-decision-engine, watcher-applier).</summary>
public sealed class Service : Entity
{
    public string Name { get; set; } = "";
    public string Host { get; set; } = "";
    public DateTime? LastSeenUp { get; set; }
}

/// <summary>Human text per action type, synced by the applier at start-up.</summary>
public sealed class ActionDescription : Entity
{
    public string ActionType { get; set; } = "";
    public string Description { get; set; } = "";
}

/// <summary>Reusable audit settings: goal, optional strategy, scope, default parameters.</summary>
public sealed class AuditTemplate : UuidEntity
{
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public int GoalId { get; set; }
    public Goal Goal { get; set; } = null!;
    public int? StrategyId { get; set; }
    public Strategy? Strategy { get; set; }
    public JsonArray Scope { get; set; } = new();
    public JsonObject? DefaultParameters { get; set; }
}
