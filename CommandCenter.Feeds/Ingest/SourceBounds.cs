using System.Text.Json;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.WorkOrders;

namespace CommandCenter.Feeds.Ingest;

/// <summary>
/// What a source may claim: the jurisdictions it posts for and the channels its work orders come from
/// (<see cref="IngestSourceOptions.Jurisdictions"/>, <see cref="IngestSourceOptions.Channels"/>). A street's hotline
/// desk cannot post for another street, and a hotline cannot post as <c>police110</c>. Checked on the parsed events,
/// from HTTP and MQTT alike, before anything reaches the bus.
/// </summary>
public static class SourceBounds
{
    public static IReadOnlyList<string> ChannelNames { get; } = [.. Enum.GetNames<WorkOrderSource>().Select(JsonNamingPolicy.CamelCase.ConvertName)];

    public static bool TryChannel(string? name, out WorkOrderSource channel)
    {
        channel = default;
        return !string.IsNullOrEmpty(name) && char.IsAsciiLetter(name[0]) && name.All(char.IsAsciiLetterOrDigit) &&
            Enum.TryParse(name, ignoreCase: true, out channel) && Enum.IsDefined(channel);
    }

    /// <summary>Why <paramref name="source"/> may not post these events, or null.</summary>
    public static IngestRejection? Check(string source, IngestSourceOptions? settings, IReadOnlyList<FeedEvent> events)
    {
        if (settings is null || (settings.Jurisdictions.Length == 0 && settings.Channels.Length == 0))
        {
            return null;
        }

        var bounds = settings.Jurisdictions.Select(JurisdictionCode.From).ToList();
        var channels = settings.Channels.Select(c => TryChannel(c, out var channel) ? channel : (WorkOrderSource?)null).OfType<WorkOrderSource>().ToHashSet();
        var violations = new List<IngestViolation>();
        foreach (var e in events)
        {
            if (bounds.Count > 0 && !bounds.Any(b => b.Contains(e.Scope)))
            {
                violations.Add(new IngestViolation("jurisdiction", $"must lie within {string.Join(" or ", bounds)}, where source '{source}' may post (is {e.Scope})"));
            }

            if (channels.Count > 0 && e.Payload is WorkOrderReported { Report.Source: var claimed } && !channels.Contains(claimed))
            {
                violations.Add(new IngestViolation("source",
                    $"source '{source}' may claim only {string.Join(", ", channels.Select(c => JsonNamingPolicy.CamelCase.ConvertName(c.ToString())))} (claims {JsonNamingPolicy.CamelCase.ConvertName(claimed.ToString())})"));
            }
        }

        return violations.Count == 0 ? null
            : new IngestRejection(403, $"source '{source}' may not post this", [.. violations.Distinct()]);
    }
}
