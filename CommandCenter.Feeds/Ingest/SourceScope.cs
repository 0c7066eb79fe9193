namespace CommandCenter.Feeds.Ingest;

/// <summary>
/// Identities a source gives (its ticket ids, its alarm devices) are namespaced by the source at the edge:
/// <c>{source}.{id}</c>. Source names hold no '.', so the first '.' separates them, and one source can never clear,
/// replace or pre-empt another's order or alarm by reusing its ids.
/// </summary>
public static class SourceScope
{
    /// <summary>The most a source name may hold (so a scoped ticket id fits a work order id).</summary>
    public const int MaxSourceLength = 32;

    /// <summary>The identity <paramref name="id"/> of source <paramref name="source"/>, as stored and shown.</summary>
    public static string Of(string source, string id) => $"{source}.{id}";

    /// <summary>Null when <paramref name="name"/> may name a source, else what is wrong with it.</summary>
    public static string? Problem(string name) =>
        name.Length is 0 or > MaxSourceLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? $"source name '{name}' must be 1–{MaxSourceLength} letters, digits, '-' or '_'"
            : null;
}
