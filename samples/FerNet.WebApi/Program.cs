using System.Text.Json;
using FerNet.Extensions.DependencyInjection;
using FerNet.WebApi.Endpoints;
using FerNet.WebApi.Errors;
using FerNet.WebApi.Uploads;

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);

UploadOptions upload = builder.Configuration.GetSection(UploadOptions.Section).Get<UploadOptions>() ?? new UploadOptions();
upload.Validate();
builder.Services.AddSingleton(upload);
builder.Services.AddSingleton<PixelBudget>();

// Kestrel stops reading a body past the limit (chunked uploads included); the endpoints check the
// declared length themselves too, so that servers without Kestrel's limit answer alike.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = upload.MaxRequestBytes);

builder.Services.AddFerNet(options =>
{
    builder.Configuration.GetSection("FerNet").Bind(options);

    // Paths in appsettings.json are relative to this project, not to wherever the app is started.
    string contentRoot = builder.Environment.ContentRootPath;
    options.ModelPath = options.ModelPath is { Length: > 0 } model ? Path.GetFullPath(model, contentRoot) : null;
    options.DetectorModelPath = options.DetectorModelPath is { Length: > 0 } detector ? Path.GetFullPath(detector, contentRoot) : null;
});

// deepface's analyze result (region, dominant_emotion, emotion) is what users of face APIs expect.
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<RequestErrorHandler>();
builder.Services.AddOpenApi();

WebApplication app = builder.Build();

app.UseExceptionHandler();

// Answers that the framework ends without a body (415 for another content type, 405, 404) get
// problem details too.
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapOpenApi();
app.MapEmotionEndpoints();

app.Run();
