namespace Watcher.Tests.Support;

/// <summary>Finds the repository root (the folder holding Watcher.sln) and the shared/ folder beside it.</summary>
public static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>../shared next to the repository (scenarios, upstream tools, docs).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));

    public static string SharedScenario(string fileName) => Path.Combine(Shared, "scenarios", fileName);

    /// <summary>Small hand-written scenarios kept with the tests (Watcher.Tests/Scenarios).</summary>
    public static string TestScenario(string fileName) => Path.Combine(RepositoryRoot, "Watcher.Tests", "Scenarios", fileName);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Watcher.sln"))) return dir.FullName;
        throw new InvalidOperationException("Watcher.sln not found above " + AppContext.BaseDirectory);
    }
}
