namespace CommandCenter.Feeds.Bus;

/// <summary>Every Redis key and group name the bus uses, in one place.</summary>
public sealed class RedisKeys(string prefix)
{
    private readonly string _prefix = prefix;

    public string Durable { get; } = $"{prefix}:feed:durable";

    public string Telemetry { get; } = $"{prefix}:feed:telemetry";

    public string DeadLetters { get; } = $"{prefix}:feed:dead";

    /// <summary>Inputs refused at the ingest edge, with their reasons.</summary>
    public string IngestDeadLetters { get; } = $"{prefix}:ingest:dead";

    /// <summary>Signed ingest messages' ids seen lately (replay refusal), one key each with an expiry.</summary>
    public string SeenMessage(string key) => $"{_prefix}:ingest:seen:{key}";

    /// <summary>The latest reference-data event published (for processes that start later: the gateway).</summary>
    public string Reference { get; } = $"{prefix}:reference";

    /// <summary>The digest of <see cref="Reference"/>, cheap to poll.</summary>
    public string ReferenceDigest { get; } = $"{prefix}:reference:digest";

    /// <summary>The SignalR backplane's channel prefix.</summary>
    public string SignalR { get; } = $"{prefix}:signalr";

    public static string Group(string consumer) => $"group:{consumer}";
}
