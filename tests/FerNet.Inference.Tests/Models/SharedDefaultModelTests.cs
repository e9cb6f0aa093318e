using FerNet.Inference;
using FerNet.Testing.Images;

namespace FerNet.Inference.Tests.Models;

/// <summary>
/// <see cref="EmotionClassifier.Default"/> is one model for the whole process, which no caller can
/// dispose, not even through a cast; <see cref="EmotionClassifier.LoadDefault"/> gives a model of the caller's own.
/// </summary>
public sealed class SharedDefaultModelTests
{
    [Fact]
    public void Every_thread_gets_the_one_shared_default_model()
    {
        var seen = new IEmotionModel[8];

        Parallel.For(0, seen.Length, new ParallelOptions { MaxDegreeOfParallelism = seen.Length }, i => seen[i] = EmotionClassifier.Default);

        Assert.All(seen, model => Assert.Same(EmotionClassifier.Default, model));
        Assert.Equal(TestTimeAugmentation.None, EmotionClassifier.Default.Options.TestTimeAugmentation);
    }

    [Fact]
    public void The_shared_default_model_offers_nothing_to_dispose_and_the_facade_scores_with_it()
    {
        byte[] face = TestFaces.GrayPng(seed: 70);

        // A container or a `using` disposes what implements IDisposable; the shared model must not.
        Assert.IsNotAssignableFrom<IDisposable>(EmotionClassifier.Default);
        Assert.Equal(EmotionClassifier.Default.Predict(face), EmotionClassifier.Predict(new MemoryStream(face)));
    }

    [Fact]
    public void LoadDefault_gives_a_model_of_the_callers_own()
    {
        byte[] face = TestFaces.GrayPng(seed: 71);
        EmotionModel own = EmotionClassifier.LoadDefault();

        Assert.NotSame(EmotionClassifier.Default, own);
        Assert.Equal(EmotionClassifier.Default.Predict(face), own.Predict(face));
        own.Dispose();
        Assert.Throws<ObjectDisposedException>(() => own.Predict(face));
        Assert.Equal(EmotionClassifier.Default.Predict(face), EmotionClassifier.Predict(new MemoryStream(face)));
    }
}
