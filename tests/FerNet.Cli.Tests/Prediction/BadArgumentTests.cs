using FerNet.Cli.Tests.Running;

namespace FerNet.Cli.Tests.Prediction;

/// <summary>Arguments the command line cannot take end the run with one line on stderr naming the value at fault, and exit code 2.</summary>
public sealed class BadArgumentTests
{
    [Theory]
    [InlineData("predict face.png --top abc", "abc")]
    [InlineData("predict face.png --no-such-option", "--no-such-option")]
    [InlineData("evaluate", "--data")]
    [InlineData("frobnicate", "frobnicate")]
    [InlineData("", "command")]
    public void A_value_or_option_the_parser_refuses_is_one_line_and_exit_code_2(string arguments, string named)
    {
        PredictCliResult result = PredictCli.RunFernet(arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        CliAssert.RefusedWithOneLine(result, named);
    }

    [Theory]
    [InlineData("predcit", "Did you mean predict?")]
    [InlineData("evalute", "Did you mean evaluate?")]
    [InlineData("Faces", "Did you mean faces?")]
    public void A_mistyped_verb_is_one_line_suggesting_the_verb_it_resembles(string typed, string suggestion)
    {
        PredictCliResult result = PredictCli.RunFernet([typed, "face.png"]);

        CliAssert.RefusedWithOneLine(result, $"'{typed}' is not a verb of fernet.", suggestion);
    }

    [Fact]
    public void A_verb_like_no_other_gets_no_suggestion()
    {
        PredictCliResult result = PredictCli.RunFernet(["frobnicate"]);

        CliAssert.RefusedWithOneLine(result, "'frobnicate' is not a verb of fernet.");
        Assert.DoesNotContain("Did you mean", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_camera_index_is_one_line_naming_the_option()
    {
        PredictCliResult result = PredictCli.RunFernet(["camera", "--index", "-1", "--frames", "1"]);

        CliAssert.RefusedWithOneLine(result, "--index is -1");
    }
}
