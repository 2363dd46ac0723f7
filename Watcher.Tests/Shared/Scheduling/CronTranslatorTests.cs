using Quartz;
using Watcher.Modules.Shared.Scheduling;

namespace Watcher.Tests.Shared.Scheduling;

public sealed class CronTranslatorTests
{
    [Theory]
    [InlineData("*/5 * * * *", "0 */5 * * * ?")]
    [InlineData("0 2 * * 1-5", "0 0 2 ? * 2-6")]
    [InlineData("0 0 1 * *", "0 0 0 1 * ?")]
    [InlineData("30 4 * * 0,6", "0 30 4 ? * 1,7")]
    [InlineData("0 0 * * 7", "0 0 0 ? * 1")]
    [InlineData("0 0 * * 5-7", "0 0 0 ? * 6,7,1")]
    [InlineData("15 10 * * */2", "0 15 10 ? * */2")]
    [InlineData("0 9 * jan-mar mon-fri", "0 0 9 ? JAN-MAR 2-6")]
    [InlineData("0 12 1,15 * 1", "0 0 12 1,15 * 2")]
    [InlineData("  0   3 * * *  ", "0 0 3 * * ?")]
    [InlineData("@hourly", "0 0 * * * ?")]
    public void ToQuartz_AddsSecondsAndQuestionMarkAndRenumbersWeekdays(string unix, string expected)
    {
        var quartz = CronTranslator.ToQuartz(unix);

        Assert.Equal(expected, quartz);
        Assert.True(CronExpression.TryParse(quartz, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("* * * *")]
    [InlineData("* * * * * *")]
    [InlineData("60 * * * *")]
    [InlineData("* 24 * * *")]
    [InlineData("* * 0 * *")]
    [InlineData("* * * 13 *")]
    [InlineData("* * * * 8")]
    [InlineData("*/0 * * * *")]
    [InlineData("30-10 * * * *")]
    [InlineData("* * ? * *")]
    [InlineData("* * L * *")]
    [InlineData("every day")]
    [InlineData("a b c d e")]
    public void ToQuartz_RejectsWhatIsNotUnixCron(string unix)
    {
        var error = Assert.Throws<FormatException>(() => CronTranslator.ToQuartz(unix));

        Assert.StartsWith("Provided cron is invalid: ", error.Message);
        Assert.False(CronTranslator.TryToQuartz(unix, out _));
    }

    [Theory]
    [InlineData("*/5 * * * *")]
    [InlineData("0 2 * * 1-5")]
    [InlineData("0 0 1 * *")]
    [InlineData("30 4 * * 0,6")]
    [InlineData("0 0 * * 5-7")]
    [InlineData("15 10 * * */2")]
    [InlineData("0 12 1,15 * 1")]
    [InlineData("45 23 29 2 *")]
    [InlineData("0 9 * jan-mar mon-fri")]
    public void TranslatedCron_FiresWhenUnixCronWould(string unix)
    {
        var quartz = new CronExpression(CronTranslator.ToQuartz(unix), TimeZoneInfo.Utc);
        var starts = new[]
        {
            new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),      // a Thursday
            new DateTime(2026, 2, 28, 23, 59, 30, DateTimeKind.Utc),
            new DateTime(2026, 6, 14, 4, 30, 0, DateTimeKind.Utc),    // a Sunday, on a fire time
            new DateTime(2027, 12, 31, 13, 7, 0, DateTimeKind.Utc),
        };

        foreach (var start in starts)
        {
            var expected = start;
            var actual = new DateTimeOffset(start);
            for (var i = 0; i < 5; i++)
            {
                expected = UnixCronReference.Next(unix, expected);
                actual = quartz.GetNextValidTimeAfter(actual)!.Value;
                Assert.Equal(expected, actual.UtcDateTime);
            }
        }
    }
}
