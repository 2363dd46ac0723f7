using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Watcher.Modules.Persistence.Faults;

/// <summary>
/// Sees every database call of the app's DbContexts: refuses them with a 503 while the database cannot be used
/// (start-up pending, file missing), notices a deleted or replaced file before a connection opens, records the
/// storage fault behind any failed call, and a committed write as proof that a fault is over.
/// </summary>
public sealed class StorageFaultInterceptor(StorageHealth health, DatabaseFile file)
    : IDbConnectionInterceptor, IDbCommandInterceptor, IDbTransactionInterceptor, ISaveChangesInterceptor
{
    public InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Guard();
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Guard();
        return ValueTask.FromResult(result);
    }

    public void ConnectionFailed(DbConnection connection, ConnectionErrorEventData eventData) => Observe(eventData.Exception);

    public Task ConnectionFailedAsync(DbConnection connection, ConnectionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Observe(eventData.Exception);
        return Task.CompletedTask;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Observe(eventData.Exception);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Observe(eventData.Exception);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Observe(eventData.Exception);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Observe(eventData.Exception);
        return Task.CompletedTask;
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        health.WriteSucceeded();
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        health.WriteSucceeded();
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Observe(eventData.Exception);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Observe(eventData.Exception);
        return Task.CompletedTask;
    }

    /// <summary>The start-up work's own failures are judged once, by <see cref="StorageStartup"/> (EF probes a missing file on purpose).</summary>
    private void Observe(Exception exception)
    {
        if (!StorageStartup.IsRunningHere) health.Observe(exception);
    }

    private void Guard()
    {
        if (StorageStartup.IsRunningHere) return;
        if (!health.RefusesAccess) file.Verify();
        if (health.RefusesAccess) throw new StorageUnavailableException(health.CurrentOrPending());
    }
}
