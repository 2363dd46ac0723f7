using Microsoft.EntityFrameworkCore;
using Watcher.Modules.Persistence.Entities;

namespace Watcher.Modules.Persistence;

/// <summary>
/// The one database of Watcher (SQLite by default). Soft-deleted rows are hidden by query filters; use
/// IgnoreQueryFilters() for X-Show-Deleted reads. Timestamps are stamped here, from the injected TimeProvider.
/// </summary>
public sealed class WatcherDbContext(DbContextOptions<WatcherDbContext> options, TimeProvider? time = null) : DbContext(options)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public DbSet<Goal> Goals => Set<Goal>();
    public DbSet<Strategy> Strategies => Set<Strategy>();
    public DbSet<ScoringEngine> ScoringEngines => Set<ScoringEngine>();
    public DbSet<AuditTemplate> AuditTemplates => Set<AuditTemplate>();
    public DbSet<Audit> Audits => Set<Audit>();
    public DbSet<ActionPlan> ActionPlans => Set<ActionPlan>();
    public DbSet<WatcherAction> Actions => Set<WatcherAction>();
    public DbSet<EfficacyIndicator> EfficacyIndicators => Set<EfficacyIndicator>();
    public DbSet<Service> Services => Set<Service>();
    public DbSet<ActionDescription> ActionDescriptions => Set<ActionDescription>();
    public DbSet<WatcherProcess> Processes => Set<WatcherProcess>();

    public DateTime UtcNow => _time.GetUtcNow().UtcDateTime;

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(WatcherDbContext).Assembly,
            t => t.Namespace == typeof(Configurations.JsonColumns).Namespace);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<Configurations.UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<Configurations.NullableUtcDateTimeConverter>();
    }

    public override Task<int> SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        Stamp();
        return base.SaveChangesAsync(cancellationToken);
    }

    public override int SaveChanges()
    {
        Stamp();
        return base.SaveChanges();
    }

    private void Stamp()
    {
        var now = UtcNow;
        foreach (var entry in ChangeTracker.Entries<Entity>())
        {
            if (entry.State == EntityState.Added && entry.Entity.CreatedAt == default) entry.Entity.CreatedAt = now;
            else if (entry.State == EntityState.Modified) entry.Entity.UpdatedAt = now;
        }
    }
}
