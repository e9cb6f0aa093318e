using FerNet.Inference;
using FerNet.WebApi.Uploads;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace FerNet.WebApi.Errors;

/// <summary>
/// Turns the client's faults into problem details instead of 500: an unusable image (FerNet's
/// <see cref="InvalidImageException"/> and its kinds, unsupported format and too large) is 400 with
/// FerNet's message; a request the server refused to read (too large, malformed form) keeps its status;
/// a request that waited too long for room to decode (<see cref="ServiceBusyException"/>) is 503 with Retry-After.
/// </summary>
internal sealed class RequestErrorHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        (int status, string title)? fault = exception switch
        {
            InvalidImageException => (StatusCodes.Status400BadRequest, "The upload is not an image FerNet can read."),
            ServiceBusyException => (StatusCodes.Status503ServiceUnavailable, "The service is busy."),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge, "The upload is too large."),
            BadHttpRequestException bad => (bad.StatusCode, "The request could not be read."),

            // Thrown by the form reader for a malformed multipart body.
            InvalidDataException => (StatusCodes.Status400BadRequest, "The request could not be read."),
            _ => null,
        };
        if (fault is not { } known)
        {
            return false;
        }

        httpContext.Response.StatusCode = known.status;
        if (exception is ServiceBusyException busy)
        {
            httpContext.Response.Headers.RetryAfter = busy.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var problem = new ProblemDetails { Status = known.status, Title = known.title, Detail = exception.Message };
        problem.Extensions["error"] = exception.GetType().Name;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
