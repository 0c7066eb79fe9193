using CommandCenter.Domain.Events;
using CommandCenter.Feeds.Bus;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Feeds.Ingest;

/// <summary>What became of one input: accepted (its events on the bus), coalesced, or refused and dead-lettered.</summary>
public sealed record IngestResult(int Status, IReadOnlyList<FeedEvent> Events, IngestRejection? Rejection, string? CoalescedId = null)
{
    public string? EventId => CoalescedId ?? (Events.Count > 0 ? Events[0].Id : null);
}

/// <summary>
/// The one path every input takes after authentication, from HTTP and MQTT alike: the feed's parser, then the bus.
/// A refusal is dead-lettered with the raw body and reason; an input is answered accepted only once all its events
/// are on the bus. No input can throw out of here: a parser's unexpected failure is the input's refusal.
/// </summary>
public sealed partial class IngestPipeline(IngestFeeds feeds, IFeedBus bus, IIngestDeadLetters deadLetters, Reference.ReferenceBook reference, TimeProvider time,
    Microsoft.Extensions.Options.IOptionsMonitor<IngestOptions> options, ILogger<IngestPipeline> logger)
{
    public async Task<IngestResult> ProcessAsync(string feed, IngestInput input, CancellationToken cancellationToken)
    {
        var parser = feeds.Find(feed);
        IngestOutcome outcome;
        if (parser is null)
        {
            outcome = IngestOutcome.Rejected(new IngestRejection(404, $"there is no feed '{Clip(feed)}'", [new("feed", $"must be one of {string.Join(", ", feeds.Names)}")]));
        }
        else if (!parser.Accepts(input.ContentType))
        {
            outcome = IngestOutcome.Rejected(new IngestRejection(415, "the body is not of a type this feed reads",
                [new("Content-Type", feed == "alarms" ? "must be application/json or CAP 1.2 XML (application/cap+xml, application/xml)" : "must be application/json")]));
        }
        else
        {
            try
            {
                outcome = parser.Parse(input);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogParserFailed(ex, feed);
                outcome = IngestOutcome.Rejected(IngestRejection.Invalid([new("$", "the input could not be read")]));
            }

            // The source's bounds: where it may post for, and which channels its orders may claim.
            if (outcome.Rejection is null && outcome.Events.Count > 0 &&
                SourceBounds.Check(input.Source, options.CurrentValue.Sources.GetValueOrDefault(input.Source), outcome.Events) is { } outOfBounds)
            {
                outcome = IngestOutcome.Rejected(outOfBounds);
            }
        }

        return await FinishAsync(feed, input, outcome, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Dead-letters a refusal decided before parsing (authentication, size), so it is recorded like the others.</summary>
    public async Task<IngestResult> RefuseAsync(string feed, IngestInput input, IngestRejection rejection) =>
        await FinishAsync(feed, input, IngestOutcome.Rejected(rejection), CancellationToken.None).ConfigureAwait(false);

    private async Task<IngestResult> FinishAsync(string feed, IngestInput input, IngestOutcome outcome, CancellationToken cancellationToken)
    {
        var tag = new KeyValuePair<string, object?>("feed", feeds.Find(feed) is null ? "unknown" : feed);
        Telemetry.CenterMetrics.Received.Add(1, tag);
        if (outcome.Rejection is { } rejection)
        {
            Telemetry.CenterMetrics.Refused.Add(1, tag, new("status", rejection.Status));
            Telemetry.CenterMetrics.DeadLetters.Add(1, new KeyValuePair<string, object?>("where", "ingest"));
            try
            {
                await deadLetters.RecordAsync(new IngestDeadLetter(feed, input.Source, rejection.Status, rejection.Reason,
                    IngestDeadLetter.RawText(input.Body), input.Body.LongLength, time.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LogDeadLetterFailed(ex, feed, rejection.Reason);
            }

            return new IngestResult(rejection.Status, [], rejection);
        }

        if (outcome.Coalesced is { } coalesced)
        {
            return new IngestResult(202, [], null, coalesced);
        }

        // A reported order keeps the limits it was accepted under, whatever the rules say when the log is replayed.
        var events = outcome.Events.Select(reference.Current.Data.Sla.WithLimitsFixed).ToList();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            // All of an input's events in one publish: on the embedded log, one commit (an alarm and the order it opens).
            await bus.PublishManyAsync(events, timeout.Token).AsTask().WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Not accepted, so nothing is lost: the source keeps it and sends again (the event ids make a resend harmless).
            LogBusUnavailable(ex, outcome.Events[0].Id);
            return new IngestResult(503, [], new IngestRejection(503, "the feed bus is unavailable; send again shortly", []));
        }

        return new IngestResult(202, events, null);
    }

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Feed} parser failed on an input; refused it")]
    private partial void LogParserFailed(Exception exception, string feed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingest could not publish {EventId}: the bus is unavailable; the source was asked to retry")]
    private partial void LogBusUnavailable(Exception exception, string eventId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not record a dead letter for feed {Feed} ({Reason})")]
    private partial void LogDeadLetterFailed(Exception exception, string feed, string reason);
}
