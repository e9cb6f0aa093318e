namespace FerNet.WebApi.Uploads;

/// <summary>The request waited too long for room to decode its image; answered with 503 and Retry-After.</summary>
internal sealed class ServiceBusyException(string message, int retryAfterSeconds) : Exception(message)
{
    /// <summary>The seconds the client is asked to wait before it tries again.</summary>
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}
