using RabbitMQ.Client;

namespace Watcher.Modules.Shared.Messaging;

/// <summary>
/// An oslo.messaging transport URL read into RabbitMQ connection settings:
/// <c>rabbit://user:pass@host1:5672,user:pass@host2:5672/vhost?ssl=1</c>. An empty path is the default
/// virtual host "/".
/// </summary>
public sealed record TransportUrl(IReadOnlyList<AmqpTcpEndpoint> Endpoints, string UserName, string Password, string VirtualHost)
{
    public static TransportUrl Parse(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd < 0 ? "" : url[..schemeEnd];
        if (scheme is not ("rabbit" or "amqp" or "amqps"))
            throw new FormatException($"Watcher:TransportUrl '{Redact(url)}' must start with rabbit:// (RabbitMQ is the only transport)");
        var rest = url[(schemeEnd + 3)..];
        var query = "";
        if (rest.IndexOf('?') is var q and >= 0) (rest, query) = (rest[..q], rest[(q + 1)..]);
        var vhost = "/";
        if (rest.IndexOf('/') is var slash and >= 0)
        {
            var path = Uri.UnescapeDataString(rest[(slash + 1)..]);
            if (path.Length > 0) vhost = path;
            rest = rest[..slash];
        }
        var ssl = scheme == "amqps" || query.Split('&').Any(p => p is "ssl=1" or "ssl=true" or "ssl=True");
        string user = "guest", password = "guest";
        var endpoints = new List<AmqpTcpEndpoint>();
        foreach (var part in rest.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var hostPart = part;
            if (part.LastIndexOf('@') is var at and >= 0)
            {
                var credentials = part[..at].Split(':', 2);
                user = Uri.UnescapeDataString(credentials[0]);
                password = credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : "";
                hostPart = part[(at + 1)..];
            }
            var (host, port) = SplitHostPort(hostPart, ssl ? 5671 : 5672);
            var endpoint = new AmqpTcpEndpoint(host, port);
            if (ssl) endpoint.Ssl = new SslOption(host, enabled: true);
            endpoints.Add(endpoint);
        }
        if (endpoints.Count == 0) throw new FormatException($"Watcher:TransportUrl '{Redact(url)}' names no host");
        return new TransportUrl(endpoints, user, password, vhost);
    }

    public ConnectionFactory CreateFactory(string clientName) => new()
    {
        UserName = UserName,
        Password = Password,
        VirtualHost = VirtualHost,
        ClientProvidedName = clientName,
        AutomaticRecoveryEnabled = true,
        TopologyRecoveryEnabled = true,
        NetworkRecoveryInterval = TimeSpan.FromSeconds(5),
        RequestedConnectionTimeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>The URL without its password, for logs and messages.</summary>
    public static string Redact(string url) =>
        System.Text.RegularExpressions.Regex.Replace(url, @"(//|,)([^:@/,]+):[^@/,]*@", "$1$2:***@");

    private static (string Host, int Port) SplitHostPort(string hostPart, int defaultPort)
    {
        if (hostPart.StartsWith('['))   // [ipv6]:port
        {
            var close = hostPart.IndexOf(']');
            var host = hostPart[1..close];
            return (host, hostPart.Length > close + 2 ? int.Parse(hostPart[(close + 2)..]) : defaultPort);
        }
        var colon = hostPart.LastIndexOf(':');
        return colon < 0 ? (hostPart, defaultPort) : (hostPart[..colon], int.Parse(hostPart[(colon + 1)..]));
    }
}
