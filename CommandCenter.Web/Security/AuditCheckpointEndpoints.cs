using System.Text.Json;
using CommandCenter.Domain.Audit;
using CommandCenter.Web.Storage;

namespace CommandCenter.Web.Security;

/// <summary>
/// The audit checkpoints for keeping elsewhere (<c>GET /admin/audit/checkpoints</c>, admins of the whole tree): JSON lines,
/// the signing certificate first, then every checkpoint; and <c>--verify-audit {file}</c>, which checks such a file
/// against the log and reports a truncated or rewritten one.
/// </summary>
public static class AuditCheckpointEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapAuditCheckpoints(this WebApplication app) =>
        app.MapGet("/admin/audit/checkpoints", async (HttpContext http, IAuditLog audit, AuditSigner signer, Feeds.Reference.ReferenceBook reference) =>
        {
            var tree = reference.Current.Data.Tree;
            if (!AdminScope.SeesAll(http.User, tree))
            {
                return Feeds.Http.ApiProblem.Plain(StatusCodes.Status403Forbidden, "only an admin of the whole tree exports the audit checkpoints");
            }

            var lines = new List<string> { JsonSerializer.Serialize(new { certificate = signer.CertificatePem }, Json) };
            lines.AddRange((await audit.CheckpointsAsync(100_000, http.RequestAborted)).OrderBy(c => c.Seq)
                .Select(c => JsonSerializer.Serialize(new { seq = c.Seq, hash = c.Hash, at = c.At, signature = c.Signature }, Json)));
            return Results.Text(string.Join('\n', lines) + "\n", "application/x-ndjson", System.Text.Encoding.UTF8);
        }).RequireAuthorization(nameof(Domain.Security.Permission.ViewAudit));

    /// <summary><c>--verify-audit {file}</c>: 0 when the log holds every kept checkpoint and its chain is intact, 1 when not, 2 on bad use.</summary>
    public static async Task<int> VerifyAuditAsync(this WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var at = Array.IndexOf(args, "--verify-audit");
        if (at < 0 || args.Length < at + 2 || !File.Exists(args[at + 1]))
        {
            await Console.Error.WriteLineAsync("usage: --verify-audit {checkpoints file from /admin/audit/checkpoints}").ConfigureAwait(false);
            return 2;
        }

        var signer = app.Services.GetRequiredService<AuditSigner>();
        var kept = new List<AuditCheckpoint>();
        foreach (var line in await File.ReadAllLinesAsync(args[at + 1]).ConfigureAwait(false))
        {
            using var json = JsonDocument.Parse(line);
            if (json.RootElement.TryGetProperty("seq", out var seq))
            {
                var checkpoint = new AuditCheckpoint(seq.GetInt64(), json.RootElement.GetProperty("hash").GetString()!,
                    json.RootElement.GetProperty("at").GetDateTimeOffset(), json.RootElement.GetProperty("signature").GetString());
                if (!signer.Verifies(checkpoint))
                {
                    Console.WriteLine($"checkpoint {checkpoint.Seq}: its signature is not this installation's certificate's");
                    return 1;
                }

                kept.Add(checkpoint);
            }
        }

        await app.Services.GetRequiredService<IStoreMigrations>().MigrateAsync(CancellationToken.None).ConfigureAwait(false);
        var audit = app.Services.GetRequiredService<IAuditLog>();
        var head = await audit.AuditHeadAsync(CancellationToken.None).ConfigureAwait(false);
        var hashes = new Dictionary<long, string?>();
        foreach (var checkpoint in kept)
        {
            hashes[checkpoint.Seq] = await audit.AuditHashAtAsync(checkpoint.Seq, CancellationToken.None).ConfigureAwait(false);
        }

        var problem = AuditCheckpoints.Compare(kept, s => hashes.GetValueOrDefault(s), head?.Seq ?? 0)
            ?? await audit.VerifyAuditAsync(CancellationToken.None).ConfigureAwait(false);
        Console.WriteLine(problem is null
            ? $"audit log intact: {kept.Count} kept checkpoint(s) found in place, chain verified to row {head?.Seq ?? 0}"
            : $"audit log broken at row {problem.Seq}: {problem.Reason}");
        return problem is null ? 0 : 1;
    }
}
