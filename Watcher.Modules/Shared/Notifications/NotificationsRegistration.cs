using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Watcher.Modules.Persistence;
using Watcher.Modules.Shared.Messaging;
using Watcher.Modules.Shared.Services;

namespace Watcher.Modules.Shared.Notifications;

public static class NotificationsRegistration
{
    /// <summary>
    /// Watcher's notifications (reference §12): the publisher, the database hook that emits create/update/delete,
    /// the bounded event log behind GET /events, the service-status monitor behind service.update, and the
    /// publisher that puts them on the message bus.
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddHostIdentity();
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section);
        services.AddOptions<ServiceStatusOptions>().BindConfiguration(ServiceStatusOptions.Section);
        services.AddOptions<ServiceHeartbeatOptions>().BindConfiguration(ServiceHeartbeatOptions.Section);
        services.AddSingleton(sp => new EventLog(sp.GetRequiredService<IOptions<NotificationOptions>>().Value.EventLogCapacity));
        services.AddSingleton<UncommittedNotifications>();
        services.AddSingleton<Notifier>();
        services.AddSingleton<EntityChangeNotifier>();
        services.ConfigureDbContext<WatcherDbContext>((sp, options) => options.AddInterceptors(sp.GetRequiredService<EntityChangeNotifier>()));
        services.AddHostedService<ServiceStatusMonitor>();

        // The same events on RabbitMQ, as oslo.messaging notifications, when a transport URL is set.
        services.AddMessaging();
        services.AddOptions<BusOptions>().BindConfiguration(BusOptions.Section);
        services.AddSingleton<NotificationBus>();
        services.AddSingleton<NotificationBusPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationBusPublisher>());
        return services;
    }
}
