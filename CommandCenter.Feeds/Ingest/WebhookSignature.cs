using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CommandCenter.Feeds.Ingest;

/// <summary>
/// Standard Webhooks signatures: <c>webhook-id</c>, <c>webhook-timestamp</c> (Unix seconds) and <c>webhook-signature</c>
/// (space-separated <c>v1,&lt;base64 HMAC-SHA256&gt;</c> of <c>{id}.{timestamp}.{body}</c>, keyed by the base64 part of a
/// <c>whsec_…</c> secret). Compared in constant time; a timestamp outside the tolerance is refused, so an old message
/// cannot be replayed later, and the message id is the dedupe key within the tolerance.
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>The key of a <c>whsec_</c> secret; null when it is not one.</summary>
    public static byte[]? KeyOf(string? secret)
    {
        if (secret is null || !secret.StartsWith("whsec_", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(secret["whsec_".Length..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static string Sign(byte[] key, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(CultureInfo.InvariantCulture)}.");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }

    /// <summary>Checks the headers' form and the timestamp; returns the problem (field and rule) or null.</summary>
    public static IngestViolation? CheckHeaders(string? id, string? timestamp, string? signature, DateTimeOffset now, out long seconds)
    {
        seconds = 0;
        if (string.IsNullOrEmpty(id) || id.Length > 256 || id.Any(char.IsControl))
        {
            return new IngestViolation(IdHeader, "is required (at most 256 characters)");
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out seconds))
        {
            return new IngestViolation(TimestampHeader, "must be Unix seconds");
        }

        var at = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
        if ((at - now).Duration() > Tolerance)
        {
            return new IngestViolation(TimestampHeader, $"must be within {Tolerance.TotalMinutes:0} minutes of now");
        }

        return string.IsNullOrEmpty(signature) || signature.Length > 2048
            ? new IngestViolation(SignatureHeader, "is required: v1,<base64 HMAC-SHA256 of id.timestamp.body>")
            : null;
    }

    /// <summary>True when one of the offered signatures is this key's over this message (constant-time compare).</summary>
    public static bool Matches(byte[] key, string id, long timestamp, ReadOnlySpan<byte> body, string offered)
    {
        var expected = Encoding.ASCII.GetBytes(Sign(key, id, timestamp, body));
        var match = false;
        foreach (var candidate in offered.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            match |= CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(candidate));
        }

        return match;
    }
}
