using System.Runtime.CompilerServices;

namespace Watcher.Tests.Support;

internal static class TestProcess
{
    /// <summary>
    /// Every Watcher host started here would hand the whole test process's file pages back to the kernel five seconds
    /// after its start (Operations/Memory/StartupMemoryRelease), and the tests running beside it would read their code
    /// back from disk. Off for the process; the memory tests turn it on where they need it.
    /// </summary>
    [ModuleInitializer]
    internal static void KeepFilePages() => Environment.SetEnvironmentVariable("Watcher__Memory__ReleaseStartupPages", "false");
}
