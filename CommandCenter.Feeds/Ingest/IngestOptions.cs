using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Feeds.Ingest;

/// <summary>Settings under <c>Ingest</c>: who may feed the center, and how much.</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>The upstream systems allowed to post, by name (the name is recorded as each event's source).</summary>
    public Dictionary<string, IngestSourceOptions> Sources { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Largest body accepted; larger answers 413.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Sustained requests a second one source may send before it is answered 429.</summary>
    [Range(1, 1_000_000)]
    public int PermitsPerSecond { get; set; } = 500;

    /// <summary>Requests a source may send at once above the sustained rate.</summary>
    [Range(1, 1_000_000)]
    public int Burst { get; set; } = 1000;
}

/// <summary>One upstream system: its API key (<c>X-Api-Key</c>) and the feeds it may post to (all when empty).</summary>
public sealed class IngestSourceOptions
{
    public string? ApiKey { get; set; }

    public string[] Feeds { get; set; } = [];
}
