using CommandCenter.Feeds.Ingest;
using Microsoft.Extensions.Options;

namespace CommandCenter.Feeds.Tests.Ingest;

/// <summary>Ingest options that never change, for parsers built by hand in tests.</summary>
internal sealed class FixedIngestOptions(IngestOptions value) : IOptionsMonitor<IngestOptions>
{
    public IngestOptions CurrentValue => value;

    public IngestOptions Get(string? name) => value;

    public IDisposable? OnChange(Action<IngestOptions, string?> listener) => null;
}
