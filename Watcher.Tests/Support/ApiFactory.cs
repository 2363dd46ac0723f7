using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using MediatR;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Watcher.Modules.Applier.Contracts;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Persistence;

namespace Watcher.Tests.Support;

/// <summary>
/// The real app over a fresh database (a SQLite file, or a database on the test PostgreSQL server), with a settable clock, a recorder of the notifications the API
/// publishes (TriggerAudit, LaunchActionPlan) and a fixed compute model answering GetComputeModel.
/// </summary>
public class ApiFactory(DatabaseProvider provider = DatabaseProvider.Sqlite) : WebApplicationFactory<Program>
{
    // PostgreSQL databases are cloned from a migrated template (fast); the SQLite file starts empty and the app migrates it.
    private readonly TempDatabase _database = new(provider, migrated: provider == DatabaseProvider.PostgreSql);

    public SettableTime Time { get; } = new(new DateTimeOffset(2026, 8, 21, 10, 0, 0, TimeSpan.Zero));
    public ConcurrentQueue<INotification> Published { get; } = new();
    public ComputeModel Model { get; set; } = new();
    /// <summary>Every query the app ran (the list tests read the SQL of a page).</summary>
    public SqlCapture Sql { get; } = new();

    private readonly List<(string Key, string Value)> _settings = [];
    private readonly List<Action<IServiceCollection>> _services = [];

    /// <summary>A configuration value for the app (set before the first request starts it).</summary>
    public ApiFactory With(string key, string value)
    {
        _settings.Add((key, value));
        return this;
    }

    /// <summary>Replaces or adds services after the app's own registrations (set before the app starts).</summary>
    public ApiFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.UseSetting(DatabaseSettings.ProviderKey, _database.Settings.ProviderName);
        builder.UseSetting($"ConnectionStrings:{DatabaseSettings.ConnectionStringName}", _database.Connection);
        // The HTTP surface only: no job server runs (nothing recovers the plans and audits tests seed).
        builder.UseSetting("Watcher:Jobs:ProcessJobs", "false");
        // Nothing here moves the simulated cloud: it needs no state file.
        builder.UseSetting("Watcher:Simulator:StateFile", "none");
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton(this);
            services.AddSingleton<IInterceptor>(Sql);
            // The API's casts are recorded instead of run: these tests are about the HTTP surface, the
            // decision engine and applier have their own (and the lifecycle test runs them together).
            services.RemoveAll<INotificationHandler<TriggerAudit>>();
            services.RemoveAll<INotificationHandler<LaunchActionPlan>>();
            services.AddTransient<INotificationHandler<TriggerAudit>, Recorder>();
            services.AddTransient<INotificationHandler<LaunchActionPlan>, Recorder>();
            services.AddTransient<IRequestHandler<GetComputeModel, ComputeModel>, FixedModel>();
            foreach (var configure in _services) configure(services);
        });
    }

    public HttpClient Client(string? version = null)
    {
        var client = this.DocumentedClient();   // every response is checked against the OpenAPI document
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (version is not null) client.DefaultRequestHeaders.Add("OpenStack-API-Version", $"infra-optim {version}");
        return client;
    }

    public void Seed(Action<WatcherDbContext> seed)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WatcherDbContext>();
        seed(db);
        db.SaveChanges();
    }

    public T Read<T>(Func<WatcherDbContext, T> read)
    {
        using var scope = Services.CreateScope();
        return read(scope.ServiceProvider.GetRequiredService<WatcherDbContext>());
    }

    /// <summary>
    /// The catalog as the running service has it: goals and strategies synced from code at start-up
    /// (dummy, server_consolidation, cluster_maintaining; dummy, vm_workload_consolidation, host_maintenance).
    /// </summary>
    public ApiFactory WithCatalog()
    {
        _ = Services;   // starting the host runs the sync
        return this;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _database.Dispose();
    }

    private sealed class Recorder(ApiFactory factory) : INotificationHandler<TriggerAudit>, INotificationHandler<LaunchActionPlan>
    {
        public Task Handle(TriggerAudit notification, CancellationToken ct) { factory.Published.Enqueue(notification); return Task.CompletedTask; }
        public Task Handle(LaunchActionPlan notification, CancellationToken ct) { factory.Published.Enqueue(notification); return Task.CompletedTask; }
    }

    private sealed class FixedModel(ApiFactory factory) : IRequestHandler<GetComputeModel, ComputeModel>
    {
        public Task<ComputeModel> Handle(GetComputeModel request, CancellationToken ct) => Task.FromResult(factory.Model.Clone());
    }
}

public sealed class SettableTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}
