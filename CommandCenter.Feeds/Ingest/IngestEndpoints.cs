using System.Text.Json;
using CommandCenter.Feeds.Bus;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommandCenter.Feeds.Ingest;

/// <summary>
/// <c>POST /api/ingest/{feed}</c>: authenticate the source, meter it, check type and size, parse strictly, publish.
/// Answers 202 <c>{"eventId"}</c> only once the event is on the bus; every refusal is
/// <c>application/problem+json</c> naming the field and rule, and is dead-lettered with the raw body.
/// </summary>
public static partial class IngestEndpoints
{
    public const string ApiKeyHeader = "X-Api-Key";

    public static IEndpointRouteBuilder MapCommandCenterIngest(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/ingest/{feed}", HandleAsync).DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> HandleAsync(string feed, HttpContext http, IngestFeeds feeds, IngestSources sources,
        IFeedBus bus, IIngestDeadLetters deadLetters, IOptionsMonitor<IngestOptions> options, TimeProvider time, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(IngestEndpoints));
        var parser = feeds.Find(feed);
        if (parser is null)
        {
            return Problem(404, $"there is no feed '{Clip(feed)}'", [new("feed", $"must be one of {string.Join(", ", feeds.Names)}")]);
        }

        var source = sources.Authenticate(http.Request.Headers[ApiKeyHeader]);
        if (!sources.TryAcquire(source ?? $"ip:{http.Connection.RemoteIpAddress}"))
        {
            http.Response.Headers.RetryAfter = "1";
            return Problem(429, "this source is sending faster than it may; slow down", []);
        }

        var body = await ReadBodyAsync(http, options.CurrentValue.MaxBodyBytes).ConfigureAwait(false);
        var rejection = source is null
            ? new IngestRejection(401, "no valid API key", [new(ApiKeyHeader, "must be the key issued to this source")])
            : !sources.MayPost(source, feed)
                ? new IngestRejection(403, $"source '{source}' may not post to '{feed}'", [])
                : body.TooLarge
                    ? new IngestRejection(413, "the body is too large", [new("$", $"must be at most {options.CurrentValue.MaxBodyBytes} bytes")])
                    : !IsJson(http.Request.ContentType)
                        ? new IngestRejection(415, "the body must be JSON", [new("Content-Type", "must be application/json")])
                        : null;

        IngestOutcome? outcome = null;
        if (rejection is null)
        {
            outcome = Parse(parser, body.Bytes, source!);
            rejection = outcome.Rejection;
        }

        if (rejection is not null)
        {
            await DeadLetterAsync(deadLetters, new IngestDeadLetter(feed, source, rejection.Status, rejection.Reason,
                IngestDeadLetter.RawText(body.Bytes), body.Length, time.GetUtcNow()), logger).ConfigureAwait(false);
            return Problem(rejection.Status, rejection.Title, rejection.Violations);
        }

        var feedEvent = outcome!.Event!;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await bus.PublishAsync(feedEvent, timeout.Token).AsTask().WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            // Not accepted, so nothing is lost: the source keeps it and sends again.
            LogBusUnavailable(logger, ex, feedEvent.Id);
            http.Response.Headers.RetryAfter = "2";
            return Problem(503, "the feed bus is unavailable; send again shortly", []);
        }

        return Results.Json(new IngestAccepted(feedEvent.Id), statusCode: StatusCodes.Status202Accepted);
    }

    private static IngestOutcome Parse(Func<JsonElement, string, IngestOutcome> parser, byte[] body, string source)
    {
        if (body.Length == 0)
        {
            return IngestOutcome.Rejected(IngestRejection.Malformed("$", "the body is empty"));
        }

        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
            return parser(document.RootElement, source);
        }
        catch (JsonException ex)
        {
            return IngestOutcome.Rejected(IngestRejection.Malformed(ex.Path is { Length: > 0 } path ? path : "$",
                $"invalid JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}: {FirstSentence(ex.Message)}"));
        }
        catch (ArgumentException ex)
        {
            // A domain rule the parser did not already name; still the caller's input, never a crash.
            return IngestOutcome.Rejected(IngestRejection.Invalid([new("$", ex.Message)]));
        }
    }

    private static async Task DeadLetterAsync(IIngestDeadLetters deadLetters, IngestDeadLetter letter, ILogger logger)
    {
        try
        {
            await deadLetters.RecordAsync(letter, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogDeadLetterFailed(logger, ex, letter.Feed, letter.Reason);
        }
    }

    private readonly record struct Body(byte[] Bytes, long Length, bool TooLarge);

    /// <summary>Reads at most <paramref name="limit"/> bytes; past that only counts, so a 10 MB body costs no 10 MB.</summary>
    private static async Task<Body> ReadBodyAsync(HttpContext http, int limit)
    {
        if (http.Request.ContentLength > limit)
        {
            return new Body([], http.Request.ContentLength.Value, true);
        }

        using var kept = new MemoryStream();
        var buffer = new byte[16 * 1024];
        long total = 0;
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total <= limit)
                {
                    kept.Write(buffer, 0, read);
                }
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new Body(kept.ToArray(), total, true);
        }

        return new Body(kept.ToArray(), total, total > limit);
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ||
            (contentType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && contentType.Contains("+json", StringComparison.OrdinalIgnoreCase)));

    internal static IResult Problem(int status, string title, IReadOnlyList<IngestViolation> violations) =>
        Results.Problem(statusCode: status, title: title,
            detail: violations.Count == 0 ? null : string.Join("; ", violations),
            extensions: violations.Count == 0 ? null : new Dictionary<string, object?> { ["errors"] = violations.Select(v => new { field = v.Field, rule = v.Rule }).ToList() });

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string FirstSentence(string message) => message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].Trim();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingest could not publish {EventId}: the bus is unavailable; the source was asked to retry")]
    private static partial void LogBusUnavailable(ILogger logger, Exception exception, string eventId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not record a dead letter for feed {Feed} ({Reason})")]
    private static partial void LogDeadLetterFailed(ILogger logger, Exception exception, string feed, string reason);
}

/// <summary>The answer to an accepted input.</summary>
public sealed record IngestAccepted(string EventId);
