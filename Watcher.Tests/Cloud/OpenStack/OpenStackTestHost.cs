using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Watcher.Modules.Cloud;
using Watcher.Modules.Datasources;
using Watcher.Modules.Shared.Mediator;
using Watcher.Modules;
using Watcher.Tests.Shared;

namespace Watcher.Tests.Cloud.OpenStack;

/// <summary>
/// The cloud and datasource modules configured for OpenStack as the lab's watcher user, every HTTP client
/// answered by <paramref name="stub"/> (or the real network when null), retries quick.
/// </summary>
public static class OpenStackTestHost
{
    /// <summary>The recorded token was issued at this time (valid one hour).</summary>
    public static readonly DateTime TokenIssuedAt = new(2026, 11, 30, 16, 12, 1, DateTimeKind.Utc);

    public static readonly Dictionary<string, string?> LabSettings = new()
    {
        ["Watcher:Cloud:Backend"] = "openstack",
        ["Watcher:ClientsAuth:AuthUrl"] = "http://127.0.0.1:15000/v3",
        ["Watcher:ClientsAuth:Username"] = "watcher",
        ["Watcher:ClientsAuth:Password"] = "oslab-secret",
        ["Watcher:ClientsAuth:ProjectName"] = "service",
        ["Watcher:ClientsAuth:RegionName"] = "RegionOne",
        ["Watcher:ClientsAuth:HttpRetryInterval"] = "0.01",
        ["Watcher:Nova:HttpRetryInterval"] = "0.01",
        ["Watcher:Placement:HttpRetryInterval"] = "0.01",
        ["Watcher:Gnocchi:HttpRetryInterval"] = "0.01",
        ["Watcher:Prometheus:HttpRetryInterval"] = "0.01",
    };

    public static ServiceProvider Build(StubOpenStack? stub, TimeProvider? time = null, params (string Key, string? Value)[] settings) =>
        Build(stub, null, time, settings);

    /// <summary>As above, the stub answering only the named HTTP clients (e.g. "keystone"); the others use the network.</summary>
    public static ServiceProvider Build(StubOpenStack? stub, IReadOnlyCollection<string>? stubbedClients, TimeProvider? time,
        params (string Key, string? Value)[] settings) => Build(stub, stubbedClients, time, null, settings);

    /// <summary>As above, with more modules (e.g. the cluster model) added by <paramref name="more"/>.</summary>
    public static ServiceProvider Build(StubOpenStack? stub, IReadOnlyCollection<string>? stubbedClients, TimeProvider? time,
        Action<IServiceCollection, IConfiguration>? more, params (string Key, string? Value)[] settings)
    {
        var all = new Dictionary<string, string?>(LabSettings);
        foreach (var (key, value) in settings) all[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton(time ?? new TestClock(TokenIssuedAt.AddMinutes(1)));
        services.AddWatcherMediator(typeof(WatcherModules).Assembly);
        services.AddCloud(configuration);
        services.AddDatasources(configuration);
        more?.Invoke(services, configuration);
        if (stub is not null)
            services.ConfigureAll<HttpClientFactoryOptions>(o => o.HttpMessageHandlerBuilderActions.Add(b =>
            {
                if (stubbedClients is null || stubbedClients.Contains(b.Name)) b.PrimaryHandler = stub;
            }));
        return services.BuildServiceProvider();
    }
}
