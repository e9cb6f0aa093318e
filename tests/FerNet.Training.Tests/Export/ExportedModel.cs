using FerNet.Training.Export;
using FerNet.Training.Models;

namespace FerNet.Training.Tests.Export;

/// <summary>A TorchSharp model, the ONNX file exported from it, that file loaded in ONNX Runtime, and the model's own eval-mode scores.</summary>
internal sealed class ExportedModel(FerModel model, OnnxExportInfo info, string path, OnnxModelRunner runner, ClassScores reference) : IDisposable
{
    public FerModel Model { get; } = model;

    public OnnxExportInfo Info { get; } = info;

    public string Path { get; } = path;

    public OnnxModelRunner Runner { get; } = runner;

    /// <summary>TorchSharp's scores for the fixture's images.</summary>
    public ClassScores Reference { get; } = reference;

    public void Dispose()
    {
        Runner.Dispose();
        Model.Dispose();
    }
}
