using Npgsql;
using Watcher.Modules.Persistence;
using Watcher.Tests.Integration;
using Watcher.Tests.Support;

namespace Watcher.Tests.Operations;

/// <summary>
/// Storage faults on PostgreSQL (ADR 9): a server that takes no writes — a standby the connection string points at
/// after a failover, or a database set to default_transaction_read_only, as managed services do when its storage
/// runs out. Readiness writes for real, so it turns red although reads still work; writes answer 503 with the cause;
/// both recover without a restart once the server takes writes again.
/// </summary>
public sealed class ServerStorageFaultTests
{
    [Fact]
    public async Task ADatabaseThatTakesNoWrites_TurnsReadinessRed_Answers503_AndRecovers()
    {
        using var app = new WatcherAppFactory("lifecycle_consolidation.json",
            new Dictionary<string, string?> { ["Watcher:Database:FaultCheckInterval"] = "0.1" }, DatabaseProvider.PostgreSql);
        var client = app.CreateClient();
        await client.WaitForReadinessAsync(200);

        SetReadOnly(app.Database, true);
        var report = await client.WaitForReadinessAsync(503);
        var (status, description) = report.Check("database");
        Assert.Equal("Unhealthy", status);
        Assert.StartsWith("the database server accepts no writes (25006: transaction_read_only is on", description);
        await client.GetAsync("/v1/audit_templates").ExpectStatus(200);   // reads still work
        var refused = await client.CreateTemplateAsync("during").ExpectError(503);
        Assert.StartsWith("Watcher's database is unavailable: the database server accepts no writes (25006: ", refused);

        SetReadOnly(app.Database, false);
        await client.WaitForReadinessAsync(200);
        await client.CreateTemplateAsync("after").ExpectStatus(201);
        Assert.Equal(["after"], await client.TemplateNamesAsync());
    }

    /// <summary>Sets the database's default for new sessions and drops the idle pooled ones, which keep the old one.</summary>
    private static void SetReadOnly(TempDatabase database, bool readOnly)
    {
        var name = new NpgsqlConnectionStringBuilder(database.Connection).Database;
        PostgresServer.Instance.Execute($"ALTER DATABASE \"{name}\" SET default_transaction_read_only = {(readOnly ? "on" : "off")}");
        using var connection = new NpgsqlConnection(database.Connection);
        NpgsqlConnection.ClearPool(connection);
    }
}
