using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Feeds.Bus;

/// <summary>Settings under <c>Bus</c> for the Redis Streams bus (used when <c>ConnectionStrings:Redis</c> is set).</summary>
public sealed class RedisBusOptions
{
    public const string Section = "Bus";

    /// <summary>Key prefix, so several deployments can share one Redis.</summary>
    public string Prefix { get; set; } = "cc";

    /// <summary>Approximate cap of the telemetry stream (latest-wins data; older points are trimmed).</summary>
    [Range(100, 10_000_000)]
    public int TelemetryMaxLength { get; set; } = 10_000;

    /// <summary>How long an unacknowledged entry waits before another consumer claims it (its first consumer died).</summary>
    [Range(1, 3600)]
    public int ClaimAfterSeconds { get; set; } = 30;

    /// <summary>Deliveries after which an entry is dead-lettered instead of retried.</summary>
    [Range(1, 100)]
    public int MaxDeliveries { get; set; } = 5;

    /// <summary>How often an idle consumer looks for new entries (StackExchange.Redis does not block on reads).</summary>
    [Range(5, 5000)]
    public int PollMilliseconds { get; set; } = 50;

    /// <summary>
    /// How long stored entries stay in the durable stream before they may be trimmed: the window in which a node can
    /// fall behind or rebuild from a snapshot and still read on. Entries not yet stored are never trimmed.
    /// </summary>
    [Range(0, 7 * 24 * 60)]
    public int DurableRetentionMinutes { get; set; } = 24 * 60;

    /// <summary>This node's consumer name within shared groups.</summary>
    public string Node { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";
}
