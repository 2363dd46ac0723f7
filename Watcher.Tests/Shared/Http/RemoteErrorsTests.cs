using System.Net;
using System.Net.Sockets;
using Watcher.Modules.Shared.Http;

namespace Watcher.Tests.Shared.Http;

/// <summary>The reasons an operator reads in status messages when a cloud service cannot be talked to.</summary>
public sealed class RemoteErrorsTests
{
    [Fact]
    public async Task AClosedPort_IsConnectionRefused()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => new HttpClient().GetAsync($"http://127.0.0.1:{port}/"));
        Assert.True(RemoteErrors.IsTransport(e));
        Assert.Equal("connection refused", RemoteErrors.Describe(e));
    }

    [Fact]
    public async Task AServiceDyingWithTheRequestInFlight_IsNamedAsSuch_NotAsAGenericSendError()
    {
        // A server that reads the request and closes the connection without answering, as a killed nova-api does.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = Task.Run(async () =>
        {
            using var socket = await listener.AcceptSocketAsync();
            await socket.ReceiveAsync(new byte[4096], SocketFlags.None);
            socket.LingerState = new LingerOption(true, 0);   // a reset, or a plain close: both are covered below
            socket.Close();
        });

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => new HttpClient().GetAsync($"http://127.0.0.1:{port}/"));
        await server;
        Assert.True(RemoteErrors.IsTransport(e));
        Assert.Contains(RemoteErrors.Describe(e), new[] { "connection reset", "connection closed before the answer came" });
    }
}
