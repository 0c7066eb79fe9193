using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CommandCenter.Feeds.Ingest;

/// <summary>Recognises a source by its API key (in constant time) and meters how fast each source posts.</summary>
public sealed class IngestSources(IOptionsMonitor<IngestOptions> options, TimeProvider time)
{
    private readonly TokenBuckets _buckets = new(time, () => (options.CurrentValue.Burst, options.CurrentValue.PermitsPerSecond));

    /// <summary>How many callers are being metered now (idle ones are forgotten).</summary>
    public int MeteredPartitions => _buckets.Partitions;

    /// <summary>The source holding this key, or null. Every configured key is compared, so timing reveals nothing.</summary>
    public string? Authenticate(string? apiKey)
    {
        if (string.IsNullOrEmpty(apiKey) || apiKey.Length > 256)
        {
            return null;
        }

        var offered = SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));
        string? found = null;
        foreach (var (name, source) in options.CurrentValue.Sources)
        {
            if (string.IsNullOrEmpty(source.ApiKey))
            {
                continue;
            }

            var expected = SHA256.HashData(Encoding.UTF8.GetBytes(source.ApiKey));
            if (CryptographicOperations.FixedTimeEquals(offered, expected))
            {
                found = name;
            }
        }

        return found;
    }

    /// <summary>
    /// The source whose webhook secret signed this message, or the reason none did. Every configured secret is tried,
    /// so timing reveals nothing. (The caller then refuses a message id already seen: <see cref="IMessageIds"/>.)
    /// </summary>
    public (string? Source, IngestRejection? Rejection) Verify(string? id, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (WebhookSignature.CheckHeaders(id, timestamp, signature, now, out var seconds) is { } problem)
        {
            return (null, new IngestRejection(401, "the webhook signature headers are not valid", [problem]));
        }

        string? found = null;
        foreach (var (name, source) in options.CurrentValue.Sources)
        {
            if (WebhookSignature.KeyOf(source.WebhookSecret) is { } key && WebhookSignature.Matches(key, id!, seconds, body, signature!))
            {
                found = name;
            }
        }

        if (found is null)
        {
            return (null, new IngestRejection(401, "the webhook signature does not match", [new(WebhookSignature.SignatureHeader, "must be signed with the secret issued to this source")]));
        }

        return (found, null);
    }

    /// <summary>The refusal of a replayed signed message.</summary>
    public static IngestRejection Replayed { get; } =
        new(409, "this message was already received", [new(WebhookSignature.IdHeader, "must be new: a replayed message is refused")]);

    public bool MayPost(string source, string feed) =>
        options.CurrentValue.Sources.TryGetValue(source, out var s) && (s.Feeds.Length == 0 || s.Feeds.Contains(feed, StringComparer.Ordinal));

    /// <summary>Whether <paramref name="source"/> may see or post for <paramref name="code"/> (its Jurisdictions; all when none).</summary>
    public bool Covers(string source, Domain.Jurisdictions.JurisdictionCode code) =>
        options.CurrentValue.Sources.TryGetValue(source, out var s) &&
        (s.Jurisdictions.Length == 0 || s.Jurisdictions.Any(j => Domain.Jurisdictions.JurisdictionCode.TryFrom(j, out var bound, out _) && bound.Contains(code)));

    /// <summary>Takes a permit for one request of <paramref name="partition"/>; false means answer 429.</summary>
    public bool TryAcquire(string partition) => _buckets.TryTake(partition);
}
