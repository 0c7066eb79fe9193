using System.Data.Common;
using System.Text;
using CommandCenter.Domain.Audit;
using Dapper;

namespace CommandCenter.Web.Storage;

/// <summary>A search of the audit log; every part optional.</summary>
/// <remarks><paramref name="Within"/>: only entries by or about accounts of that jurisdiction's subtree (an admin of a part of
/// the tree); null for all.</remarks>
public sealed record AuditQuery(string? Actor = null, string? ActionPrefix = null, DateTimeOffset? From = null,
    DateTimeOffset? To = null, string? Target = null, int Limit = 200, string? Within = null);

/// <summary>The hash-chained audit log (操作审计): append, search, verify.</summary>
public interface IAuditLog : IStore
{
    /// <summary>
    /// Appends one audit row, chained to the last one. Appends are serialized by a lock held for the
    /// transaction, so the chain never forks however many nodes write.
    /// </summary>
    Task<AuditEntry> AppendAuditAsync(AuditRecord record, CancellationToken cancellationToken);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> SearchAuditAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>Reads the whole log in order and checks its chain; null when intact.</summary>
    Task<AuditBreak?> VerifyAuditAsync(CancellationToken cancellationToken);

    /// <summary>Checks the chain from a checkpoint's row on (the whole log when null); null when intact.</summary>
    Task<AuditBreak?> VerifyAuditFromAsync(AuditCheckpoint? from, CancellationToken cancellationToken);

    /// <summary>The last row's position and hash, or null for an empty log.</summary>
    Task<(long Seq, string Hash)?> AuditHeadAsync(CancellationToken cancellationToken);

    /// <summary>The hash of row <paramref name="seq"/>, or null if there is none.</summary>
    Task<string?> AuditHashAtAsync(long seq, CancellationToken cancellationToken);

    /// <summary>Keeps a checkpoint (another node's for the same row stays).</summary>
    Task AddCheckpointAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken);

    /// <summary>The newest checkpoints first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<AuditCheckpoint>> CheckpointsAsync(int max, CancellationToken cancellationToken);
}

internal sealed class AuditStore(Database database) : IAuditLog
{
    private const string AuditColumns = "seq AS Seq, at_ms AS AtMs, actor AS Actor, action AS Action, target AS Target, detail AS Detail, prev_hash AS PrevHash, hash AS Hash";

    public async Task<AuditEntry> AppendAuditAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var turn = await database.WriteTurnAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var entry = await AppendAsync(database, connection, transaction, record, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return entry;
    }

    /// <summary>Appends one audit row inside a transaction the caller commits (with whatever the row records).</summary>
    internal static async Task<AuditEntry> AppendAsync(Database database, DbConnection connection, DbTransaction transaction,
        AuditRecord record, CancellationToken cancellationToken)
    {
        await database.LockAuditAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var last = (await connection.QueryAsync<(long Seq, string Hash)>(new CommandDefinition(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", transaction: transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        var entry = last.Count == 0
            ? AuditChain.Seal(record, 1, database.Time.GetUtcNow(), AuditChain.Genesis)
            : AuditChain.Seal(record, last[0].Seq + 1, database.Time.GetUtcNow(), last[0].Hash);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO audit_log (seq, at_ms, actor, action, target, detail, prev_hash, hash)
            VALUES (@Seq, @AtMs, @Actor, @Action, @Target, @Detail, @PrevHash, @Hash)
            """, new { entry.Seq, AtMs = entry.At.ToUnixTimeMilliseconds(), entry.Actor, entry.Action, entry.Target, entry.Detail,
                entry.PrevHash, entry.Hash }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return entry;
    }

    public async Task<IReadOnlyList<AuditEntry>> SearchAuditAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        var where = new StringBuilder("WHERE 1 = 1");
        if (!string.IsNullOrWhiteSpace(query.Actor)) where.Append(" AND actor = @Actor");
        if (!string.IsNullOrWhiteSpace(query.ActionPrefix)) where.Append(" AND action LIKE @ActionLike");
        if (!string.IsNullOrWhiteSpace(query.Target)) where.Append(" AND target = @Target");
        if (query.From is not null) where.Append(" AND at_ms >= @FromMs");
        if (query.To is not null) where.Append(" AND at_ms < @ToMs");
        if (query.Within is not null)
        {
            // Jurisdiction codes nest by prefix: a subtree is every code starting with its root's.
            where.Append(" AND (actor IN (SELECT id FROM users WHERE jurisdiction LIKE @WithinLike) OR target IN (SELECT id FROM users WHERE jurisdiction LIKE @WithinLike))");
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition(
            $"SELECT {AuditColumns} FROM audit_log {where} ORDER BY seq DESC LIMIT @Limit",
            new
            {
                query.Actor, ActionLike = query.ActionPrefix + "%", query.Target, FromMs = query.From?.ToUnixTimeMilliseconds(),
                ToMs = query.To?.ToUnixTimeMilliseconds(), Limit = Math.Clamp(query.Limit, 1, 10_000), WithinLike = query.Within + "%",
            }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToEntry())];
    }

    public async Task<AuditBreak?> VerifyAuditAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition(
            $"SELECT {AuditColumns} FROM audit_log ORDER BY seq", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return AuditChain.Verify(rows.Select(r => r.ToEntry()));
    }

    public async Task<AuditBreak?> VerifyAuditFromAsync(AuditCheckpoint? from, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition(
            $"SELECT {AuditColumns} FROM audit_log WHERE seq >= @From ORDER BY seq", new { From = from?.Seq ?? 0 },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return AuditChain.Verify(rows.Select(r => r.ToEntry()), from);
    }

    public async Task<(long Seq, string Hash)?> AuditHeadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var head = (await connection.QueryAsync<(long Seq, string Hash)>(new CommandDefinition(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        return head.Count == 0 ? null : head[0];
    }

    public async Task<string?> AuditHashAtAsync(long seq, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT hash FROM audit_log WHERE seq = @Seq", new { Seq = seq }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task AddCheckpointAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var turn = await database.WriteTurnAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO audit_checkpoints (seq, hash, at_ms, signature) VALUES (@Seq, @Hash, @AtMs, @Signature)
            ON CONFLICT (seq) DO NOTHING
            """, new { checkpoint.Seq, checkpoint.Hash, AtMs = checkpoint.At.ToUnixTimeMilliseconds(), checkpoint.Signature },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditCheckpoint>> CheckpointsAsync(int max, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(long Seq, string Hash, long AtMs, string? Signature)>(new CommandDefinition(
            "SELECT seq, hash, at_ms, signature FROM audit_checkpoints ORDER BY seq DESC LIMIT @Max", new { Max = max },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new AuditCheckpoint(r.Seq, r.Hash, DateTimeOffset.FromUnixTimeMilliseconds(r.AtMs), r.Signature))];
    }

    private sealed class AuditRow
    {
        public long Seq { get; init; }
        public long AtMs { get; init; }
        public string Actor { get; init; } = "";
        public string Action { get; init; } = "";
        public string? Target { get; init; }
        public string? Detail { get; init; }
        public string PrevHash { get; init; } = "";
        public string Hash { get; init; } = "";

        public AuditEntry ToEntry() => new(Seq, DateTimeOffset.FromUnixTimeMilliseconds(AtMs), Actor, Action, Target, Detail, PrevHash, Hash);
    }
}
