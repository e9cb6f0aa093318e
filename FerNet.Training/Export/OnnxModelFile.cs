using FerNet.Inference;
using Google.Protobuf;
using Onnx;

namespace FerNet.Training.Export;

/// <summary>Reads an .onnx file as an ONNX model, with errors that say what the file was wanted for.</summary>
internal static class OnnxModelFile
{
    /// <summary>The ONNX model at <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="role">What the file is to the caller, starting its error messages, e.g. "Ensemble member".</param>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidModelException">The file is not an ONNX model.</exception>
    public static ModelProto Read(string path, string role)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{role} {path} does not exist.", path);
        }

        try
        {
            return ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidModelException($"{role} {path} is not an ONNX model: {e.Message}", e);
        }
    }
}
