using System.Net;
using System.Net.Sockets;

namespace Watcher.Tests.Cloud.OpenStack;

/// <summary>A TCP port nothing listens on right now (bound once by the OS, then released).</summary>
public static class FreePort
{
    public static int Get()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
