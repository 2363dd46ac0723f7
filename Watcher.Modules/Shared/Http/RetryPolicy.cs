namespace Watcher.Modules.Shared.Http;

/// <summary>How patient one named HTTP client is: per-attempt timeout, retries, first back-off delay.</summary>
public sealed record RetryPolicy(TimeSpan AttemptTimeout, int Retries, TimeSpan FirstDelay)
{
    /// <summary>Back-off doubles from <see cref="FirstDelay"/>, but no single wait exceeds this.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
}
