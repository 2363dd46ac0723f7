using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Cloud;
using Watcher.Modules.Cloud.OpenStack.Keystone;

namespace Watcher.Tests.Cloud.OpenStack;

/// <summary>Watcher:ClientsAuth TLS options against a real TLS endpoint with a self-signed certificate.</summary>
public sealed class TlsOptionsTests : IDisposable
{
    private readonly string _caFile = Path.Combine(Path.GetTempPath(), $"watcher-ca-{Guid.NewGuid():N}.pem");
    private readonly X509Certificate2 _certificate;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public TlsOptionsTests()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=keystone.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        _certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
        File.WriteAllText(_caFile, created.ExportCertificatePem());
        _listener.Start();
        _ = ServeAsync();
    }

    private int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try
                    {
                        await using var tls = new SslStream(client.GetStream());
                        await tls.AuthenticateAsServerAsync(_certificate);
                        var buffer = new byte[4096];
                        await tls.ReadAsync(buffer);
                        const string body = """{"version": {"id": "v3.14", "status": "stable"}}""";
                        await tls.WriteAsync(Encoding.ASCII.GetBytes(
                            $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}"));
                    }
                    catch (Exception)
                    {
                        // the client refused our certificate: that is what some tests expect
                    }
                }
            });
        }
    }

    private KeystoneSession Session(params (string, string?)[] tls) =>
        OpenStackTestHost.Build(null, null, [("Watcher:ClientsAuth:AuthUrl", $"https://127.0.0.1:{Port}/v3"), ("Watcher:ClientsAuth:HttpRetries", "0"), .. tls])
            .GetRequiredService<KeystoneSession>();

    [Fact]
    public async Task AnUntrustedCertificate_IsRefused_NamingTheTlsFailure()
    {
        var error = await Assert.ThrowsAsync<CloudUnavailableException>(() => Session().ProbeAsync());

        Assert.Contains("SSL", error.Message);
    }

    [Fact]
    public async Task TheOperatorsCaBundle_MakesItTrusted()
    {
        await Session(("Watcher:ClientsAuth:CaFile", _caFile)).ProbeAsync();
    }

    [Fact]
    public async Task Insecure_SkipsTheCheck()
    {
        await Session(("Watcher:ClientsAuth:Insecure", "true")).ProbeAsync();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _certificate.Dispose();
        File.Delete(_caFile);
    }
}
