using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Watcher.Modules.Cloud.OpenStack.Http;
using Watcher.Modules.Cloud.OpenStack.Keystone;
using Watcher.Modules.Shared.Http;

namespace Watcher.Modules.Cloud.OpenStack.Contracts;

/// <summary>How a module gets an OpenStack service's API: one line naming the service and its config section.</summary>
public static class OpenStackApiRegistration
{
    /// <summary>
    /// Registers keyed <see cref="IOpenStackApi"/> <paramref name="key"/> for the catalog service types given
    /// (first found wins), configured from <paramref name="section"/>, plus the shared Keystone session.
    /// Nothing is contacted until the first call.
    /// </summary>
    public static IServiceCollection AddOpenStackApi<TOptions>(this IServiceCollection services,
        string key, string serviceName, string section, params string[] serviceTypes)
        where TOptions : ServiceClientOptions, new()
    {
        services.AddKeystoneSession();
        services.AddOptions<TOptions>().BindConfiguration(section);
        var httpName = "openstack-" + key;
        services.AddResilientHttpClient(httpName, sp =>
        {
            var o = sp.GetRequiredService<IOptions<TOptions>>().Value;
            return new RetryPolicy(TimeSpan.FromSeconds(o.Timeout), o.HttpRetries, TimeSpan.FromSeconds(o.HttpRetryInterval));
        }, Tls);
        services.AddKeyedSingleton<IOpenStackApi>(key, (sp, _) => new OpenStackApi(serviceName, serviceTypes,
            () => sp.GetRequiredService<IOptionsMonitor<TOptions>>().CurrentValue,
            sp.GetRequiredService<KeystoneSession>(), sp.GetRequiredService<IHttpClientFactory>(), httpName));
        return services;
    }

    /// <summary>The Keystone session and its HTTP client (idempotent).</summary>
    public static IServiceCollection AddKeystoneSession(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(KeystoneSession))) return services;
        services.AddOptions<ClientsAuthOptions>().BindConfiguration(ClientsAuthOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<KeystoneSession>();
        services.AddSingleton<IKeystoneTokenValidator>(sp => sp.GetRequiredService<KeystoneSession>());
        services.AddSingleton<IKeystoneLogin>(sp => sp.GetRequiredService<KeystoneSession>());
        services.AddResilientHttpClient(KeystoneSession.HttpClientName, sp =>
        {
            var o = sp.GetRequiredService<IOptions<ClientsAuthOptions>>().Value;
            return new RetryPolicy(TimeSpan.FromSeconds(o.Timeout), o.HttpRetries, TimeSpan.FromSeconds(o.HttpRetryInterval));
        }, Tls);
        return services;
    }

    /// <summary>Every OpenStack client trusts what Watcher:ClientsAuth says (upstream: one keystoneauth session).</summary>
    private static TlsSettings Tls(IServiceProvider sp)
    {
        var o = sp.GetRequiredService<IOptions<ClientsAuthOptions>>().Value;
        return new TlsSettings(o.Insecure, o.CaFile, o.CertFile, o.KeyFile);
    }
}
