namespace Watcher.Modules.Api.Http;

/// <summary>[api] and the API-visible bits of [DEFAULT] → Watcher:Api. Defaults are upstream's.</summary>
public sealed class ApiOptions
{
    public const string Section = "Watcher:Api";

    /// <summary>[api] max_limit: page size when no limit is given, and the cap of any limit.</summary>
    public int MaxLimit { get; set; } = 1000;

    /// <summary>[DEFAULT] service_down_time in seconds: a service not seen for longer is FAILED.</summary>
    public int ServiceDownTime { get; set; } = 90;
}
