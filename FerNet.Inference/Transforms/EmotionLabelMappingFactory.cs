using FerNet.Core;
using Microsoft.ML.Transforms;

namespace FerNet.Inference.Transforms;

/// <summary>
/// Names the most probable emotion (the first in canonical order on a tie, as
/// <see cref="EmotionPrediction.Emotion"/>) and copies the probabilities. Registered by its contract
/// name, so that a saved pipeline finds it again on load.
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
internal sealed class EmotionLabelMappingFactory : CustomMappingFactory<ModelOutputRow, EmotionLabelRow>
{
    public const string ContractName = "FerNet.Inference.EmotionLabel";

    public override Action<ModelOutputRow, EmotionLabelRow> GetMapping() => Map;

    public static void Map(ModelOutputRow source, EmotionLabelRow destination)
    {
        destination.PredictedEmotion = EmotionLabels.Name(EmotionLabels.MostProbable(source.Probabilities));
        destination.Probabilities = [.. source.Probabilities];
    }
}
