using FerNet.Core;
using FerNet.Training.Data;

namespace FerNet.Training.Tests.Data;

public sealed class FaceDatasetTests
{
    [Fact]
    public void Select_CarriesTheSourcesOfTheChosenImages()
    {
        var dataset = new FaceDataset(
            [.. SyntheticFer2013.Face(0), .. SyntheticFer2013.Face(1), .. SyntheticFer2013.Face(2)],
            [Emotion.Angry, Emotion.Happy, Emotion.Sad],
            ["a.png", "b.png", "c.png"]);

        FaceDataset selected = dataset.Select([2, 0]);

        Assert.Equal(["c.png", "a.png"], selected.Sources);
        Assert.Equal([Emotion.Sad, Emotion.Angry], selected.Labels.ToArray());
        Assert.Equal(SyntheticFer2013.Face(2), selected.Image(0).ToArray());
    }

    [Fact]
    public void Select_WithoutSources_HasNone()
    {
        var dataset = new FaceDataset(SyntheticFer2013.Face(0), [Emotion.Fear]);

        Assert.Null(dataset.Select([0]).Sources);
    }

    [Fact]
    public void Constructor_RejectsASourceCountOtherThanTheLabelCount()
    {
        Assert.Throws<ArgumentException>(() => new FaceDataset(SyntheticFer2013.Face(0), [Emotion.Fear], ["a.png", "b.png"]));
    }
}
