using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Watcher.Modules.Decision.Audits;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Services;
using Watcher.Tests.Support;

namespace Watcher.Tests.Decision.Audits;

public sealed class RecoverInterruptedAuditsTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task AtStartUp_OwnOngoingOneshotsAreCancelled_AndPendingOnesAreQueuedAgain()
    {
        await using (var db = _database.Open())
        {
            var goal = new Goal { Name = "dummy", DisplayName = "Dummy goal" };
            Audit Make(string name, string type = AuditTypes.Oneshot) =>
                new() { Name = name, Goal = goal, AuditType = type, Interval = type == AuditTypes.Continuous ? "60" : null };
            var mine = Make("mine-ongoing");
            mine.BeginRun("this-host");
            var theirs = Make("theirs-ongoing");
            theirs.BeginRun("other-host");
            var continuous = Make("continuous", AuditTypes.Continuous);
            continuous.BeginRun("this-host");
            db.Audits.AddRange(mine, theirs, continuous, Make("waiting"));
            await db.SaveChangesAsync();
        }

        var queue = new AuditQueue();
        await using (var db = _database.Open())
        {
            var handler = new RecoverInterruptedAuditsHandler(db, queue, Options.Create(new WatcherHostOptions { Host = "this-host" }));
            Assert.Equal((1, 1), await handler.Handle(new RecoverInterruptedAudits(), CancellationToken.None));
        }

        await using var check = _database.Open();
        var states = await check.Audits.ToDictionaryAsync(a => a.Name, a => a.State);
        Assert.Equal(("CANCELLED", "ONGOING", "ONGOING"), (states["mine-ongoing"], states["theirs-ongoing"], states["continuous"]));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await foreach (var uuid in queue.ReadAllAsync(cts.Token))
        {
            Assert.Equal(await check.Audits.Where(a => a.Name == "waiting").Select(a => a.Uuid).SingleAsync(), uuid);
            break;
        }
    }
}
