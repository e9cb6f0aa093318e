using Microsoft.AspNetCore.Mvc.Testing;

namespace FerNet.WebApi.Tests.Hosting;

/// <summary>
/// The sample service as <c>dotnet run</c> starts it (its appsettings.json, the embedded model and the
/// shared YuNet detector), on ASP.NET Core's in-memory test server: made once per test class.
/// </summary>
public sealed class WebApiFactory : WebApplicationFactory<Program>
{
    /// <summary>Options for the snake_case JSON the service writes.</summary>
    public static System.Text.Json.JsonSerializerOptions Json { get; } = new() { PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower };
}
