using FerNet.Training.Runs;

namespace FerNet.Training.Tests.Runs;

/// <summary>How `train --stop-after` reads its duration and decides whether another epoch fits.</summary>
public sealed class TimeBudgetTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(140);

    [Theory]
    [InlineData("140m", 140 * 60)]
    [InlineData("2h", 2 * 3600)]
    [InlineData("1h30m", 90 * 60)]
    [InlineData("90s", 90)]
    [InlineData("0.5s", 0.5)]
    public void DurationsAreReadWithTheirUnits(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), TimeBudget.Parse(text));

    [Theory]
    [InlineData("140")]
    [InlineData("140x")]
    [InlineData("m")]
    [InlineData("0m")]
    [InlineData("")]
    public void WhatIsNoPositiveDurationIsRefusedWithTheText(string text)
    {
        FormatException error = Assert.Throws<FormatException>(() => TimeBudget.Parse(text));

        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEpochThatWouldEndPastTheBudgetIsNotStarted()
    {
        TimeSpan[] epochs = [TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10)];

        Assert.True(TimeBudget.AllowsEpoch(TimeSpan.FromMinutes(130), Limit, epochs));
        Assert.False(TimeBudget.AllowsEpoch(TimeSpan.FromMinutes(131), Limit, epochs));
    }

    [Fact]
    public void TheLongestOfTheLastThreeEpochsPredictsTheNext()
    {
        TimeSpan[] longLast = [TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(20)];
        TimeSpan[] longLongAgo = [TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)];

        Assert.False(TimeBudget.AllowsEpoch(TimeSpan.FromMinutes(125), Limit, longLast));
        Assert.True(TimeBudget.AllowsEpoch(TimeSpan.FromMinutes(125), Limit, longLongAgo));
    }

    [Fact]
    public void WithNoEpochToGoByTheFirstEpochStartsEvenPastTheBudget() =>
        Assert.True(TimeBudget.AllowsEpoch(TimeSpan.FromMinutes(150), Limit, []));
}
