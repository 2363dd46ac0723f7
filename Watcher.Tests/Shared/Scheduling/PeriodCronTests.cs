using Watcher.Modules.Shared.Scheduling;

namespace Watcher.Tests.Shared.Scheduling;

public sealed class PeriodCronTests
{
    [Theory]
    [InlineData(1, "*/1 * * * * *", 1)]
    [InlineData(10, "*/10 * * * * *", 10)]
    [InlineData(60, "0 */1 * * * *", 60)]
    [InlineData(1800, "0 */30 * * * *", 1800)]
    [InlineData(3600, "0 0 */1 * * *", 3600)]
    [InlineData(86400, "0 0 0 * * *", 86400)]
    [InlineData(7, "*/6 * * * * *", 6)]       // not a divisor of a minute: the largest one below
    [InlineData(90, "0 */1 * * * *", 60)]
    public void Periods_BecomeSixFieldCron_NeverLessOftenThanAsked(int seconds, string cron, int effective)
    {
        Assert.Equal(cron, PeriodCron.FromSeconds(seconds));
        Assert.Equal(effective, PeriodCron.EffectiveSeconds(seconds));
        Assert.True(effective <= seconds);
    }
}
