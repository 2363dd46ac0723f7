using Microsoft.EntityFrameworkCore;
using Watcher.Modules.Api.Actions;
using Watcher.Modules.Persistence.Entities;
using Watcher.Tests.Shared;
using Watcher.Tests.Support;

namespace Watcher.Tests.Api.Actions;

/// <summary>The action-type texts the API shows are read from the table once and kept for a minute.</summary>
public sealed class ActionDescriptionsTests
{
    [Fact]
    public async Task AChangedText_ShowsAfterAMinute_AndATypeNotYetKept_IsReadAtOnce()
    {
        using var database = new TempDatabase();
        var clock = new TestClock(new DateTime(2026, 11, 30, 12, 0, 0));
        var catalog = new ActionDescriptions(clock);
        await using (var db = database.Open())
        {
            db.ActionDescriptions.Add(new ActionDescription { ActionType = "migrate", Description = "Moves a server" });
            await db.SaveChangesAsync();
        }

        await using (var db = database.Open())
            Assert.Equal("Moves a server", (await catalog.GetAsync(db, ["migrate"], default))["migrate"]);

        await using (var db = database.Open())
        {
            var row = await db.ActionDescriptions.SingleAsync(d => d.ActionType == "migrate");
            row.Description = "Live-migrates a server";
            db.ActionDescriptions.Add(new ActionDescription { ActionType = "nop", Description = "Does nothing" });
            await db.SaveChangesAsync();
        }
        await using (var db = database.Open())
        {
            Assert.Equal("Moves a server", (await catalog.GetAsync(db, ["migrate"], default))["migrate"]);   // kept
            Assert.Equal("Does nothing", (await catalog.GetAsync(db, ["nop"], default))["nop"]);   // not kept yet: read
            clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal("Live-migrates a server", (await catalog.GetAsync(db, ["migrate"], default))["migrate"]);
        }
    }
}
