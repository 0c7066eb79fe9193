namespace CommandCenter.Feeds.Ingest;

/// <summary>The feeds that can be posted to, each with its parser.</summary>
public sealed class IngestFeeds(IEnumerable<IIngestParser> parsers)
{
    private readonly Dictionary<string, IIngestParser> _parsers = parsers.ToDictionary(p => p.Feed, StringComparer.Ordinal);

    public IEnumerable<string> Names => _parsers.Keys.Order(StringComparer.Ordinal);

    public IIngestParser? Find(string feed) => _parsers.GetValueOrDefault(feed);
}
