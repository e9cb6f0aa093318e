using FerNet.Tests.Prediction;

namespace FerNet.Tests.Cli;

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

    [Fact]
    public void A_negative_camera_index_is_one_line_naming_the_option()
    {
        PredictCliResult result = PredictCli.RunFernet(["camera", "--index", "-1", "--frames", "1"]);

        CliAssert.RefusedWithOneLine(result, "--index is -1");
    }
}
