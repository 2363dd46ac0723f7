using Watcher.Modules.Persistence.Faults;

namespace Watcher.Tests.Persistence.Faults;

public sealed class FileIdentityTests
{
    [Fact]
    public void AFileMovedOverAnother_HasAnotherIdentity_AndADeletedOneHasNone()
    {
        var directory = Directory.CreateTempSubdirectory("watcher-identity-").FullName;
        try
        {
            var path = Path.Combine(directory, "watcher.db");
            var other = Path.Combine(directory, "backup.db");
            File.WriteAllText(path, "live");
            File.WriteAllText(other, "backup");
            var original = FileIdentity.Of(path);
            Assert.NotNull(original);
            Assert.Equal(original, FileIdentity.Of(path));
            File.WriteAllText(path, "rewritten in place");   // same file
            Assert.Equal(original, FileIdentity.Of(path));

            File.Move(other, path, overwrite: true);
            Assert.NotEqual(original, FileIdentity.Of(path));
            File.Delete(path);
            Assert.Null(FileIdentity.Of(path));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
