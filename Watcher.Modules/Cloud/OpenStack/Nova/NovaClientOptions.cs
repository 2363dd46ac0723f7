using Watcher.Modules.Cloud.OpenStack.Contracts;

namespace Watcher.Modules.Cloud.OpenStack.Nova;

/// <summary>
/// Section <c>Watcher:Nova</c> (upstream <c>[nova]</c>): the compute API microversion and the endpoint, retry
/// and timeout options every client section has. (MigrationInterval and MigrationMaxRetries in the same
/// section are the applier's polling options.)
/// </summary>
public sealed class NovaClientOptions : ServiceClientOptions
{
    public const string Section = "Watcher:Nova";

    /// <summary>The lowest microversion Watcher's calls are written for (upstream's minimum, 2.56).</summary>
    public const string MinimumApiVersion = "2.56";

    /// <summary>Microversion to ask for (upstream <c>api_version</c>, default and minimum 2.56).</summary>
    public string ApiVersion { get; set; } = MinimumApiVersion;

    /// <summary>Servers per page when listing all projects' servers.</summary>
    public int PageSize { get; set; } = 1000;

    public override IEnumerable<string> Problems(string section)
    {
        foreach (var p in base.Problems(section)) yield return p;
        if (!NovaMicroversion.TryParse(ApiVersion, out var v))
            yield return $"{section}:ApiVersion '{ApiVersion}' is not a microversion like 2.56";
        else if (v < NovaMicroversion.Parse(MinimumApiVersion))
            yield return $"{section}:ApiVersion {ApiVersion} is below the minimum {MinimumApiVersion}";
        if (PageSize is < 1 or > 10000) yield return $"{section}:PageSize must be between 1 and 10000";
    }
}
