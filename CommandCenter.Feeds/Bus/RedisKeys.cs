namespace CommandCenter.Feeds.Bus;

/// <summary>Every Redis key and group name the bus uses, in one place.</summary>
public sealed class RedisKeys(string prefix)
{
    public string Durable { get; } = $"{prefix}:feed:durable";

    public string Telemetry { get; } = $"{prefix}:feed:telemetry";

    public string DeadLetters { get; } = $"{prefix}:feed:dead";

    public static string Group(string consumer) => $"group:{consumer}";
}
