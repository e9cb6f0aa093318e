using FerNet.Core;
using FerNet.Testing.Data;
using FerNet.Training.Data;
using FerNet.Training.Export;
using FerNet.Training.Models;

namespace FerNet.Training.Tests.Export;

public sealed class RealImageParityTests(ExportedModelsFixture models) : IClassFixture<ExportedModelsFixture>
{
    private const int Images = 256;

    public static TheoryData<string, int> ArchitecturesAndBatchSizes()
    {
        var data = new TheoryData<string, int>();
        foreach (string architecture in ModelCatalog.Names)
        {
            data.Add(architecture, 1);
            data.Add(architecture, 64);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ArchitecturesAndBatchSizes))]
    public void OnnxRuntimeReproducesTorchSharpOnFer2013TestFaces(string architecture, int batchSize)
    {
        FaceDataset test = Fer2013.Load(SharedData.Fer2013Directory, Fer2013Split.PublicTest);
        float[] pixels = test.Pixels[..(Images * FaceInputContract.PixelCount)].ToArray().Select(p => p * FaceInputContract.PixelScale).ToArray();
        ExportedModel exported = models[architecture, true];

        OnnxParityReport report = OnnxParityReport.Measure(exported.Model, exported.Runner, pixels, batchSize);

        ParityAssert.Matches(report, Images);
    }
}
