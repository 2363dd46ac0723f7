using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Watcher.Modules.Decision;

public static class DecisionModule
{
    public static IServiceCollection AddDecision(this IServiceCollection services, IConfiguration configuration)
    {
        return services;
    }
}
