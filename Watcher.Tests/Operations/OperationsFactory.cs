using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Watcher.Tests.Operations;

/// <summary>
/// The whole service (embedded simulator, real pipeline) on watcher.db in a directory the test controls — a
/// tmpfs that fills up or turns read-only, or a plain one whose file gets deleted — looking at its storage every
/// 0.1 s, with its log kept so tests can read the lines an operator would.
/// </summary>
public sealed class OperationsFactory(string dataDirectory, Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    public LogRecorder Log { get; } = new();

    public string DatabasePath { get; } = Path.Combine(dataDirectory, "watcher.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Watcher:Database:Connection", $"Data Source={DatabasePath}");
        builder.UseSetting("Watcher:Database:FaultCheckInterval", "0.1");
        builder.ConfigureLogging(logging => logging.AddProvider(Log));
        if (services is not null) builder.ConfigureServices(services);
    }

    /// <summary>Stops the app and closes every pooled connection on its file (a remount needs none open).</summary>
    public void Stop()
    {
        Dispose();
        SqliteConnection.ClearAllPools();
    }

    /// <summary>Checkpoints and empties the WAL, so the next commit has to grow a file on disk.</summary>
    public void EmptyWriteAheadLog()
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        using var reader = command.ExecuteReader();
        reader.Read();
        Assert.Equal(0L, reader.GetInt64(0));   // not busy: the checkpoint went through
    }
}

/// <summary>Keeps every log line ("Category: message") of one app.</summary>
public sealed class LogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}");
        }
    }
}
