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

    /// <summary>
    /// The alarm kind of a standard CAP 1.2 alert without our <c>alarmKind</c> parameter, by its <c>event</c> (a key the
    /// event equals or contains, 烟感 in 智能烟感告警) or else its <c>category</c>. Configured entries add to or replace these.
    /// </summary>
    public Dictionary<string, Domain.Alarms.AlarmKind> CapEvents { get; set; } = new(StringComparer.Ordinal)
    {
        ["烟感"] = Domain.Alarms.AlarmKind.Smoke,
        ["烟雾"] = Domain.Alarms.AlarmKind.Smoke,
        ["火灾"] = Domain.Alarms.AlarmKind.Smoke,
        ["Fire"] = Domain.Alarms.AlarmKind.Smoke,
        ["电动车进电梯"] = Domain.Alarms.AlarmKind.ElevatorEBike,
        ["梯阻"] = Domain.Alarms.AlarmKind.ElevatorEBike,
        ["井盖"] = Domain.Alarms.AlarmKind.ManholeCover,
        ["消防栓"] = Domain.Alarms.AlarmKind.HydrantPressure,
        ["高空抛物"] = Domain.Alarms.AlarmKind.HighAltitudeThrow,
        ["一键告警"] = Domain.Alarms.AlarmKind.ElderlyOneKey,
        ["一键呼叫"] = Domain.Alarms.AlarmKind.ElderlyOneKey,
        ["门禁"] = Domain.Alarms.AlarmKind.AccessAnomaly,
        ["垃圾房"] = Domain.Alarms.AlarmKind.GarbageRoom,
        ["地磁"] = Domain.Alarms.AlarmKind.GeomagneticParking,
        ["人流密度"] = Domain.Alarms.AlarmKind.CrowdDensity,
    };

    /// <summary>People per square metre in one cell of a crowd frame above which a crowd alarm is raised.</summary>
    [Range(0.1, 20)]
    public double CrowdDensityThreshold { get; set; } = 1.2;

    /// <summary>The MQTT broker to subscribe to (<c>host:port</c>); none when empty.</summary>
    public string? MqttServer { get; set; }

    /// <summary>The account the center connects to the broker with (required with <see cref="MqttServer"/>).</summary>
    public string? MqttUsername { get; set; }

    public string? MqttPassword { get; set; }

    /// <summary>Connect to the broker over TLS (the broker's certificate must be trusted by the machine, or by <see cref="MqttCaFile"/>).</summary>
    public bool MqttTls { get; set; }

    /// <summary>A PEM CA certificate that signed the broker's (a city's own CA); the machine's trust store when empty.</summary>
    public string? MqttCaFile { get; set; }
}

/// <summary>
/// One upstream system: its API key (<c>X-Api-Key</c>) or its Standard Webhooks secret (<c>whsec_…</c>, for signed
/// messages), the feeds it may post to, the jurisdictions it may post for and the channels its work orders may claim
/// (each: all when empty).
/// </summary>
public sealed class IngestSourceOptions
{
    public string? ApiKey { get; set; }

    public string? WebhookSecret { get; set; }

    public string[] Feeds { get; set; } = [];

    /// <summary>Jurisdiction codes whose subtrees this source may post for (a street's hotline desk: its street).</summary>
    public string[] Jurisdictions { get; set; } = [];

    /// <summary>The work-order channels (<c>source</c> of a ticket, e.g. <c>hotline12345</c>) this source may claim.</summary>
    public string[] Channels { get; set; } = [];
}
