using System.CommandLine;
using FerNet.Cli.Prediction;
using FerNet.Inference;

namespace FerNet.Cli.Commands;

/// <summary>The --precision option of predict, faces and evaluate: which embedded default model scores, float32 or int8.</summary>
internal static class PrecisionOption
{
    public static Option<string> Create()
    {
        var option = new Option<string>("--precision")
        {
            HelpName = "float32|int8",
            Description = "The embedded default model in float32, or its int8 quantization (the same answers on every CPU, several times faster; docs/quantization.md). A --model file is scored as it is.",
            DefaultValueFactory = _ => "float32",
        };
        option.AcceptOnlyFromAmong("float32", "int8");
        return option;
    }

    /// <summary>The precision a parsed value names.</summary>
    /// <exception cref="PredictionSetupException">int8 is asked for beside a model file, whose precision is its own.</exception>
    public static DefaultModelPrecision Parse(string? value, string? modelPath)
    {
        DefaultModelPrecision precision = value == "int8" ? DefaultModelPrecision.Int8 : DefaultModelPrecision.Float32;
        return precision == DefaultModelPrecision.Int8 && modelPath is not null
            ? throw new PredictionSetupException($"--precision int8 chooses the embedded int8 model; '{modelPath}' is scored as it is (quantize it with FerNet.Training's quantize verb for an int8 file).")
            : precision;
    }
}
