using FerNet.Core;
using FerNet.Training.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace FerNet.Training.Tests.Data;

public sealed class SharedFer2013Tests(SharedFer2013Fixture fer2013) : IClassFixture<SharedFer2013Fixture>
{
    [Fact]
    public void Train_HasTheKaggleClassCounts()
    {
        // angry, disgust, fear, happy, neutral, sad, surprise
        Assert.Equal([3995, 436, 4097, 7215, 4965, 4830, 3171], fer2013.Train.ClassCounts());
        Assert.Equal(28_709, fer2013.Train.Count);
    }

    [Fact]
    public void PublicTest_HasTheKaggleClassCounts()
    {
        Assert.Equal([467, 56, 496, 895, 607, 653, 415], fer2013.PublicTest.ClassCounts());
        Assert.Equal(3_589, fer2013.PublicTest.Count);
    }

    [Fact]
    public void Train_EachImageHoldsThePixelsOfItsFileAndTheLabelOfItsFolder()
    {
        foreach (int index in new[] { 0, 12_345, fer2013.Train.Count - 1 })
        {
            string source = fer2013.Train.Sources![index];
            using var image = Image.Load<L8>(source);
            var expected = new byte[FaceInputContract.PixelCount];
            image.CopyPixelDataTo(expected);

            Assert.Equal(expected, fer2013.Train.Image(index).ToArray());
            Assert.True(EmotionLabels.TryParse(Path.GetFileName(Path.GetDirectoryName(source)), out Emotion folderLabel));
            Assert.Equal(folderLabel, fer2013.Train.Label(index));
        }
    }

    [Fact]
    public void Train_ReadFromTheCacheEqualsTheDecodedImages()
    {
        Assert.Equal(2, fer2013.CacheFiles.Length);
        Assert.Equal(fer2013.Train.Labels.ToArray(), fer2013.CachedTrain.Labels.ToArray());
        Assert.True(fer2013.Train.Pixels.SequenceEqual(fer2013.CachedTrain.Pixels));
        Assert.Equal(fer2013.Train.Sources, fer2013.CachedTrain.Sources);
    }
}
