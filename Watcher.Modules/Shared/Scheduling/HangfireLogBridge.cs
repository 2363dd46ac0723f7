using Microsoft.Extensions.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;

namespace Watcher.Modules.Shared.Scheduling;

/// <summary>
/// Hangfire's log provider is process-wide (static) while each host has its own ILoggerFactory. This bridge
/// sends Hangfire's log lines to the latest host's factory and drops them once that factory is disposed, so a
/// test process that starts and stops many hosts never hands Hangfire a dead factory.
/// </summary>
internal sealed class HangfireLogBridge : Hangfire.Logging.ILogProvider
{
    private static volatile ILoggerFactory? _factory;

    public static readonly HangfireLogBridge Instance = new();

    public static void Attach(ILoggerFactory factory) => _factory = factory;

    public Hangfire.Logging.ILog GetLogger(string name) => new BridgedLog(name);

    private sealed class BridgedLog(string name) : Hangfire.Logging.ILog
    {
        public bool Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            var factory = _factory;
            if (factory is null) return false;
            try
            {
                var logger = factory.CreateLogger(name);
                var level = Map(logLevel);
                if (messageFunc is null) return logger.IsEnabled(level);
                if (!logger.IsEnabled(level)) return false;
#pragma warning disable CA2254 // Hangfire formats its own messages
                logger.Log(level, exception, messageFunc());
#pragma warning restore CA2254
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }

        private static LogLevel Map(HangfireLevel level) => level switch
        {
            HangfireLevel.Trace => LogLevel.Trace,
            HangfireLevel.Debug => LogLevel.Debug,
            HangfireLevel.Info => LogLevel.Information,
            HangfireLevel.Warn => LogLevel.Warning,
            HangfireLevel.Error => LogLevel.Error,
            _ => LogLevel.Critical,
        };
    }
}
