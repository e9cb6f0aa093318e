using System.Globalization;
using FerNet.Faces;
using FerNet.Inference;
using Microsoft.Extensions.Options;

namespace FerNet.Extensions.DependencyInjection;

/// <summary>
/// Checks <see cref="FerNetOptions"/> when the host starts, so that a wrong path, or a file that is
/// no usable model or detector, fails the start with a message naming it rather than every request
/// with a loader's error: the files named are loaded and probed as the services will load them.
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

        if (failures.Count == 0)
        {
            ProbeFiles(options, failures);
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

    // Loading runs FerNet's own checks (ONNX, contract, probe faces; the detector's at construction).
    // The files are loaded again, once, when the services are first resolved.
    private static void ProbeFiles(FerNetOptions options, List<string> failures)
    {
        if (options.ModelPath is not null)
        {
            try
            {
                EmotionClassifier.Load(options.ModelPath).Dispose();
            }
            catch (Exception e) when (e is InvalidModelException or IOException or UnauthorizedAccessException)
            {
                failures.Add($"FerNet:ModelPath '{options.ModelPath}' cannot be used: {e.Message}");
            }
        }

        if (options.DetectorModelPath is not null)
        {
            try
            {
                new YuNetFaceDetector(options.DetectorModelPath).Dispose();
            }
            catch (Exception e) when (e is FaceDetectorModelException or IOException or UnauthorizedAccessException)
            {
                failures.Add($"FerNet:DetectorModelPath '{options.DetectorModelPath}' cannot be used: {e.Message}");
            }
        }
    }
}
