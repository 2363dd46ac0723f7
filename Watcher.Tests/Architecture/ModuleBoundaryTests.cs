using System.Text.RegularExpressions;
using Watcher.Tests.Support;

namespace Watcher.Tests.Architecture;

/// <summary>
/// Holds the house rule without an architecture package: a module reaches another module only through its
/// Contracts namespace, plus the shared building blocks (Shared, Persistence) and the cloud boundary interface.
/// One exception, by design (docs/decisions.md 25): the dashboard is a second HTTP edge over the API's use cases,
/// so it sends the Api module's requests rather than keeping a second copy of their rules.
/// </summary>
public sealed partial class ModuleBoundaryTests
{
    private static readonly string ModulesRoot = Path.Combine(TestPaths.RepositoryRoot, "Watcher.Modules");

    /// <summary>Namespaces every module may use.</summary>
    private static bool IsShared(string ns) =>
        ns.StartsWith("Watcher.Modules.Shared") || ns.StartsWith("Watcher.Modules.Persistence")
        || ns == "Watcher.Modules.Cloud" || ns.EndsWith(".Contracts") || ns.Contains(".Contracts.");

    [Fact]
    public void Modules_ReferenceOtherModules_OnlyThroughTheirContracts()
    {
        var violations = new List<string>();
        foreach (var file in Directory.EnumerateFiles(ModulesRoot, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(ModulesRoot, file);
            if (relative.StartsWith("bin") || relative.StartsWith("obj") || !relative.Contains(Path.DirectorySeparatorChar)) continue;
            if (relative.StartsWith("Persistence" + Path.DirectorySeparatorChar + "Migrations")) continue;
            var module = relative.Split(Path.DirectorySeparatorChar)[0];
            foreach (Match match in UsingOrQualifiedName().Matches(File.ReadAllText(file)))
            {
                var ns = match.Groups["ns"].Value;
                var target = ns.Split('.').ElementAtOrDefault(2);
                if (target is null || target == module || IsShared(ns)) continue;
                if (module == "Dashboard" && target == "Api") continue;
                violations.Add($"{relative}: uses {ns}");
            }
        }
        Assert.True(violations.Count == 0, "Cross-module references outside Contracts:\n" + string.Join("\n", violations.Distinct()));
    }

    [GeneratedRegex(@"(?:using|namespace)?\s*(?<ns>Watcher\.Modules\.[A-Za-z]+(?:\.[A-Za-z]+)*)\s*[;.]")]
    private static partial Regex UsingOrQualifiedName();
}
