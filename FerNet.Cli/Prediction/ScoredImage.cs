using FerNet.Inference;

namespace FerNet.Cli.Prediction;

/// <summary>An image and the model's answer for it.</summary>
internal sealed record ScoredImage(string Name, EmotionPrediction Prediction);
