using Microsoft.Extensions.DependencyInjection;

namespace Watcher.Modules.Shared.Messaging;

public static class MessagingRegistration
{
    /// <summary>
    /// The message bus settings (<c>Watcher:TransportUrl</c>, checked at start) and the connector. Called by every
    /// module that uses the bus (Nova's notifications in, ours out); registers once.
    /// </summary>
    public static IServiceCollection AddMessaging(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(RabbitMqConnector))) return services;
        services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.Section)
            .Validate(o => !o.Enabled || IsValid(o.TransportUrl!), "Watcher:TransportUrl must look like rabbit://user:pass@host:5672/")
            .ValidateOnStart();
        services.AddSingleton<RabbitMqConnector>();
        return services;
    }

    public static bool IsValid(string url)
    {
        try
        {
            TransportUrl.Parse(url);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return false;
        }
    }
}
