using System.Reflection;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Watcher.Modules.Shared.Mediator;

/// <summary>
/// MediatR 5.1.0 has no DI extension package on our feed, so handlers and validators are found by scanning.
/// Kept version-neutral: a later MediatR upgrade replaces this file with AddMediatR(...).
/// </summary>
public static class MediatorRegistration
{
    public static IServiceCollection AddWatcherMediator(this IServiceCollection services, params Assembly[] assemblies)
    {
        services.AddTransient<ServiceFactory>(p => p.GetService!);
        services.AddTransient<IMediator, MediatR.Mediator>();
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        var scanned = new[] { typeof(IRequestHandler<,>), typeof(INotificationHandler<>), typeof(IValidator<>) };
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()))
        {
            if (type.IsAbstract || type.IsInterface || type.IsGenericTypeDefinition) continue;
            foreach (var iface in type.GetInterfaces())
            {
                if (iface.IsGenericType && scanned.Contains(iface.GetGenericTypeDefinition()))
                    services.AddTransient(iface, type);
            }
        }
        return services;
    }
}
