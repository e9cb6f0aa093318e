using System.Text.Json.Serialization;

namespace FerNet.Tooling.Metrics;

/// <summary>Compile-time JSON metadata for <see cref="ClassificationReportDocument"/>, strict about missing and null values.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(ClassificationReportDocument))]
internal sealed partial class ClassificationReportJsonContext : JsonSerializerContext;
