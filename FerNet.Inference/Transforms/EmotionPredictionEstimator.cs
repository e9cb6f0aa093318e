using FerNet.Core;
using FerNet.Inference.Pipeline;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace FerNet.Inference.Transforms;

/// <summary>
/// The estimator behind <see cref="EmotionTransformsCatalogExtensions.PredictEmotion"/>: scale to cover
/// 48 x 48 and centre-crop, gray and scale to [0, 1], run the ONNX model, name the top emotion. Every
/// step is an ML.NET transformer that saves with the model (the ONNX model's bytes included).
/// </summary>
/// <remarks>
/// The steps are fitted one after another on the data rather than chained as estimators: an
/// estimator chain checks the custom mapping's input against the resize step's declared schema,
/// and ML.NET compares the two 48 x 48 image types by reference, so it refuses them.
/// </remarks>
internal sealed class EmotionPredictionEstimator(MLContext mlContext, string labelColumn, string probabilitiesColumn, string imageColumn, byte[] model)
    : IEstimator<ITransformer>
{
    public const string LabelColumn = "FerNet.PredictedEmotion";
    public const string ProbabilitiesColumn = "FerNet.Probabilities";

    public ITransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        DataViewSchema.Column? image = input.Schema.GetColumnOrNull(imageColumn);
        CheckImageColumn(image is { } found ? (found.Type, false) : null, input.Schema.Select(column => column.Name));
        var steps = new List<ITransformer>();
        IDataView data = input;
        data = Fit(steps, data, FacePreprocessing.Resize(mlContext, imageColumn));
        data = Fit(steps, data, FacePreprocessing.ScaledGray(mlContext));
        using (var modelStream = new MemoryStream(model, writable: false))
        {
            data = Fit(steps, data, mlContext.Transforms.ApplyOnnxModel([FaceInputContract.OutputName], [FaceInputContract.InputName], modelStream));
        }

        data = Fit(steps, data, mlContext.Transforms.CustomMapping<ModelOutputRow, EmotionLabelRow>(EmotionLabelMappingFactory.Map, EmotionLabelMappingFactory.ContractName));
        data = Fit(steps, data, mlContext.Transforms.CopyColumns(labelColumn, LabelColumn));
        data = Fit(steps, data, mlContext.Transforms.CopyColumns(probabilitiesColumn, ProbabilitiesColumn));
        Fit(steps, data, mlContext.Transforms.DropColumns(FacePreprocessing.ResizedColumn, FaceInputContract.InputName, FaceInputContract.OutputName, LabelColumn, ProbabilitiesColumn));
        return new TransformerChain<ITransformer>([.. steps]);
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        SchemaShape.Column[] image = [.. inputSchema.Where(column => column.Name == imageColumn)];
        CheckImageColumn(image.Length == 0 ? null : (image[^1].ItemType, image[^1].Kind != SchemaShape.Column.VectorKind.Scalar), inputSchema.Select(column => column.Name));

        // SchemaShape.Column has no public constructor: the added columns' shapes come from a mapping
        // that reads nothing and writes the two columns under the caller's names.
        SchemaDefinition definition = SchemaDefinition.Create(typeof(EmotionLabelRow));
        definition[LabelColumn].ColumnName = labelColumn;
        definition[ProbabilitiesColumn].ColumnName = probabilitiesColumn;
        SchemaShape added = mlContext.Transforms
            .CustomMapping<NoColumnsRow, EmotionLabelRow>(static (_, _) => { }, contractName: null, outputSchemaDefinition: definition)
            .GetOutputSchema(new SchemaShape([]));
        return new SchemaShape(inputSchema.Where(column => column.Name != labelColumn && column.Name != probabilitiesColumn).Concat(added));
    }

    private static IDataView Fit(List<ITransformer> steps, IDataView data, IEstimator<ITransformer> step)
    {
        ITransformer fitted = step.Fit(data);
        steps.Add(fitted);
        return fitted.Transform(data);
    }

    private void CheckImageColumn((DataViewType Type, bool IsVector)? column, IEnumerable<string> columnNames)
    {
        if (column is not { } found)
        {
            throw new ArgumentOutOfRangeException(nameof(column), $"PredictEmotion reads the image column '{imageColumn}', which the data does not have; its columns are [{string.Join(", ", columnNames)}].");
        }

        if (found.IsVector || found.Type is not ImageDataViewType)
        {
            throw new ArgumentOutOfRangeException(nameof(column), $"PredictEmotion reads images (MLImage, as LoadImages gives them) from column '{imageColumn}', which holds {found.Type}; load the images first, e.g. mlContext.Transforms.LoadImages(\"{imageColumn}\", folder, \"ImagePath\").");
        }
    }
}
