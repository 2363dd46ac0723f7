using Watcher.Modules.Shared.Scheduling;

namespace Watcher.Tests.Shared.Scheduling;

public sealed class UnixCronTests
{
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
    [InlineData("* * 15W * *")]
    [InlineData("* * * * 5#2")]
    [InlineData("every day")]
    [InlineData("a b c d e")]
    public void Parse_RejectsWhatIsNotUnixCron(string text)
    {
        var error = Assert.Throws<FormatException>(() => UnixCron.Parse(text));

        Assert.StartsWith("Provided cron is invalid: ", error.Message);
        Assert.False(UnixCron.TryParse(text, out _));
    }

    [Theory]
    [InlineData("*/5 * * * *")]
    [InlineData("0 2 * * 1-5")]
    [InlineData("0 0 1 * *")]
    [InlineData("30 4 * * 0,6")]
    [InlineData("0 0 * * 7")]
    [InlineData("0 0 * * 5-7")]
    [InlineData("15 10 * * */2")]
    [InlineData("0 12 1,15 * 1")]
    [InlineData("45 23 29 2 *")]
    [InlineData("0 9 * jan-mar mon-fri")]
    [InlineData("  0   3 * * *  ")]
    public void Next_FiresWhenUnixCronWould(string text)
    {
        var cron = UnixCron.Parse(text);
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
            var actual = start;
            for (var i = 0; i < 5; i++)
            {
                expected = UnixCronReference.Next(text.Trim(), expected);
                actual = cron.Next(actual)!.Value;
                Assert.Equal(expected, actual);
            }
        }
    }

    [Fact]
    public void Macros_AreAccepted()
    {
        var next = UnixCron.Parse("@hourly").Next(new DateTime(2026, 1, 1, 10, 15, 0, DateTimeKind.Utc));

        Assert.Equal(new DateTime(2026, 1, 1, 11, 0, 0, DateTimeKind.Utc), next);
    }
}
