using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Watcher.Modules.Applier;

public static class ApplierModule
{
    public static IServiceCollection AddApplier(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }
}
