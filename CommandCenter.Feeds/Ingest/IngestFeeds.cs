using System.Text.Json;

namespace CommandCenter.Feeds.Ingest;

/// <summary>The feeds that can be posted to, each with the parser that turns its JSON into a feed event.</summary>
public sealed class IngestFeeds
{
    private readonly Dictionary<string, Func<JsonElement, string, IngestOutcome>> _parsers = new(StringComparer.Ordinal);

    public IngestFeeds(TicketParser tickets)
    {
        _parsers["tickets"] = tickets.Parse;
    }

    public IEnumerable<string> Names => _parsers.Keys.Order(StringComparer.Ordinal);

    public Func<JsonElement, string, IngestOutcome>? Find(string feed) => _parsers.GetValueOrDefault(feed);
}
