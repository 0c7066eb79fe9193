using Dapper;

namespace CommandCenter.Web.Storage;

/// <summary>A signed-in session as stored: whose it is, from where, and whether and why it ended.</summary>
/// <remarks>Init properties rather than a positional record: SQLite reads integers as 64-bit, PostgreSQL as 32-bit.</remarks>
public sealed record StoredSession
{
    public required string Id { get; init; }

    public required string Account { get; init; }

    public required string Role { get; init; }

    public required string Jurisdiction { get; init; }

    /// <summary>The client's address at sign-in.</summary>
    public required string Client { get; init; }

    /// <summary>The browser's user agent at sign-in, cut to 200 characters: how an admin tells one device from another.</summary>
    public required string Agent { get; init; }

    public long StartedAtMs { get; init; }

    public long SeenAtMs { get; init; }

    public long? EndedAtMs { get; init; }

    public string? EndedWhy { get; init; }
}

/// <summary>
/// Server-side sessions, shared by all nodes: a cookie is honoured only while its record is live, so ending the record
/// ends the session everywhere. Ends are found by every node's watch through <see cref="EndedSinceAsync"/>.
/// </summary>
public interface ISessionStore : IStore
{
    Task StartAsync(StoredSession session, CancellationToken cancellationToken);

    Task<StoredSession?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Ends one live session; returns whether it was live.</summary>
    Task<bool> EndAsync(string id, string why, long atMs, CancellationToken cancellationToken);

    /// <summary>Ends every live session of an account; returns the ids ended.</summary>
    Task<IReadOnlyList<string>> EndAllOfAsync(string account, string why, long atMs, CancellationToken cancellationToken);

    /// <summary>Sessions ended at or after <paramref name="sinceMs"/> (by the ending node's clock).</summary>
    Task<IReadOnlyList<(string Id, long EndedAtMs)>> EndedSinceAsync(long sinceMs, CancellationToken cancellationToken);

    /// <summary>Live sessions seen at or after <paramref name="seenSinceMs"/>, most recently seen first, at most <paramref name="max"/>;
    /// only those whose jurisdiction starts with <paramref name="within"/> (a subtree: codes nest by prefix) when given.</summary>
    Task<IReadOnlyList<StoredSession>> LiveAsync(long seenSinceMs, int max, CancellationToken cancellationToken, string? within = null);

    Task TouchAsync(string id, long atMs, CancellationToken cancellationToken);

    /// <summary>Whether any session of the account has ended (and is still on record).</summary>
    Task<bool> AnyEndedAsync(string account, CancellationToken cancellationToken);

    /// <summary>Deletes sessions that ended before <paramref name="endedBeforeMs"/> or were last seen before
    /// <paramref name="seenBeforeMs"/>; returns how many.</summary>
    Task<int> PruneAsync(long endedBeforeMs, long seenBeforeMs, CancellationToken cancellationToken);
}

internal sealed class SessionStore(Database database) : ISessionStore
{
    private const string Columns = """
        id AS Id, account AS Account, role AS Role, jurisdiction AS Jurisdiction, client AS Client, agent AS Agent,
        started_at_ms AS StartedAtMs, seen_at_ms AS SeenAtMs, ended_at_ms AS EndedAtMs, ended_why AS EndedWhy
        """;

    public async Task StartAsync(StoredSession session, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var turn = await database.WriteTurnAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO sessions (id, account, role, jurisdiction, client, agent, started_at_ms, seen_at_ms)
            VALUES (@Id, @Account, @Role, @Jurisdiction, @Client, @Agent, @StartedAtMs, @SeenAtMs)
            """, session, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<StoredSession?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<StoredSession>(new CommandDefinition(
            $"SELECT {Columns} FROM sessions WHERE id = @Id", new { Id = id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<bool> EndAsync(string id, string why, long atMs, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var turn = await database.WriteTurnAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE sessions SET ended_at_ms = @At, ended_why = @Why WHERE id = @Id AND ended_at_ms IS NULL",
            new { Id = id, Why = why, At = atMs }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    public async Task<IReadOnlyList<string>> EndAllOfAsync(string account, string why, long atMs, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var turn = await database.WriteTurnAsync(cancellationToken).ConfigureAwait(false);
        return [.. await connection.QueryAsync<string>(new CommandDefinition("""
            UPDATE sessions SET ended_at_ms = @At, ended_why = @Why WHERE account = @Account AND ended_at_ms IS NULL
            RETURNING id
            """, new { Account = account, Why = why, At = atMs }, cancellationToken: cancellationToken)).ConfigureAwait(false)];
    }

    public async Task<IReadOnlyList<(string Id, long EndedAtMs)>> EndedSinceAsync(long sinceMs, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return [.. await connection.QueryAsync<(string, long)>(new CommandDefinition(
            "SELECT id, ended_at_ms FROM sessions WHERE ended_at_ms >= @Since", new { Since = sinceMs },
            cancellationToken: cancellationToken)).ConfigureAwait(false)];
    }

    public async Task<IReadOnlyList<StoredSession>> LiveAsync(long seenSinceMs, int max, CancellationToken cancellationToken, string? within = null)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return [.. await connection.QueryAsync<StoredSession>(new CommandDefinition($"""
            SELECT {Columns} FROM sessions WHERE ended_at_ms IS NULL AND seen_at_ms >= @Since AND jurisdiction LIKE @Within
            ORDER BY seen_at_ms DESC, id LIMIT @Max
            """, new { Since = seenSinceMs, Max = max, Within = (within ?? "") + "%" }, cancellationToken: cancellationToken)).ConfigureAwait(false)];
    }

    public async Task TouchAsync(string id, long atMs, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var turn = await database.WriteTurnAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE sessions SET seen_at_ms = @At WHERE id = @Id AND seen_at_ms < @At", new { Id = id, At = atMs },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<bool> AnyEndedAsync(string account, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM sessions WHERE account = @Account AND ended_at_ms IS NOT NULL", new { Account = account },
            cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;
    }

    public async Task<int> PruneAsync(long endedBeforeMs, long seenBeforeMs, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var turn = await database.WriteTurnAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM sessions WHERE ended_at_ms < @Ended OR seen_at_ms < @Seen", new { Ended = endedBeforeMs, Seen = seenBeforeMs },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
