using CommandCenter.Domain.Jurisdictions;

namespace CommandCenter.Domain.Events;

/// <summary>
/// The envelope every feed speaks once normalised: a unique id (the dedupe key everywhere), the source system,
/// when it happened, the jurisdiction it belongs to, and a typed payload.
/// </summary>
public sealed record FeedEvent
{
    public FeedEvent(string id, string source, DateTimeOffset occurredAt, JurisdictionCode scope, FeedPayload payload)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentNullException.ThrowIfNull(payload);
        if (scope.Value is null)
        {
            throw new ArgumentException("feed event needs a jurisdiction", nameof(scope));
        }

        Id = id;
        Source = source;
        OccurredAt = occurredAt;
        Scope = scope;
        Payload = payload;
    }

    public string Id { get; }

    public string Source { get; }

    public DateTimeOffset OccurredAt { get; }

    public JurisdictionCode Scope { get; }

    public FeedPayload Payload { get; }

    public FeedEventKind Kind => Payload.Kind;

    public FeedLane Lane => Kind.Lane();
}
