using FerNet.Faces;
using FerNet.Inference;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FerNet.Extensions.DependencyInjection;

/// <summary>
/// Registers FerNet's emotion model and face analyzer in an <see cref="IServiceCollection"/>.
/// <code>
/// builder.Services.AddFerNet(options => options.ModelPath = "my-model.onnx");
/// ...
/// app.MapPost("/faces", (FaceEmotionAnalyzer analyzer, ...) => ...);
/// </code>
/// </summary>
/// <remarks>
/// The namespace is FerNet's own, not Microsoft.Extensions.DependencyInjection, as .NET's guidance for
/// library authors asks of packages Microsoft does not publish.
/// </remarks>
public static class FerNetServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="EmotionModel"/> and one <see cref="FaceEmotionAnalyzer"/> (using that
    /// model) as singletons. Both are safe to call from many requests at once. They are loaded on first
    /// resolve and disposed with the container. <see cref="FerNetOptions"/> is validated when the host
    /// starts, or without a host on the first resolve, throwing
    /// <see cref="OptionsValidationException"/> with a message that names each bad value.
    /// Calling it again adds the <paramref name="configure"/> step but no second model.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options; null keeps the defaults (the embedded model).</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddFerNet(this IServiceCollection services, Action<FerNetOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<FerNetOptions> options = services.AddOptions<FerNetOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FerNetOptions>, FerNetOptionsValidator>());
        services.TryAddSingleton(static provider => LoadModel(provider.GetRequiredService<IOptions<FerNetOptions>>().Value));
        services.TryAddSingleton(static provider => CreateAnalyzer(
            provider.GetRequiredService<IOptions<FerNetOptions>>().Value,
            provider.GetRequiredService<EmotionModel>()));
        return services;
    }

    private static EmotionModel LoadModel(FerNetOptions options)
    {
        var modelOptions = new EmotionModelOptions { TestTimeAugmentation = options.TestTimeAugmentation };
        return options.ModelPath is null
            ? EmotionClassifier.LoadDefault(options.Precision, modelOptions)
            : EmotionClassifier.Load(options.ModelPath, modelOptions);
    }

    // The analyzer does not dispose the model it is given; the container disposes both, the
    // analyzer first, as it was created last.
    private static FaceEmotionAnalyzer CreateAnalyzer(FerNetOptions options, EmotionModel model)
    {
        var analysis = new FaceAnalysisOptions { MinimumFaceSide = options.MinimumFaceSide };
        return options.DetectorModelPath is null
            ? new FaceEmotionAnalyzer(model, analysis)
            : new FaceEmotionAnalyzer(options.DetectorModelPath, model, analysis);
    }
}
