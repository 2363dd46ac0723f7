using Watcher.Modules.Shared.Messaging;

namespace Watcher.Tests.Shared.Messaging;

public sealed class TransportUrlTests
{
    [Fact]
    public void TheLabsUrl_IsGuestOnOnePort_WithTheDefaultVirtualHost()
    {
        var url = TransportUrl.Parse("rabbit://guest:guest@127.0.0.1:15673/");

        Assert.Equal(("guest", "guest", "/"), (url.UserName, url.Password, url.VirtualHost));
        Assert.Equal(("127.0.0.1", 15673), (url.Endpoints.Single().HostName, url.Endpoints.Single().Port));
    }

    [Fact]
    public void SeveralHosts_AVirtualHost_EscapedCredentials_AndTls()
    {
        var url = TransportUrl.Parse("rabbit://open%40stack:p%3Ass@rmq1:5671,open%40stack:p%3Ass@rmq2/watcher?ssl=1");

        Assert.Equal(("open@stack", "p:ss", "watcher"), (url.UserName, url.Password, url.VirtualHost));
        Assert.Equal([("rmq1", 5671), ("rmq2", 5671)], url.Endpoints.Select(e => (e.HostName, e.Port)));
        Assert.True(url.Endpoints.All(e => e.Ssl.Enabled));
    }

    [Fact]
    public void OtherTransports_AreRefused_WithoutShowingThePassword()
    {
        var error = Assert.Throws<FormatException>(() => TransportUrl.Parse("kafka://user:secret@k1:9092/"));

        Assert.Equal("Watcher:TransportUrl 'kafka://user:***@k1:9092/' must start with rabbit:// (RabbitMQ is the only transport)", error.Message);
    }
}
