using FerNet.Core;
using Microsoft.ML.Data;

namespace FerNet.Inference.Transforms;

/// <summary>The two columns <see cref="EmotionTransformsCatalogExtensions.PredictEmotion"/> adds, before they get the caller's names.</summary>
internal sealed class EmotionLabelRow
{
    [ColumnName(EmotionPredictionEstimator.LabelColumn)]
    public string PredictedEmotion { get; set; } = string.Empty;

    [ColumnName(EmotionPredictionEstimator.ProbabilitiesColumn)]
    [VectorType(EmotionLabels.Count)]
    public float[] Probabilities { get; set; } = [];
}
