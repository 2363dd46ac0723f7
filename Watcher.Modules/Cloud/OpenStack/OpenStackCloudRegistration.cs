using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Watcher.Modules.Cloud.OpenStack.Cinder;
using Watcher.Modules.Cloud.OpenStack.Contracts;
using Watcher.Modules.Cloud.OpenStack.Ironic;
using Watcher.Modules.Cloud.OpenStack.Nova;
using Watcher.Modules.Cloud.OpenStack.Placement;

namespace Watcher.Modules.Cloud.OpenStack;

/// <summary>The OpenStack backend's services; its configuration is checked at start-up only when it is the backend.</summary>
public static class OpenStackCloudRegistration
{
    public static IServiceCollection AddOpenStackCloud(this IServiceCollection services)
    {
        services.AddOpenStackApi<NovaClientOptions>(NovaClient.Key, "Nova", NovaClientOptions.Section, "compute");
        services.AddOpenStackApi<PlacementClientOptions>(PlacementClient.Key, "Placement", PlacementClientOptions.Section, "placement");
        services.AddOpenStackApi<CinderClientOptions>(OpenStackBlockStorage.Key, "Cinder", CinderClientOptions.Section, "block-storage", "volumev3");
        services.AddOpenStackApi<IronicClientOptions>(OpenStackBareMetal.Key, "Ironic", IronicClientOptions.Section, "baremetal");
        services.AddSingleton<OpenStackBlockStorage>();
        services.AddSingleton<OpenStackBareMetal>();
        services.AddOptions<OpenStackCloudOptions>().BindConfiguration(OpenStackCloudOptions.Section);
        services.AddSingleton<NovaClient>();
        services.AddSingleton<PlacementClient>();
        services.AddSingleton<OpenStackComputeCloud>();
        services.AddSingleton<OpenStackProbe>();
        services.AddSingleton<IValidateOptions<CloudOptions>, OpenStackConfigurationValidator>();
        return services;
    }
}

/// <summary>Section <c>Watcher:Ironic</c> (upstream <c>[ironic_client]</c>).</summary>
public sealed class IronicClientOptions : ServiceClientOptions
{
    public const string Section = "Watcher:Ironic";
    public string ApiVersion { get; set; } = "1";
}

/// <summary>
/// With <c>Backend=openstack</c>, start-up stops on any problem of Watcher:ClientsAuth, Watcher:Nova or
/// Watcher:Placement, listing them all (rather than failing at the first audit).
/// </summary>
internal sealed class OpenStackConfigurationValidator(
    IOptions<ClientsAuthOptions> auth, IOptions<NovaClientOptions> nova, IOptions<PlacementClientOptions> placement)
    : IValidateOptions<CloudOptions>
{
    public ValidateOptionsResult Validate(string? name, CloudOptions options)
    {
        if (!options.IsOpenStack) return ValidateOptionsResult.Success;
        var problems = auth.Value.Problems()
            .Concat(nova.Value.Problems(NovaClientOptions.Section))
            .Concat(placement.Value.Problems(PlacementClientOptions.Section))
            .ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Watcher:Cloud:Backend is 'openstack' but: " + string.Join("; ", problems));
    }
}
