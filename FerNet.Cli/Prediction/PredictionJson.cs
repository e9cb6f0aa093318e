using System.Text.Json;
using FerNet.Core;
using FerNet.Inference;

namespace FerNet.Cli.Prediction;

/// <summary>
/// Results as JSON: <c>{"images": [...], "skipped": [...]}</c>. Each image has <c>img_name</c>,
/// <c>label</c>, <c>probability</c> (of the label), <c>probabilities</c> (all seven by name, in
/// canonical order) and, when --top K is given, <c>top</c>: the K most probable emotions, most
/// probable first. Each skipped file has <c>img_name</c> and <c>reason</c>.
/// </summary>
internal static class PredictionJson
{
    /// <summary>A prediction's <c>label</c>, <c>probability</c> and <c>probabilities</c> properties, into the open object.</summary>
    public static void WritePrediction(Utf8JsonWriter json, EmotionPrediction prediction)
    {
        json.WriteString("label", EmotionLabels.Name(prediction.Emotion));
        json.WriteNumber("probability", prediction.Probability);
        json.WriteStartObject("probabilities");
        foreach (Emotion emotion in EmotionLabels.All)
        {
            json.WriteNumber(EmotionLabels.Name(emotion), prediction.ProbabilityOf(emotion));
        }

        json.WriteEndObject();
    }

    public static void Write(Stream stream, PredictionResults results, int? top)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteStartArray("images");
        foreach (ScoredImage image in results.Scored)
        {
            json.WriteStartObject();
            json.WriteString("img_name", image.Name);
            WritePrediction(json, image.Prediction);
            if (top is int count)
            {
                json.WriteStartArray("top");
                foreach (Emotion emotion in EmotionRanking.Top(image.Prediction, count))
                {
                    json.WriteStartObject();
                    json.WriteString("label", EmotionLabels.Name(emotion));
                    json.WriteNumber("probability", image.Prediction.ProbabilityOf(emotion));
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("skipped");
        foreach (SkippedImage image in results.Skipped)
        {
            json.WriteStartObject();
            json.WriteString("img_name", image.Name);
            json.WriteString("reason", image.Reason);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
