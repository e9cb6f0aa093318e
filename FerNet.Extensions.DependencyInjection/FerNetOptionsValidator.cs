using System.Globalization;
using FerNet.Inference;
using Microsoft.Extensions.Options;

namespace FerNet.Extensions.DependencyInjection;

/// <summary>
/// Checks <see cref="FerNetOptions"/> before any model is loaded, so that a wrong path fails the
/// host's start with a message naming it rather than the first request with a loader's error.
/// </summary>
internal sealed class FerNetOptionsValidator : IValidateOptions<FerNetOptions>
{
    public ValidateOptionsResult Validate(string? name, FerNetOptions options)
    {
        var failures = new List<string>();
        if (options.ModelPath is not null && !File.Exists(options.ModelPath))
        {
            failures.Add($"FerNet:ModelPath '{options.ModelPath}' does not exist (full path '{Path.GetFullPath(options.ModelPath)}'). Give the path of a FerNet .onnx model, or leave it unset for the embedded model.");
        }

        if (options.DetectorModelPath is not null && !File.Exists(options.DetectorModelPath))
        {
            failures.Add($"FerNet:DetectorModelPath '{options.DetectorModelPath}' does not exist (full path '{Path.GetFullPath(options.DetectorModelPath)}'). Give the path of a YuNet face detector, or leave it unset for the one FerNet.Faces bundles.");
        }

        if (options.MinimumFaceSide < 1)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"FerNet:MinimumFaceSide is {options.MinimumFaceSide}; it must be at least 1 pixel."));
        }

        if (!Enum.IsDefined(options.Precision))
        {
            failures.Add($"FerNet:Precision {options.Precision} is not one of {string.Join(", ", Enum.GetNames<DefaultModelPrecision>())}.");
        }
        else if (options.Precision != DefaultModelPrecision.Float32 && options.ModelPath is not null)
        {
            failures.Add($"FerNet:Precision {options.Precision} chooses an embedded default model, but FerNet:ModelPath '{options.ModelPath}' names a file, which is scored in its own precision. Unset one of them.");
        }

        if (!Enum.IsDefined(options.TestTimeAugmentation))
        {
            failures.Add($"FerNet:TestTimeAugmentation {options.TestTimeAugmentation} is not one of {string.Join(", ", Enum.GetNames<TestTimeAugmentation>())}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
