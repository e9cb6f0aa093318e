using System.Text.Json;
using FerNet.Training.Runs;

namespace FerNet.Training.Tests.Runs;

/// <summary>The option enums are typed and stored under the names the command line has always used.</summary>
public sealed class OptionNamesTests
{
    [Fact]
    public void EveryEnumHasItsCommandLineNames()
    {
        Assert.Equal(["adam", "sgd"], OptionNames.All<OptimizerKind>());
        Assert.Equal(["plateau", "one-cycle"], OptionNames.All<LearningRateScheduleKind>());
        Assert.Equal(["none", "inverse", "sqrt-inverse"], OptionNames.All<ClassWeightingKind>());
        Assert.Equal(["float32", "bfloat16"], OptionNames.All<TrainingPrecision>());
    }

    [Fact]
    public void NamesParseBackAndSerialiseAsThemselves()
    {
        AssertRoundTrips<OptimizerKind>();
        AssertRoundTrips<LearningRateScheduleKind>();
        AssertRoundTrips<ClassWeightingKind>();
        AssertRoundTrips<TrainingPrecision>();
    }

    [Fact]
    public void AnUnknownNameIsRefusedWithTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => OptionNames.Parse<ClassWeightingKind>("Inverse", "class weighting"));

        Assert.Equal("Unknown class weighting 'Inverse': use none, inverse or sqrt-inverse.", error.Message);
    }

    private static void AssertRoundTrips<TEnum>()
        where TEnum : struct, Enum
    {
        foreach (TEnum value in Enum.GetValues<TEnum>())
        {
            string name = OptionNames.Name(value);
            Assert.Equal(value, OptionNames.Parse<TEnum>(name, "value"));
            Assert.Equal($"\"{name}\"", JsonSerializer.Serialize(value));
            Assert.Equal(value, JsonSerializer.Deserialize<TEnum>($"\"{name}\""));
        }
    }
}
