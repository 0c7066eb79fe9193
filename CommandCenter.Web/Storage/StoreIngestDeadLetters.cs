using CommandCenter.Feeds.Ingest;
using Dapper;

namespace CommandCenter.Web.Storage;

/// <summary>Refused inputs (dead letters) in the store, so they survive a restart and are shared by web nodes.</summary>
public interface IDeadLetterStore : IIngestDeadLetters, IStore;

internal sealed class StoreIngestDeadLetters(Database database) : IDeadLetterStore
{
    public const int Capacity = 100_000;
    private long _written;

    public async ValueTask RecordAsync(IngestDeadLetter letter, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var turn = await database.WriteTurnAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO ingest_dead_letters (feed, source, status, reason, raw, bytes, at_ms)
            VALUES (@Feed, @Source, @Status, @Reason, @Raw, @Bytes, @AtMs)
            """, new { letter.Feed, letter.Source, letter.Status, letter.Reason, letter.Raw, letter.Bytes, AtMs = letter.At.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (Interlocked.Increment(ref _written) % 1000 == 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM ingest_dead_letters WHERE id <= (SELECT MAX(id) FROM ingest_dead_letters) - @Capacity", new { Capacity },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
    }

    public async ValueTask<IReadOnlyList<IngestDeadLetter>> RecentAsync(int max, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition("""
            SELECT feed AS Feed, source AS Source, status AS Status, reason AS Reason, raw AS Raw, bytes AS Bytes, at_ms AS AtMs
            FROM ingest_dead_letters ORDER BY id DESC LIMIT @max
            """, new { max }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new IngestDeadLetter(r.Feed, r.Source, (int)r.Status, r.Reason, r.Raw, r.Bytes, DateTimeOffset.FromUnixTimeMilliseconds(r.AtMs)))];
    }

    public async ValueTask<IReadOnlyList<IngestDeadLetter>> RecentOfAsync(IReadOnlyCollection<string> sources, int max, CancellationToken cancellationToken)
    {
        if (sources.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition("""
            SELECT feed AS Feed, source AS Source, status AS Status, reason AS Reason, raw AS Raw, bytes AS Bytes, at_ms AS AtMs
            FROM ingest_dead_letters WHERE source IN @sources ORDER BY id DESC LIMIT @max
            """, new { sources, max }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new IngestDeadLetter(r.Feed, r.Source, (int)r.Status, r.Reason, r.Raw, r.Bytes, DateTimeOffset.FromUnixTimeMilliseconds(r.AtMs)))];
    }

    private sealed class Row
    {
        public string Feed { get; init; } = "";

        public string? Source { get; init; }

        public long Status { get; init; }

        public string Reason { get; init; } = "";

        public string Raw { get; init; } = "";

        public long Bytes { get; init; }

        public long AtMs { get; init; }
    }
}
