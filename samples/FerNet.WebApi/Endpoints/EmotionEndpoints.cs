using FerNet.Faces;
using FerNet.Inference;
using FerNet.WebApi.Contracts;
using FerNet.WebApi.Uploads;
using Microsoft.ML.Data;

namespace FerNet.WebApi.Endpoints;

/// <summary>POST /analyze (every face of a photo) and POST /predict (one face crop).</summary>
internal static class EmotionEndpoints
{
    // Other content types get 415. image/* is accepted whole so that an image in a format FerNet does
    // not decode (image/tiff) gets 400 with FerNet's message naming the format.
    private static readonly string[] ImageContentTypes = ["multipart/form-data", "application/octet-stream", "image/*"];

    public static IEndpointRouteBuilder MapEmotionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/analyze", AnalyzeAsync)
            .WithName("Analyze")
            .WithSummary("Finds every face in a photo and classifies the emotion of each.")
            .WithDescription("Send the photo (JPEG, PNG, BMP, GIF or WebP) as the raw body or as the multipart file 'image'. Faces come most confident first; probabilities are in [0, 1].")
            .Produces<AnalyzeResponse>()
            .TakesAnImage();

        endpoints.MapPost("/predict", PredictAsync)
            .WithName("Predict")
            .WithSummary("Classifies the emotion of one face crop.")
            .WithDescription("Send a crop of one face, as FER2013's images are (the whole image is the face), as the raw body or as the multipart file 'image'.")
            .Produces<PredictResponse>()
            .TakesAnImage();
        return endpoints;
    }

    private static RouteHandlerBuilder TakesAnImage(this RouteHandlerBuilder route) => route
        .WithTags("Emotions")
        .Accepts<IFormFile>(ImageContentTypes[0], ImageContentTypes[1..])
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<AnalyzeResponse> AnalyzeAsync(HttpRequest request, FaceEmotionAnalyzer analyzer, UploadOptions upload, PixelBudget budget, CancellationToken cancellationToken)
    {
        byte[] encoded = await ImageUpload.ReadAsync(request, upload.MaxRequestBytes, cancellationToken);
        using IDisposable decoding = await budget.EnterAsync(encoded, cancellationToken);
        using MLImage image = ImageLoader.Load(encoded);
        IReadOnlyList<FaceEmotion> faces = analyzer.Analyze(image);
        return new AnalyzeResponse(image.Width, image.Height, [.. faces.Select(FaceResult.From)]);
    }

    private static async Task<PredictResponse> PredictAsync(HttpRequest request, EmotionModel model, UploadOptions upload, PixelBudget budget, CancellationToken cancellationToken)
    {
        byte[] encoded = await ImageUpload.ReadAsync(request, upload.MaxRequestBytes, cancellationToken);
        using IDisposable decoding = await budget.EnterAsync(encoded, cancellationToken);
        return PredictResponse.From(model.Predict(encoded));
    }
}
