using FerNet.Core;
using FerNet.Core.Models;
using FerNet.Inference;
using FerNet.Testing.Files;
using FerNet.Testing.Images;
using FerNet.Testing.Models;

namespace FerNet.Inference.Tests;

/// <summary>
/// Inputs a hostile tester feeds FerNet.Inference: a loop of symbolic links where an image or a model
/// belongs, a JPEG whose scan data is too short for the size its header claims, and models that
/// declare a free batch size or [N, 7] output but do not honour it. Each fails with FerNet's own
/// exception, naming the input, and never later than the load for a model.
/// </summary>
public sealed class HostileInputTests(LinearModelFixture fixture) : IClassFixture<LinearModelFixture>, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_loop_of_links_as_an_image_or_a_model_is_refused_by_name()
    {
        string loop = _directory.Combine("loop-a");
        File.CreateSymbolicLink(loop, _directory.Combine("loop-b"));
        File.CreateSymbolicLink(_directory.Combine("loop-b"), loop);
        string good = _directory.Combine("good.png");
        File.WriteAllBytes(good, TestFaces.GrayPng(seed: 1));

        foreach (Action call in new Action[]
        {
            () => fixture.Model.Predict(loop),
            () => ImageLoader.Load(loop).Dispose(),
            () => fixture.Model.PredictBatch([good, loop]),
        })
        {
            var error = Assert.Throws<InvalidImageException>(call);
            Assert.Contains(loop, error.Message, StringComparison.Ordinal);
            Assert.Contains("cannot be followed", error.Message, StringComparison.Ordinal);
        }

        var model = Assert.Throws<InvalidModelException>(() => EmotionClassifier.Load(loop));
        Assert.Contains(loop, model.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be followed", model.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_jpeg_whose_header_claims_more_blocks_than_its_scan_data_can_hold_is_refused_as_truncated()
    {
        byte[] face = TestFaces.EncodeAndDispose(TestFaces.Gray(seed: 2), "jpeg");
        byte[] bomb = CraftedImages.JpegClaiming(face, 5000, 5000);

        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidImageException>(() => fixture.Model.Predict(bomb));

        Assert.Contains("truncated JPEG", error.Message, StringComparison.Ordinal);
        Assert.Contains("blocks of 8 x 8 pixels", error.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore < 20_000_000, "The claimed 25 MP must be refused before they are decoded.");

        // The same face with its own header decodes and is scored.
        Assert.Equal(EmotionLabels.Count, fixture.Model.Predict(face).Probabilities.Count);
    }

    [Fact]
    public void A_model_that_declares_a_free_batch_but_runs_only_one_face_is_refused_at_load()
    {
        // Flatten from axis 0 turns [N, 1, 48, 48] into [1, N x 2304]: only N = 1 fits the Gemm.
        byte[] onnx = Model(builder => builder
            .Node("Flatten", [FaceInputContract.InputName], "flat", ("axis", 0L))
            .Node("Gemm", ["flat", "weights", "bias"], FaceInputContract.LogitsName)
            .Node("Softmax", [FaceInputContract.LogitsName], FaceInputContract.OutputName, ("axis", 1L)));
        string path = fixture.WriteFile("batch-of-one.onnx", onnx);

        var fromFile = Assert.Throws<InvalidModelException>(() => EmotionClassifier.Load(path));
        var fromBytes = Assert.Throws<InvalidModelException>(() => EmotionClassifier.FromStream(new MemoryStream(onnx)));

        Assert.Contains(path, fromFile.Message, StringComparison.Ordinal);
        Assert.Contains("failed to run on a batch of 4 faces", fromFile.Message, StringComparison.Ordinal);
        Assert.Contains("failed to run on a batch of 4 faces", fromBytes.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_that_declares_one_row_per_face_but_returns_one_row_is_refused_at_load_by_name()
    {
        byte[] onnx = Model(builder => builder
            .Node("Flatten", [FaceInputContract.InputName], "flat", ("axis", 1L))
            .Node("Gemm", ["flat", "weights", "bias"], FaceInputContract.LogitsName)
            .Node("Softmax", [FaceInputContract.LogitsName], "each", ("axis", 1L))
            .Node("ReduceMean", ["each"], FaceInputContract.OutputName, ("axes", new long[] { 0 }), ("keepdims", 1L)));
        string path = fixture.WriteFile("one-row.onnx", onnx);

        var error = Assert.Throws<InvalidModelException>(() => EmotionClassifier.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("returned 7 values in 'probabilities' for 4 faces", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Model(Func<OnnxGraphBuilder, OnnxGraphBuilder> body)
    {
        var builder = new OnnxGraphBuilder()
            .Input(FaceInputContract.InputName, null, FaceInputContract.Channels, FaceInputContract.Height, FaceInputContract.Width)
            .Initializer("weights", [FaceInputContract.PixelCount, EmotionLabels.Count], new float[FaceInputContract.PixelCount * EmotionLabels.Count])
            .Initializer("bias", [EmotionLabels.Count], new float[EmotionLabels.Count]);
        return body(builder)
            .Output(FaceInputContract.OutputName, null, EmotionLabels.Count)
            .Metadata(ModelMetadataKeys.Architecture, "hostile-test")
            .Metadata(ModelMetadataKeys.Labels, string.Join(",", EmotionLabels.Names))
            .ToBytes();
    }
}
