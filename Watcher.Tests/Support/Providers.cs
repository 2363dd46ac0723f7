using Watcher.Modules.Persistence;

namespace Watcher.Tests.Support;

/// <summary>The database providers the persistence, API and integration tests run on (as theory data).</summary>
public static class Providers
{
    public static TheoryData<DatabaseProvider> Both => new() { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql };
}
