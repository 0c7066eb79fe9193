using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Feeds.Ingest;

/// <summary>Settings under <c>Ingest</c>: who may feed the center, and how much.</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>The demo source's key, public in the README: configured only in Development, refused anywhere else.</summary>
    public const string DemoApiKey = "cc-demo-ingest-key";

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

    /// <summary>Which alarm kinds open a work order by themselves.</summary>
    public AlarmRuleOptions AlarmRules { get; set; } = new();

    /// <summary>People per square metre in one cell of a crowd frame above which a crowd alarm is raised.</summary>
    [Range(0.1, 20)]
    public double CrowdDensityThreshold { get; set; } = 1.2;

    /// <summary>The MQTT broker to subscribe to (<c>host:port</c>); none when empty.</summary>
    public string? MqttServer { get; set; }
}

/// <summary>
/// One upstream system: its API key (<c>X-Api-Key</c>) or its Standard Webhooks secret (<c>whsec_…</c>, for signed
/// messages), and the feeds it may post to (all when empty).
/// </summary>
public sealed class IngestSourceOptions
{
    public string? ApiKey { get; set; }

    public string? WebhookSecret { get; set; }

    public string[] Feeds { get; set; } = [];
}
