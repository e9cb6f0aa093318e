using FerNet.Common.IO;
using System.Globalization;
using FerNet.Core;
using FerNet.Core.Models;
using FerNet.Training.Models;
using Google.Protobuf;
using Onnx;

namespace FerNet.Training.Export;

/// <summary>
/// Writes a <see cref="FerModel"/> as a self-describing ONNX file: input <c>input</c> float32
/// [batch, 1, 48, 48] (pixel / 255), outputs <c>probabilities</c> (softmax) and <c>logits</c>, both
/// float32 [batch, 7] in <see cref="EmotionLabels"/> order, and FerNet's <see cref="ModelMetadataKeys"/>
/// in <c>metadata_props</c>. See <see cref="OnnxGraphWriter"/> for how layers are translated.
/// </summary>
internal static class OnnxExporter
{
    /// <summary>
    /// The ONNX opset the graph is stamped with: 26, the newest that ONNX Runtime 1.31 officially
    /// supports (it refuses 27 as "under development; official support for ai.onnx is till opset 26"),
    /// and its CPU provider has kernels for every operator the exporter emits at that opset (Conv, Relu,
    /// BatchNormalization, MaxPool, GlobalAveragePool, Flatten, Gemm, Softmax); the export tests load
    /// and run every exported model.
    /// </summary>
    public const long OpsetVersion = 26;

    /// <summary>The ONNX IR version that ONNX 1.21, the release that introduced opset 26, writes.</summary>
    public const long IrVersion = 13;

    /// <summary>The <c>producer_name</c> of every FerNet model.</summary>
    public const string ProducerName = "FerNet";

    /// <summary>The value of <see cref="ModelMetadataKeys.Normalization"/>: what <see cref="FaceInputContract.PixelScale"/> does.</summary>
    public const string Normalization = "pixel/255";

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/>, replacing any file there atomically.</summary>
    /// <remarks>The graph has eval-mode semantics whatever mode <paramref name="model"/> is in; its mode is left unchanged.</remarks>
    /// <exception cref="NotSupportedException">The model has a layer, or a layer option, the exporter cannot translate; nothing is written.</exception>
    /// <exception cref="ArgumentException">The model does not map the FER input to seven logits; nothing is written.</exception>
    /// <exception cref="IOException">The file could not be written; the target is left as it was.</exception>
    public static void Export(FerModel model, OnnxExportInfo info, string path)
    {
        ModelProto onnx = Build(model, info);
        AtomicFile.Write(path, onnx.WriteTo);
    }

    /// <summary>The ONNX model of <paramref name="model"/> with <paramref name="info"/> as metadata.</summary>
    /// <exception cref="NotSupportedException">The model has a layer, or a layer option, the exporter cannot translate.</exception>
    /// <exception cref="ArgumentException">The model does not map the FER input to seven logits.</exception>
    public static ModelProto Build(FerModel model, OnnxExportInfo info)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(info);
        var onnx = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = ProducerName,
            ProducerVersion = info.FerNetVersion,
            DocString = $"FerNet {model.Architecture} facial-expression classifier: a 48x48 grayscale face (pixel/255) to probabilities of {string.Join(", ", EmotionLabels.Names)}.",
            Graph = OnnxGraphWriter.Write(model),
        };
        onnx.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OpsetVersion });
        AddMetadata(onnx, ContractMetadata(model.Architecture));
        AddMetadata(onnx, RunMetadata(info));
        return onnx;
    }

    /// <summary>Appends <paramref name="entries"/> to <paramref name="onnx"/>'s <c>metadata_props</c>.</summary>
    internal static void AddMetadata(ModelProto onnx, IEnumerable<(string Key, string Value)> entries)
    {
        foreach ((string key, string value) in entries)
        {
            onnx.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }
    }

    /// <summary>What every FerNet model says about its input, output and architecture.</summary>
    internal static IEnumerable<(string Key, string Value)> ContractMetadata(string architecture)
    {
        yield return (ModelMetadataKeys.Labels, string.Join(',', EmotionLabels.Names));
        yield return (ModelMetadataKeys.InputSize, $"{FaceInputContract.Width}x{FaceInputContract.Height}x{FaceInputContract.Channels}");
        yield return (ModelMetadataKeys.Normalization, Normalization);
        yield return (ModelMetadataKeys.Architecture, architecture);
    }

    /// <summary>What a model says about how it was trained, how well it did, and who wrote it when.</summary>
    internal static IEnumerable<(string Key, string Value)> RunMetadata(OnnxExportInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        yield return (ModelMetadataKeys.TrainingData, info.TrainingData);
        yield return (ModelMetadataKeys.ValidationAccuracy, info.ValidationAccuracy.ToString("R", CultureInfo.InvariantCulture));
        if (info.TestAccuracy is { } testAccuracy)
        {
            yield return (ModelMetadataKeys.TestAccuracy, testAccuracy.ToString("R", CultureInfo.InvariantCulture));
        }

        yield return (ModelMetadataKeys.FerNetVersion, info.FerNetVersion);
        yield return (ModelMetadataKeys.CreatedUtc, info.CreatedUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }
}
