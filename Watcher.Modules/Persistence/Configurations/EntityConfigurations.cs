using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Watcher.Modules.Persistence.Entities;

namespace Watcher.Modules.Persistence.Configurations;

// One configuration per entity; table and column names follow upstream's schema (reference §3.2), columns in
// snake_case through the naming convention the providers set.

internal static class Common
{
    /// <summary>
    /// Indexes for the list pages of the tables that grow (audits, plans, actions): each filter or sort column
    /// followed by the id tiebreak, so "ORDER BY column, id LIMIT n" and the keyset condition after a marker
    /// read the index in order on both providers; deleted_at on its own for soft-delete scans.
    /// </summary>
    public static void ListIndexes<T>(EntityTypeBuilder<T> b, params string[] columns) where T : Entity
    {
        foreach (var column in columns) b.HasIndex(column, nameof(Entity.Id));
        b.HasIndex(e => e.DeletedAt);
    }

    public static void Map<T>(EntityTypeBuilder<T> b, string table) where T : Entity
    {
        b.ToTable(table);
        b.HasKey(e => e.Id);
        b.HasQueryFilter(e => e.DeletedAt == null);
    }

    public static void MapUuid<T>(EntityTypeBuilder<T> b, string table) where T : UuidEntity
    {
        Map(b, table);
        b.Property(e => e.Uuid).HasMaxLength(36).IsRequired();
        b.HasIndex(e => e.Uuid).IsUnique();
    }
}

internal sealed class GoalConfiguration : IEntityTypeConfiguration<Goal>
{
    public void Configure(EntityTypeBuilder<Goal> b)
    {
        Common.MapUuid(b, "goals");
        b.Property(e => e.Name).HasMaxLength(63).IsRequired();
        b.Property(e => e.DisplayName).HasMaxLength(63).IsRequired();
        b.Property(e => e.EfficacySpecification).IsJson();
        b.HasIndex(e => new { e.Name, e.Deleted }).IsUnique();
    }
}

internal sealed class StrategyConfiguration : IEntityTypeConfiguration<Strategy>
{
    public void Configure(EntityTypeBuilder<Strategy> b)
    {
        Common.MapUuid(b, "strategies");
        b.Property(e => e.Name).HasMaxLength(63).IsRequired();
        b.Property(e => e.DisplayName).HasMaxLength(63).IsRequired();
        b.Property(e => e.ParametersSpec).IsJson();
        b.HasOne(e => e.Goal).WithMany().HasForeignKey(e => e.GoalId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.Name, e.Deleted }).IsUnique();
    }
}

internal sealed class ScoringEngineConfiguration : IEntityTypeConfiguration<ScoringEngine>
{
    public void Configure(EntityTypeBuilder<ScoringEngine> b)
    {
        Common.MapUuid(b, "scoring_engines");
        b.Property(e => e.Name).HasMaxLength(63).IsRequired();
        b.Property(e => e.Description).HasMaxLength(255);
        b.HasIndex(e => new { e.Name, e.Deleted }).IsUnique();
    }
}

internal sealed class ServiceConfiguration : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> b)
    {
        Common.Map(b, "services");
        b.Property(e => e.Name).HasMaxLength(255).IsRequired();
        b.Property(e => e.Host).HasMaxLength(255).IsRequired();
        b.HasIndex(e => new { e.Host, e.Name, e.Deleted }).IsUnique();
    }
}

internal sealed class ActionDescriptionConfiguration : IEntityTypeConfiguration<ActionDescription>
{
    public void Configure(EntityTypeBuilder<ActionDescription> b)
    {
        Common.Map(b, "action_descriptions");
        b.Property(e => e.ActionType).HasMaxLength(255).IsRequired();
        b.Property(e => e.Description).HasMaxLength(255).IsRequired();
        b.HasIndex(e => e.ActionType).IsUnique();
    }
}

internal sealed class AuditTemplateConfiguration : IEntityTypeConfiguration<AuditTemplate>
{
    public void Configure(EntityTypeBuilder<AuditTemplate> b)
    {
        Common.MapUuid(b, "audit_templates");
        b.Property(e => e.Name).HasMaxLength(63).IsRequired();
        b.Property(e => e.Description).HasMaxLength(255);
        b.Property(e => e.Scope).IsJson();
        b.Property(e => e.DefaultParameters).IsJson();
        b.HasOne(e => e.Goal).WithMany().HasForeignKey(e => e.GoalId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Strategy).WithMany().HasForeignKey(e => e.StrategyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.Name, e.Deleted }).IsUnique();
        Common.ListIndexes(b, nameof(AuditTemplate.GoalId), nameof(AuditTemplate.StrategyId), nameof(Entity.CreatedAt));
    }
}

