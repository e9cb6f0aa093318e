using FerNet.Core;
using FerNet.Inference;
using FerNet.Inference.Models;
using FerNet.Testing.Models;

namespace FerNet.Inference.Tests.Models;

/// <summary>Models that do not fit FerNet are refused when loaded, with a message that says what does not fit.</summary>
public sealed class ModelLoadingTests
{
    private static readonly LinearFaceModel Linear = new(seed: 5, EmotionLabels.Names);

    public static TheoryData<string, byte[], string> MisfitModels() => new()
    {
        { "three channels", Linear.ToOnnx(3, 48, 48), "[N, 3, 48, 48]" },
        { "64x64 input", Linear.ToOnnx(1, 64, 64), "[N, 1, 64, 64]" },
        { "fixed batch of 8", Linear.ToOnnx(1, 48, 48, batch: 8), "[8, 1, 48, 48]" },
        { "five classes", new LinearFaceModel(seed: 5, ["angry", "fear", "happy", "sad", "surprise"]).ToOnnx(), "[N, 5]" },
        { "input named pixels", Linear.ToOnnx(1, 48, 48, inputName: "pixels"), "inputs [pixels]" },
        { "output named scores", Linear.ToOnnx(1, 48, 48, outputName: "scores"), "'probabilities'" },
        { "no labels", Linear.ToOnnx(1, 48, 48, labelsMetadata: null), "no 'fernet.labels'" },
        { "unknown label", Linear.ToOnnx(1, 48, 48, labelsMetadata: "angry,disgust,fear,joy,neutral,sad,surprise"), "'joy'" },
        { "repeated label", Linear.ToOnnx(1, 48, 48, labelsMetadata: "angry,angry,fear,happy,neutral,sad,surprise"), "'angry' is unknown or repeated" },
        { "six labels", Linear.ToOnnx(1, 48, 48, labelsMetadata: "angry,disgust,fear,happy,neutral,sad"), "(6 names)" },
        { "not ONNX", "not a model"u8.ToArray(), "not an ONNX model" },
        { "empty", [], "is empty" },
    };

    [Theory]
    [MemberData(nameof(MisfitModels))]
    public void Misfit_models_are_refused_at_load(string what, byte[] model, string fault)
    {
        InvalidModelException error = Assert.Throws<InvalidModelException>(() => EmotionClassifier.FromStream(new MemoryStream(model)));

        Assert.Contains(fault, error.Message);
        Assert.StartsWith("The model stream", error.Message);
        Assert.False(string.IsNullOrEmpty(what));
    }

    [Fact]
    public void Load_names_the_file_in_its_errors()
    {
        string path = Path.Combine(Path.GetTempPath(), $"fernet-misfit-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, Linear.ToOnnx(3, 48, 48));
        try
        {
            Assert.Contains($"Model '{path}'", Assert.Throws<InvalidModelException>(() => EmotionClassifier.Load(path)).Message);
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Throws<FileNotFoundException>(() => EmotionClassifier.Load(path));
        Assert.Throws<ArgumentException>(() => EmotionClassifier.Load(""));
        Assert.Throws<ArgumentNullException>(() => EmotionClassifier.FromStream(null!));
    }

    [Fact]
    public void A_missing_embedded_model_is_a_clear_invalid_operation()
    {
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => EmbeddedModel.Load("FerNet.Inference.Models.absent.onnx", EmotionModelOptions.Default));

        Assert.Contains("No default model is embedded", error.Message);
        Assert.Contains("EmotionClassifier.Load", error.Message);
    }

    public static TheoryData<string, string> GarbageOutputs() => new()
    {
        { "Identity", "not a probability" },
        { "Sqrt", "NaN" },
        { "Sigmoid", "sum to" },
    };

    [Theory]
    [MemberData(nameof(GarbageOutputs))]
    public void Models_whose_output_is_no_probability_distribution_are_refused_at_load(string outputOperator, string fault)
    {
        byte[] model = Linear.ToOnnx(1, 48, 48, outputOperator: outputOperator);

        InvalidModelException error = Assert.Throws<InvalidModelException>(() => EmotionClassifier.FromStream(new MemoryStream(model)));

        Assert.StartsWith("The model stream", error.Message);
        Assert.Contains(fault, error.Message);
        Assert.Contains("probe", error.Message);
    }

    [Fact]
    public void A_device_as_a_model_path_is_refused_by_name_without_reading_it()
    {
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        InvalidModelException error = Assert.Throws<InvalidModelException>(() => EmotionClassifier.Load("/dev/zero"));

        Assert.Contains("'/dev/zero'", error.Message);
        Assert.Contains("not a regular file", error.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore < 50_000_000, "The device must be refused, not read.");
    }

    [Fact]
    public void An_endless_model_stream_is_refused_after_a_bounded_read()
    {
        using var endless = new EndlessStream();

        InvalidModelException error = Assert.Throws<InvalidModelException>(() => EmotionClassifier.FromStream(endless));

        Assert.StartsWith("The model stream", error.Message);
        Assert.Contains("MiB", error.Message);
        Assert.InRange(endless.BytesRead, 1, 600L * 1024 * 1024);
    }
}
