using Watcher.Modules.Cloud.OpenStack.Contracts;

namespace Watcher.Modules.Datasources.Gnocchi;

/// <summary>
/// Section <c>Watcher:Gnocchi</c> (upstream <c>[gnocchi_client]</c>): where Gnocchi is (the catalog's "metric"
/// service, or an override) and how patient each query is. Upstream retries a query 10 times 1 s apart; here
/// retries back off exponentially, so fewer suffice.
/// </summary>
public sealed class GnocchiOptions : ServiceClientOptions
{
    public const string Section = "Watcher:Gnocchi";

    public GnocchiOptions()
    {
        Timeout = 30;
        HttpRetries = 3;
        HttpRetryInterval = 1.0;
    }
}
