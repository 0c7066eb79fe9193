using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace CommandCenter.Feeds.Ingest;

/// <summary>
/// <c>POST /api/ingest/{feed}</c>: read the body (bounded), authenticate the source (API key or Standard Webhooks
/// signature), meter it, then the ingest pipeline. Answers 202 <c>{"eventId"}</c> only once the events are on the bus;
/// every refusal is <c>application/problem+json</c> naming the field and rule, and (but for 429 and 503) a dead letter.
/// </summary>
public static class IngestEndpoints
{
    public const string ApiKeyHeader = "X-Api-Key";

    public static IEndpointRouteBuilder MapCommandCenterIngest(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/ingest/{feed}", HandleAsync).DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> HandleAsync(string feed, HttpContext http, IngestSources sources, IngestPipeline pipeline,
        IMessageIds messageIds, IOptionsMonitor<IngestOptions> options, TimeProvider time)
    {
        var limit = options.CurrentValue.MaxBodyBytes;
        var body = await ReadBodyAsync(http, limit).ConfigureAwait(false);
        var headers = http.Request.Headers;
        var source = sources.Authenticate(headers[ApiKeyHeader]);
        IngestRejection? rejection = null;
        if (source is null)
        {
            if (headers.ContainsKey(WebhookSignature.SignatureHeader) || headers.ContainsKey(WebhookSignature.IdHeader))
            {
                (source, rejection) = sources.Verify(headers[WebhookSignature.IdHeader], headers[WebhookSignature.TimestampHeader],
                    headers[WebhookSignature.SignatureHeader], body.Bytes, time.GetUtcNow());
                // Kept for twice the tolerance: past that the timestamp check refuses the message anyway.
                if (source is not null && !await messageIds.FirstSightingAsync($"{source}:{headers[WebhookSignature.IdHeader]}",
                        WebhookSignature.Tolerance + WebhookSignature.Tolerance).ConfigureAwait(false))
                {
                    (source, rejection) = (null, IngestSources.Replayed);
                }
            }
            else
            {
                rejection = new IngestRejection(401, "no valid API key or webhook signature",
                    [new(ApiKeyHeader, "must be the key issued to this source (or sign with webhook-id, webhook-timestamp, webhook-signature)")]);
            }
        }

        if (!sources.TryAcquire(source ?? $"ip:{http.Connection.RemoteIpAddress}"))
        {
            http.Response.Headers.RetryAfter = "1";
            return Problem(429, "this source is sending faster than it may; slow down", []);
        }

        if (source is null)
        {
            // Refused at the door: nothing an unauthenticated caller sends is written anywhere, so a flood of bad keys
            // cannot fill the store (a known source's refusals are kept as dead letters for its operators).
            return Problem(rejection!.Status, rejection.Title, rejection.Violations);
        }

        var input = new IngestInput(body.Bytes, http.Request.ContentType, source);
        rejection ??= !sources.MayPost(source, feed) ? new IngestRejection(403, $"source '{source}' may not post to '{feed}'", [])
            : body.TooLarge ? new IngestRejection(413, "the body is too large", [new("$", $"must be at most {limit} bytes (was {body.Length})")])
            : null;
        var result = rejection is null
            ? await pipeline.ProcessAsync(feed, input, http.RequestAborted).ConfigureAwait(false)
            : await pipeline.RefuseAsync(feed, input, rejection).ConfigureAwait(false);
        if (result.Rejection is { } refused)
        {
            if (refused.Status == 503)
            {
                http.Response.Headers.RetryAfter = "2";
            }

            return Problem(refused.Status, refused.Title, refused.Violations);
        }

        return Results.Json(new IngestAccepted(result.EventId!, result.CoalescedId is not null), statusCode: StatusCodes.Status202Accepted);
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

    internal static IResult Problem(int status, string title, IReadOnlyList<IngestViolation> violations) =>
        Http.ApiProblem.Of(status, title, violations);
}

/// <summary>The answer to an accepted input; <c>coalesced</c> when a newer point of the same drone was already taken.</summary>
public sealed record IngestAccepted(string EventId, bool Coalesced = false);