internal sealed class AuditConfiguration : IEntityTypeConfiguration<Audit>
{
    public void Configure(EntityTypeBuilder<Audit> b)
    {
        Common.MapUuid(b, "audits");
        b.Property(e => e.Name).HasMaxLength(63).IsRequired();
        b.Property(e => e.AuditType).HasMaxLength(20).IsRequired();
        b.Property(e => e.State).HasMaxLength(20).IsRequired();
        b.Property(e => e.Parameters).IsJson();
        b.Property(e => e.Interval).HasMaxLength(36);
        b.Property(e => e.Scope).IsJson();
        b.Property(e => e.Hostname).HasMaxLength(255);
        b.Property(e => e.ClaimedBy).HasMaxLength(32);
        b.Property(e => e.StatusMessage).HasMaxLength(255);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasIndex(e => new { e.AuditType, e.State });
        b.HasOne(e => e.Goal).WithMany().HasForeignKey(e => e.GoalId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Strategy).WithMany().HasForeignKey(e => e.StrategyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.Name, e.Deleted }).IsUnique();
        Common.ListIndexes(b, nameof(Audit.GoalId), nameof(Audit.StrategyId), nameof(Audit.State), nameof(Audit.AuditType),
            nameof(Entity.CreatedAt), nameof(Entity.UpdatedAt));
    }
}

internal sealed class ActionPlanConfiguration : IEntityTypeConfiguration<ActionPlan>
{
    public void Configure(EntityTypeBuilder<ActionPlan> b)
    {
        Common.MapUuid(b, "action_plans");
        b.Property(e => e.State).HasMaxLength(20).IsRequired();
        b.Property(e => e.GlobalEfficacy).IsJson();
        b.Property(e => e.Hostname).HasMaxLength(255);
        b.Property(e => e.ClaimedBy).HasMaxLength(32);
        b.Property(e => e.StatusMessage).HasMaxLength(255);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasIndex(e => e.State);
        b.HasOne(e => e.Audit).WithMany().HasForeignKey(e => e.AuditId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Strategy).WithMany().HasForeignKey(e => e.StrategyId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Actions).WithOne(a => a.ActionPlan).HasForeignKey(a => a.ActionPlanId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.EfficacyIndicators).WithOne().HasForeignKey(i => i.ActionPlanId).OnDelete(DeleteBehavior.Restrict);
        Common.ListIndexes(b, nameof(ActionPlan.AuditId), nameof(ActionPlan.StrategyId), nameof(ActionPlan.State),
            nameof(Entity.CreatedAt), nameof(Entity.UpdatedAt));
    }
}

internal sealed class ActionConfiguration : IEntityTypeConfiguration<WatcherAction>
{
    public void Configure(EntityTypeBuilder<WatcherAction> b)
    {
        Common.MapUuid(b, "actions");
        b.Property(e => e.ActionType).HasMaxLength(255).IsRequired();
        b.Property(e => e.InputParameters).IsJson();
        b.Property(e => e.State).HasMaxLength(20).IsRequired();
        b.Property(e => e.Parents).IsJson();
        b.Property(e => e.StatusMessage).HasMaxLength(255);
        Common.ListIndexes(b, nameof(WatcherAction.ActionPlanId), nameof(WatcherAction.State), nameof(WatcherAction.ActionType),
            nameof(Entity.CreatedAt), nameof(Entity.UpdatedAt));
    }
}

internal sealed class EfficacyIndicatorConfiguration : IEntityTypeConfiguration<EfficacyIndicator>
{
    public void Configure(EntityTypeBuilder<EfficacyIndicator> b)
    {
        Common.MapUuid(b, "efficacy_indicators");
        b.Property(e => e.Name).HasMaxLength(63).IsRequired();
        b.Property(e => e.Description).HasMaxLength(255);
        b.Property(e => e.Unit).HasMaxLength(63);
        b.Property(e => e.Value).HasColumnName("data");
    }
}

internal sealed class WatcherProcessConfiguration : IEntityTypeConfiguration<WatcherProcess>
{
    public void Configure(EntityTypeBuilder<WatcherProcess> b)
    {
        b.ToTable("processes");
        b.HasKey(e => e.InstanceId);
        b.Property(e => e.InstanceId).HasMaxLength(32);
        b.Property(e => e.Host).HasMaxLength(255).IsRequired();
    }
}
