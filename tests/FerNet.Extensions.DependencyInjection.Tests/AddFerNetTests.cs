using FerNet.Faces;
using FerNet.Inference;
using FerNet.Testing.Data;
using FerNet.Testing.Faces;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FerNet.Extensions.DependencyInjection.Tests;

/// <summary>services.AddFerNet: one model and one analyzer per container, disposed with it, options checked first.</summary>
public sealed class AddFerNetTests(CollageFixture collage) : IClassFixture<CollageFixture>
{
    [Fact]
    public void TheModelAndTheAnalyzerAreSingletonsAndTheAnalyzerUsesTheModel()
    {
        using ServiceProvider provider = Services(_ => { });

        EmotionModel model = provider.GetRequiredService<EmotionModel>();
        FaceEmotionAnalyzer analyzer = provider.GetRequiredService<FaceEmotionAnalyzer>();
        using (IServiceScope scope = provider.CreateScope())
        {
            Assert.Same(model, scope.ServiceProvider.GetRequiredService<EmotionModel>());
            Assert.Same(analyzer, scope.ServiceProvider.GetRequiredService<FaceEmotionAnalyzer>());
        }

        Assert.Equal(collage.Found, analyzer.Analyze(collage.CollagePath));

        // The analyzer scores with the registered model, not one of its own: without it, it cannot classify.
        model.Dispose();
        Assert.Throws<ObjectDisposedException>(() => analyzer.Analyze(collage.CollagePath));
    }

    [Fact]
    public void DisposingTheContainerDisposesTheModelAndTheAnalyzer()
    {
        ServiceProvider provider = Services(options => options.DetectorModelPath = SharedData.YuNetModelPath);
        EmotionModel model = provider.GetRequiredService<EmotionModel>();
        FaceEmotionAnalyzer analyzer = provider.GetRequiredService<FaceEmotionAnalyzer>();
        byte[] png = File.ReadAllBytes(collage.CollagePath);
        Assert.NotEmpty(analyzer.Analyze(png));

        provider.Dispose();

        Assert.Throws<ObjectDisposedException>(() => model.Predict(png));
        Assert.Throws<ObjectDisposedException>(() => analyzer.Analyze(png));
    }

    [Fact]
    public void TheOptionsReachTheModel()
    {
        using ServiceProvider provider = Services(options =>
        {
            options.DetectorModelPath = SharedData.YuNetModelPath;
            options.TestTimeAugmentation = TestTimeAugmentation.HorizontalFlip;
        });
        using EmotionModel flipped = EmotionClassifier.LoadDefault(options: new EmotionModelOptions { TestTimeAugmentation = TestTimeAugmentation.HorizontalFlip });
        byte[] png = File.ReadAllBytes(collage.CollagePath);

        EmotionPrediction registered = provider.GetRequiredService<EmotionModel>().Predict(png);

        Assert.Equal(flipped.Predict(png), registered);
        Assert.NotEqual(EmotionClassifier.Default.Predict(png), registered);
    }

    [Fact]
    public void AModelPathThatDoesNotExistFailsTheFirstResolveNamingThePath()
    {
        string missing = Path.Combine(Path.GetTempPath(), "fernet-no-such-model.onnx");
        using ServiceProvider provider = Services(options =>
        {
            options.ModelPath = missing;
            options.DetectorModelPath = SharedData.YuNetModelPath;
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<EmotionModel>());

        Assert.Contains($"FerNet:ModelPath '{missing}' does not exist", error.Message, StringComparison.Ordinal);
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<FaceEmotionAnalyzer>());
    }

    [Fact]
    public void AModelPathIsLoadedFromThatFile()
    {
        string notAModel = Path.Combine(Path.GetTempPath(), $"fernet-not-a-model-{Guid.NewGuid():N}.onnx");
        File.WriteAllText(notAModel, "not an ONNX model");
        try
        {
            using ServiceProvider provider = Services(options =>
            {
                options.ModelPath = notAModel;
                options.DetectorModelPath = SharedData.YuNetModelPath;
            });

            // The validation loads the file, as the service will, and fails with FerNet's reason.
            var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<EmotionModel>());
            Assert.Contains($"FerNet:ModelPath '{notAModel}' cannot be used", error.Message, StringComparison.Ordinal);
            Assert.Contains("is not an ONNX model", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(notAModel);
        }
    }

    [Fact]
    public void EveryBadOptionIsNamedInOneMessage()
    {
        using ServiceProvider provider = Services(options =>
        {
            options.MinimumFaceSide = 0;
            options.DetectorModelPath = "no-such-detector.onnx";
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<FaceEmotionAnalyzer>());

        Assert.Contains("FerNet:DetectorModelPath 'no-such-detector.onnx' does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("FerNet:MinimumFaceSide is 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Int8PrecisionRegistersTheEmbeddedInt8ModelAndIsRefusedBesideAModelPath()
    {
        using ServiceProvider provider = Services(options => options.Precision = DefaultModelPrecision.Int8);
        using ServiceProvider misconfigured = Services(options =>
        {
            options.Precision = DefaultModelPrecision.Int8;
            options.ModelPath = SharedData.YuNetModelPath;
        });

        EmotionModel model = provider.GetRequiredService<EmotionModel>();

        Assert.True(model.Metadata.ContainsKey(FerNet.Core.Models.ModelMetadataKeys.Quantization), "the registered model is not the int8 one");
        var error = Assert.Throws<OptionsValidationException>(() => misconfigured.GetRequiredService<EmotionModel>());
        Assert.Contains("FerNet:Precision Int8", error.Message, StringComparison.Ordinal);
        Assert.Contains(SharedData.YuNetModelPath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddFerNetTwiceRegistersOneModel()
    {
        var services = new ServiceCollection();
        services.AddFerNet(options => options.DetectorModelPath = SharedData.YuNetModelPath).AddFerNet();

        Assert.Single(services, service => service.ServiceType == typeof(EmotionModel));
        Assert.Single(services, service => service.ServiceType == typeof(FaceEmotionAnalyzer));
        Assert.Single(services, service => service.ServiceType == typeof(IValidateOptions<FerNetOptions>));
    }

    private static ServiceProvider Services(Action<FerNetOptions> configure) =>
        new ServiceCollection().AddFerNet(configure).BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
}
