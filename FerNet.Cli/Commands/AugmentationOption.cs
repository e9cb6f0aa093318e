using System.CommandLine;
using FerNet.Inference;

namespace FerNet.Cli.Commands;

/// <summary>The --tta option of predict, faces and evaluate: test-time augmentation, none or flip.</summary>
internal static class AugmentationOption
{
    public static Option<string> Create()
    {
        var option = new Option<string>("--tta")
        {
            HelpName = "none|flip",
            Description = "Test-time augmentation: none, or flip (average each face with its mirror image; twice the model time).",
            DefaultValueFactory = _ => "none",
        };
        option.AcceptOnlyFromAmong("none", "flip");
        return option;
    }

    /// <summary>The augmentation a parsed value names.</summary>
    public static TestTimeAugmentation Parse(string? value) =>
        value == "flip" ? TestTimeAugmentation.HorizontalFlip : TestTimeAugmentation.None;
}
