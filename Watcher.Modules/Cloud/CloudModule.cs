using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Watcher.Modules.Cloud;

public static class CloudModule
{
    /// <summary>Registers the cloud backend. Today: the embedded simulator (Cloud/Simulator).</summary>
    public static IServiceCollection AddCloud(this IServiceCollection services, IConfiguration configuration)
    {
        // Simulator registration goes here (IComputeCloud).
        return services;
    }
}
