using System.Globalization;
using System.Text.Json;
using FerNet.Core;
using FerNet.Faces;
using FerNet.Cli.Prediction;
using FerNet.Cli.Terminal;

namespace FerNet.Cli.FaceAnalysis;

/// <summary>
/// How the faces, video and camera verbs write the faces of one image or frame. CSV: one row per
/// face (<c>faces</c> = how many the image has, <c>face</c> = 1, 2, ... most confident first, box,
/// detector confidence, label, then the seven probabilities in canonical order); an image or frame
/// without a face still gets one row, with <c>faces</c> = 0 and the face fields empty. JSON: a
/// <c>faces</c> array of objects with <c>box</c>, <c>confidence</c>, <c>label</c>,
/// <c>probability</c> and <c>probabilities</c> by name.
/// </summary>
internal static class FaceRecords
{
    /// <summary>The CSV columns after the ones that name the image or frame.</summary>
    public static IReadOnlyList<string> CsvColumns { get; } = ["faces", "face", "x", "y", "width", "height", "confidence", "label", .. EmotionLabels.Names];

    /// <summary>Writes the rows of one image or frame, each starting with <paramref name="leadingFields"/> (already escaped and comma-separated).</summary>
    public static void WriteCsvRows(TextWriter writer, string leadingFields, IReadOnlyList<FaceEmotion> faces)
    {
        if (faces.Count == 0)
        {
            writer.Write($"{leadingFields},0{new string(',', CsvColumns.Count - 1)}\n");
            return;
        }

        for (int i = 0; i < faces.Count; i++)
        {
            FaceEmotion face = faces[i];
            writer.Write(string.Create(
                CultureInfo.InvariantCulture,
                $"{leadingFields},{faces.Count},{i + 1},{face.Box.X},{face.Box.Y},{face.Box.Width},{face.Box.Height},{face.Confidence},{EmotionLabels.Name(face.Prediction.Emotion)}"));
            foreach (float probability in face.Prediction.Probabilities)
            {
                writer.Write(',');
                writer.Write(probability.ToString(CultureInfo.InvariantCulture));
            }

            writer.Write('\n');
        }
    }

    /// <summary>Writes the property <c>"faces": [...]</c> into the JSON object being written.</summary>
    public static void WriteJsonFaces(Utf8JsonWriter json, IReadOnlyList<FaceEmotion> faces)
    {
        json.WriteStartArray("faces");
        foreach (FaceEmotion face in faces)
        {
            json.WriteStartObject();
            json.WriteStartObject("box");
            json.WriteNumber("x", face.Box.X);
            json.WriteNumber("y", face.Box.Y);
            json.WriteNumber("width", face.Box.Width);
            json.WriteNumber("height", face.Box.Height);
            json.WriteEndObject();
            json.WriteNumber("confidence", face.Confidence);
            PredictionJson.WritePrediction(json, face.Prediction);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>One line for a person: "2 faces: happy 92.1 % at (10, 20, 64x80), neutral 55.0 % at (...)".</summary>
    public static string Summary(IReadOnlyList<FaceEmotion> faces) =>
        faces.Count == 0
            ? "no face"
            : $"{Counted.Of(faces.Count, "face")}: " + string.Join(", ", faces.Select(face => string.Create(
                CultureInfo.InvariantCulture,
                $"{FaceAnnotator.Label(face.Prediction)} at ({face.Box.X}, {face.Box.Y}, {face.Box.Width}x{face.Box.Height})")));
}
