using FerNet.Core;
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
    public const string ResizedColumn = "FerNet.ResizedFace";
    public const string LabelColumn = "FerNet.PredictedEmotion";
    public const string ProbabilitiesColumn = "FerNet.Probabilities";

    public ITransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckImageColumn(SchemaShape.Create(input.Schema));
        var steps = new List<ITransformer>();
        IDataView data = input;
        data = Fit(steps, data, mlContext.Transforms.ResizeImages(
            ResizedColumn,
            FaceInputContract.Width,
            FaceInputContract.Height,
            imageColumn,
            ImageResizingEstimator.ResizingKind.IsoCrop,
            ImageResizingEstimator.Anchor.Center));
        data = Fit(steps, data, mlContext.Transforms.CustomMapping<ResizedFaceRow, ModelInputRow>(ScaledGrayMappingFactory.Map, ScaledGrayMappingFactory.ContractName));
        using (var modelStream = new MemoryStream(model, writable: false))
        {
            data = Fit(steps, data, mlContext.Transforms.ApplyOnnxModel([FaceInputContract.OutputName], [FaceInputContract.InputName], modelStream));
        }

        data = Fit(steps, data, mlContext.Transforms.CustomMapping<ModelOutputRow, EmotionLabelRow>(EmotionLabelMappingFactory.Map, EmotionLabelMappingFactory.ContractName));
        data = Fit(steps, data, mlContext.Transforms.CopyColumns(labelColumn, LabelColumn));
        data = Fit(steps, data, mlContext.Transforms.CopyColumns(probabilitiesColumn, ProbabilitiesColumn));
        Fit(steps, data, mlContext.Transforms.DropColumns(ResizedColumn, FaceInputContract.InputName, FaceInputContract.OutputName, LabelColumn, ProbabilitiesColumn));
        return new TransformerChain<ITransformer>([.. steps]);
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        CheckImageColumn(inputSchema);

        // SchemaShape.Column has no public constructor; the added columns' shapes come from a typed empty view.
        SchemaDefinition definition = SchemaDefinition.Create(typeof(EmotionLabelRow));
        definition[LabelColumn].ColumnName = labelColumn;
        definition[ProbabilitiesColumn].ColumnName = probabilitiesColumn;
        SchemaShape added = SchemaShape.Create(mlContext.Data.LoadFromEnumerable(Array.Empty<EmotionLabelRow>(), definition).Schema);
        return new SchemaShape(inputSchema.Where(column => column.Name != labelColumn && column.Name != probabilitiesColumn).Concat(added));
    }

    private static IDataView Fit(List<ITransformer> steps, IDataView data, IEstimator<ITransformer> step)
    {
        ITransformer fitted = step.Fit(data);
        steps.Add(fitted);
        return fitted.Transform(data);
    }

    private void CheckImageColumn(SchemaShape schema)
    {
        if (!schema.TryFindColumn(imageColumn, out SchemaShape.Column column))
        {
            throw new ArgumentOutOfRangeException(nameof(schema), $"PredictEmotion reads the image column '{imageColumn}', which the data does not have; its columns are [{string.Join(", ", schema.Select(c => c.Name))}].");
        }

        if (column.Kind != SchemaShape.Column.VectorKind.Scalar || column.ItemType is not ImageDataViewType)
        {
            throw new ArgumentOutOfRangeException(nameof(schema), $"PredictEmotion reads images (MLImage, as LoadImages gives them) from column '{imageColumn}', which holds {column.ItemType}; load the images first, e.g. mlContext.Transforms.LoadImages(\"{imageColumn}\", folder, \"ImagePath\").");
        }
    }
}
