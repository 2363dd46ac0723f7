using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Watcher.Modules.Shared.Http;

/// <summary>
/// Named HttpClients for remote services: a per-attempt timeout and bounded retries with exponential back-off
/// (Microsoft.Extensions.Http.Resilience). Reads (GET/HEAD) are retried on connection errors, timeouts, 408,
/// 429 and 5xx; writes only when the request never reached the service (connection refused, name not
/// resolved), so a migration is never asked for twice.
/// </summary>
public static class ResilientHttpClients
{
    public static IHttpClientBuilder AddResilientHttpClient(this IServiceCollection services, string name,
        Func<IServiceProvider, RetryPolicy> policy, Func<IServiceProvider, TlsSettings>? tls = null)
    {
        var builder = services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan);
        builder.ConfigurePrimaryHttpMessageHandler(sp => CreateHandler(tls?.Invoke(sp) ?? TlsSettings.Default));
        builder.AddResilienceHandler(name, (pipeline, context) =>
        {
            var p = policy(context.ServiceProvider);
            if (p.Retries > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = p.Retries,
                    BackoffType = DelayBackoffType.Exponential,
                    Delay = p.FirstDelay,
                    MaxDelay = RetryPolicy.MaxDelay,
                    UseJitter = false,
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context)),
                });
            }
            pipeline.AddTimeout(p.AttemptTimeout);
        });
        return builder;
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        var method = context.GetRequestMessage()?.Method ?? outcome.Result?.RequestMessage?.Method ?? HttpMethod.Get;
        if (method == HttpMethod.Get || method == HttpMethod.Head)
            return HttpClientResiliencePredicates.IsTransient(outcome);
        // A write may have been carried out even if its answer was lost: retry only what never left.
        return outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };
    }

    private static SocketsHttpHandler CreateHandler(TlsSettings tls)
    {
        var handler = new SocketsHttpHandler
        {
            // Endpoints move (DNS, load balancers): do not hold one connection forever.
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = DecompressionMethods.All,
        };
        if (tls.Insecure)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (!string.IsNullOrEmpty(tls.CaFile))
        {
            var trusted = new X509Certificate2Collection();
            trusted.ImportFromPemFile(tls.CaFile);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                errors == SslPolicyErrors.None || ValidatesAgainst(trusted, certificate, errors);
        }
        if (!string.IsNullOrEmpty(tls.CertFile))
        {
            var cert = X509Certificate2.CreateFromPemFile(tls.CertFile, string.IsNullOrEmpty(tls.KeyFile) ? null : tls.KeyFile);
            handler.SslOptions.ClientCertificates = new X509CertificateCollection { cert };
        }
        return handler;
    }

    /// <summary>A chain problem only: build the chain again with the operator's CA bundle as the trust anchor.</summary>
    private static bool ValidatesAgainst(X509Certificate2Collection trusted, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || errors != SslPolicyErrors.RemoteCertificateChainErrors) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(new X509Certificate2(certificate));
    }
}

/// <summary>TLS client settings: skip verification (test clouds), a CA bundle (PEM), a client certificate (PEM).</summary>
public sealed record TlsSettings(bool Insecure = false, string? CaFile = null, string? CertFile = null, string? KeyFile = null)
{
    public static readonly TlsSettings Default = new();
}
