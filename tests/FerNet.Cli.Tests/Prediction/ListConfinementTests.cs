using System.Text.Json;
using FerNet.Cli.Tests.Running;
using FerNet.Testing.Files;
using FerNet.Testing.Models;

namespace FerNet.Cli.Tests.Prediction;

/// <summary>
/// A --list names images relative to the scored folder and cannot reach outside it, by "..", an
/// absolute name or a link; and no reason the CLI gives for a file that is no image quotes its bytes.
/// </summary>
public sealed class ListConfinementTests(LinearModelFixture fixture) : IClassFixture<LinearModelFixture>, IDisposable
{
    // The first bytes of /etc/shadow as the reason for a skipped file used to quote them: "root:*:2".
    private const string Secret = "root:*:20000:0:99999:7:::\n";
    private const string SecretHex = "726F6F743A2A3A32";

    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Names_that_leave_the_folder_are_refused_by_name_and_never_opened()
    {
        FaceFiles.Pngs(_directory.Combine("data", "faces"), 2);
        string secret = _directory.Combine("secret.txt");
        File.WriteAllText(secret, Secret);
        SpecialFiles.Link(_directory.Combine("data", "faces", "evil.png"), secret);
        string list = _directory.Combine("list.csv");
        File.WriteAllText(list, $"img_name\n../../secret.txt\n{secret}\nevil.png\nface001.png\n");
        string json = _directory.Combine("results.json");

        PredictCliResult result = PredictCli.Run(_directory.Combine("data", "faces"), "--list", list, "--model", fixture.ModelPath, "--out", json);

        Assert.Equal(1, result.ExitCode);
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(["face001.png"], document.RootElement.GetProperty("images").EnumerateArray().Select(image => image.GetProperty("img_name").GetString()));
        JsonElement[] skipped = [.. document.RootElement.GetProperty("skipped").EnumerateArray()];
        Assert.Equal(["../../secret.txt", secret, "evil.png"], skipped.Select(image => image.GetProperty("img_name").GetString()));
        Assert.All(skipped, image => Assert.Contains("outside the folder", image.GetProperty("reason").GetString(), StringComparison.Ordinal));
        Assert.Contains("skipped ../../secret.txt: ", result.Errors, StringComparison.Ordinal);
        Assert.Contains("skipped evil.png: ", result.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretHex, result.Errors + File.ReadAllText(json), StringComparison.Ordinal);
        Assert.Contains("Scored 1 of 4 files, skipped 3.", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_no_image_is_skipped_without_quoting_its_bytes()
    {
        FaceFiles.Pngs(_directory.Combine("faces"), 2);
        File.WriteAllText(_directory.Combine("faces", "notes.txt"), Secret);
        string json = _directory.Combine("results.json");

        PredictCliResult folder = PredictCli.Run(_directory.Combine("faces"), "--model", fixture.ModelPath, "--out", json);
        PredictCliResult single = PredictCli.Run(_directory.Combine("faces", "notes.txt"), "--model", fixture.ModelPath);

        // A folder with one unusable file scored the rest (1); a single unusable image scored nothing (2).
        Assert.Equal((1, 2), (folder.ExitCode, single.ExitCode));
        Assert.Contains("skipped notes.txt: ", folder.Errors, StringComparison.Ordinal);
        Assert.Contains("is not an image", single.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretHex, folder.Errors + single.Errors + File.ReadAllText(json), StringComparison.Ordinal);
    }
}
