using System.Text.Json;
using CommandCenter.Domain.Events;

namespace CommandCenter.Feeds.Ingest;

/// <summary>
/// One input as it arrived: the raw body, its content type, and the source it came from. <see cref="AsOf"/> is the moment
/// the input is judged at (its timestamps must be near it): now, unless a replay of history (the simulator's backfill) says otherwise.
/// </summary>
public sealed record IngestInput(byte[] Body, string? ContentType, string Source)
{
    public DateTimeOffset? AsOf { get; init; }
}

/// <summary>What a parser made of an input: the events to publish (first is the answer's id), or why it was refused.</summary>
public sealed record IngestOutcome(IReadOnlyList<FeedEvent> Events, IngestRejection? Rejection)
{
    /// <summary>Set when the input was good but superseded (a drone point older than one already taken): its event id.</summary>
    public string? Coalesced { get; init; }

    public FeedEvent? Event => Events.Count == 0 ? null : Events[0];

    public static IngestOutcome Accepted(params FeedEvent[] events) => new(events, null);

    public static IngestOutcome Rejected(IngestRejection rejection) => new([], rejection);
}

/// <summary>A feed's parser: which content types it reads, and how an input becomes events.</summary>
public interface IIngestParser
{
    string Feed { get; }

    bool Accepts(string? contentType);

    IngestOutcome Parse(IngestInput input);
}

/// <summary>A parser of JSON bodies: size of nesting bounded, unreadable JSON named by line and byte, fields read strictly.</summary>
public abstract class JsonIngestParser : IIngestParser
{
    public abstract string Feed { get; }

    public virtual bool Accepts(string? contentType) => IsJson(contentType);

    public virtual IngestOutcome Parse(IngestInput input)
    {
        if (input.Body.Length == 0)
        {
            return IngestOutcome.Rejected(IngestRejection.Malformed("$", "the body is empty"));
        }

        if (!System.Text.Unicode.Utf8.IsValid(input.Body))
        {
            // Checked whole: the JSON reader would pass bad bytes in a field name it is never asked to read.
            return IngestOutcome.Rejected(IngestRejection.Malformed("$", "the body is not valid UTF-8"));
        }

        try
        {
            using var document = JsonDocument.Parse(input.Body, new JsonDocumentOptions { MaxDepth = 16 });
            return Parse(input, document.RootElement);
        }
        catch (JsonException ex)
        {
            return IngestOutcome.Rejected(IngestRejection.Malformed(ex.Path is { Length: > 0 } path ? path : "$",
                $"invalid JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}: {ex.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].Trim()}"));
        }
    }

    protected IngestOutcome Parse(IngestInput input, JsonElement root)
    {
        var violations = new List<IngestViolation>();
        var fields = FieldReader.Root(root, violations);
        if (fields is null)
        {
            return IngestOutcome.Rejected(IngestRejection.Invalid(violations));
        }

        try
        {
            var outcome = Read(fields, input);
            return violations.Count > 0 && outcome.Rejection is null ? IngestOutcome.Rejected(IngestRejection.Invalid(violations)) : outcome;
        }
        catch (ArgumentException ex)
        {
            // A domain rule the parser did not already name; still the sender's input, never a crash.
            return IngestOutcome.Rejected(IngestRejection.Invalid([new("$", ex.Message)]));
        }
    }

    /// <summary>Reads the fields; violations go to <see cref="FieldReader.Violations"/>.</summary>
    protected abstract IngestOutcome Read(FieldReader fields, IngestInput input);

    public static bool IsJson(string? contentType) =>
        contentType is not null && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ||
            (contentType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && contentType.Split(';')[0].EndsWith("+json", StringComparison.OrdinalIgnoreCase)));
}
