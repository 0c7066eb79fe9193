using System.Text;

namespace CommandCenter.Feeds.Ingest;

/// <summary>An input refused at the edge: what came in (clipped), from whom, and why.</summary>
public sealed record IngestDeadLetter(string Feed, string? Source, int Status, string Reason, string Raw, long Bytes, DateTimeOffset At)
{
    /// <summary>How much of a refused body is kept: enough to see what was wrong, not a 10 MB copy.</summary>
    public const int MaxRawBytes = 16 * 1024;

    /// <summary>The body as text when it is UTF-8, else as base64 (prefixed), clipped to <see cref="MaxRawBytes"/>.</summary>
    public static string RawText(ReadOnlySpan<byte> body)
    {
        var kept = body[..Math.Min(body.Length, MaxRawBytes)];
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(kept);
        }
        catch (DecoderFallbackException)
        {
            return "base64:" + Convert.ToBase64String(kept);
        }
    }
}

/// <summary>Where refused inputs are recorded, so an operator can see and replay what a source got wrong.</summary>
public interface IIngestDeadLetters
{
    ValueTask RecordAsync(IngestDeadLetter letter, CancellationToken cancellationToken);

    /// <summary>The newest records, newest first.</summary>
    ValueTask<IReadOnlyList<IngestDeadLetter>> RecentAsync(int max, CancellationToken cancellationToken);

    /// <summary>The newest records of these sources only, newest first (an admin of a street sees its street's sources).</summary>
    async ValueTask<IReadOnlyList<IngestDeadLetter>> RecentOfAsync(IReadOnlyCollection<string> sources, int max, CancellationToken cancellationToken) =>
        sources.Count == 0 ? []
            : [.. (await RecentAsync(10_000, cancellationToken).ConfigureAwait(false)).Where(l => l.Source is not null && sources.Contains(l.Source)).Take(max)];
}

/// <summary>Dead letters kept in memory (the newest 10,000), for the embedded default.</summary>
public sealed class InMemoryIngestDeadLetters : IIngestDeadLetters
{
    private const int Capacity = 10_000;
    private readonly LinkedList<IngestDeadLetter> _letters = new();
    private readonly Lock _gate = new();

    public ValueTask RecordAsync(IngestDeadLetter letter, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _letters.AddFirst(letter);
            if (_letters.Count > Capacity)
            {
                _letters.RemoveLast();
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<IngestDeadLetter>> RecentAsync(int max, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<IngestDeadLetter>>([.. _letters.Take(max)]);
        }
    }
}
