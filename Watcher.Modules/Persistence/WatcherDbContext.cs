using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Watcher.Modules.Persistence.Entities;

namespace Watcher.Modules.Persistence;

/// <summary>
/// The one database of Watcher. Soft-deleted rows are hidden by query filters; use IgnoreQueryFilters() for
/// X-Show-Deleted reads. Timestamps are stamped here, from the injected TimeProvider.
/// Abstract: each provider has its own derived context (<see cref="Providers.SqliteWatcherDbContext"/>,
/// <see cref="Providers.PostgreSqlWatcherDbContext"/>) so each has its own migrations (ADR 22). Code
/// everywhere asks for this type; <see cref="PersistenceModule"/> registers the configured one.
/// Contexts are pooled (one options object, a single-argument constructor): nothing request-specific may live in
/// a field here, and the clock comes from the application's services.
/// </summary>
public abstract class WatcherDbContext(DbContextOptions options) : DbContext(options)
{
    private TimeProvider? _time;

    /// <summary>The application's TimeProvider (tests set their own), or the system clock outside dependency injection.</summary>
    public TimeProvider Time
    {
        get => _time ??= ApplicationServices()?.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System;
        internal set => _time = value;
    }

    private IServiceProvider? ApplicationServices() =>
        this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider;

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

    /// <summary>Now, to the microsecond: what the database keeps, so a time written and read back compares equal.</summary>
    public DateTime UtcNow => Configurations.UtcTimes.ToStored(Time.GetUtcNow().UtcDateTime);

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(WatcherDbContext).Assembly,
            t => t.Namespace == typeof(Configurations.JsonColumns).Namespace);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<Configurations.UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<Configurations.NullableUtcDateTimeConverter>();
    }

    // The parameterless overloads call these two, so every save is stamped and checked.
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BeforeSave();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BeforeSave();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    private void BeforeSave()
    {
        Stamp();
        Configurations.UtcTimes.AsStored(ChangeTracker);
        // SQLite ignores declared lengths, PostgreSQL enforces them: check here so both answer the same.
        Configurations.ColumnLengths.Check(ChangeTracker);
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
