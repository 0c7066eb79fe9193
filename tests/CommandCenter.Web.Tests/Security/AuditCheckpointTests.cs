using System.Net;
using CommandCenter.Web.Security;
using CommandCenter.Web.Storage;
using CommandCenter.Web.Tests.Host;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Security;

/// <summary>
/// Signed checkpoints of the audit chain: the audit page verifies from the newest one that holds, and a copy kept
/// elsewhere shows a log that was truncated even when the checkpoints in the store were removed with it.
/// </summary>
public sealed class AuditCheckpointTests : IAsyncLifetime
{
    private readonly SecuredApp _app = new();

    public async Task InitializeAsync() => await _app.ReadyAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_head_is_signed_and_the_page_verifies_from_it()
    {
        using var admin = await _app.SignedInAsync("admin");
        using (await _app.SignedInAsync("analyst"))
        {
        }

        var checkpointer = _app.Services.GetRequiredService<AuditCheckpointer>();
        var checkpoint = await SignHeadAsync();
        Assert.NotNull(checkpoint.Signature);
        Assert.True(_app.Services.GetRequiredService<AuditSigner>().Verifies(checkpoint));
        Assert.Null(await checkpointer.CheckpointAsync(default)); // nothing new to sign

        using (await _app.SignedInAsync("commander"))
        {
        }

        var page = await admin.GetStringAsync(new Uri("/admin/audit", UriKind.Relative));
        Assert.Contains($"data-verified-from=\"{checkpoint.Seq}\"", page, StringComparison.Ordinal);
        Assert.Contains("data-audit-chain=\"intact\"", page, StringComparison.Ordinal);

        // A row after the checkpoint changed: the incremental check sees it.
        await Execute($"UPDATE audit_log SET detail = 'nothing happened' WHERE seq = {checkpoint.Seq + 1}");
        Assert.Contains("data-audit-chain=\"broken\"", await admin.GetStringAsync(new Uri("/admin/audit", UriKind.Relative)), StringComparison.Ordinal);

        // A forged checkpoint is not trusted: verification starts from an earlier one, or the first row.
        await Execute($"UPDATE audit_checkpoints SET signature = 'Zm9yZ2Vk' WHERE seq = {checkpoint.Seq}");
        Assert.Null(await checkpointer.TrustedAsync(default));
    }

    [Fact]
    public async Task Only_an_admin_of_the_whole_tree_exports_the_checkpoints()
    {
        using var admin = await _app.SignedInAsync("admin");
        var checkpoint = await SignHeadAsync();

        var export = await admin.GetAsync(new Uri("/admin/audit/checkpoints", UriKind.Relative));
        var lines = (await export.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Contains("BEGIN CERTIFICATE", lines[0], StringComparison.Ordinal);
        Assert.Contains($"\"seq\":{checkpoint.Seq},", lines[^1], StringComparison.Ordinal);
        using var analyst = await _app.SignedInAsync("analyst");
        Assert.NotEqual(HttpStatusCode.OK, (await analyst.GetAsync(new Uri("/admin/audit/checkpoints", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_kept_copy_of_the_checkpoints_shows_a_truncated_log()
    {
        using var admin = await _app.SignedInAsync("admin");
        for (var i = 0; i < 3; i++)
        {
            using (await _app.SignedInAsync("analyst"))
            {
            }
        }

        var checkpoint = await SignHeadAsync();
        var kept = Path.Combine(Path.GetTempPath(), $"cc-checkpoints-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllTextAsync(kept, await admin.GetStringAsync(new Uri("/admin/audit/checkpoints", UriKind.Relative)));
        var settings = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Storage__SqlitePath"] = _app.SqlitePath };

        var intact = await WebProcess.RunAsync(settings, "--verify-audit", kept);
        // Whoever cuts the log's tail removes the store's checkpoints too; the kept copy still knows.
        await Execute($"DELETE FROM audit_log WHERE seq >= {checkpoint.Seq - 1}");
        await Execute("DELETE FROM audit_checkpoints");
        var truncated = await WebProcess.RunAsync(settings, "--verify-audit", kept);

        Assert.True(intact.ExitCode == 0, intact.Output);
        Assert.Equal(1, truncated.ExitCode);
        Assert.Contains($"but row {checkpoint.Seq} was signed", truncated.Output, StringComparison.Ordinal);
        Assert.Contains("truncated", truncated.Output, StringComparison.Ordinal);
    }

    /// <summary>Signs the head now (the background checkpointer may have just done so: either way, the newest checkpoint).</summary>
    private async Task<Domain.Audit.AuditCheckpoint> SignHeadAsync()
    {
        var checkpointer = _app.Services.GetRequiredService<AuditCheckpointer>();
        await checkpointer.CheckpointAsync(default);
        var checkpoint = (await checkpointer.TrustedAsync(default))!;
        Assert.Equal((await _app.Services.GetRequiredService<IAuditLog>().AuditHeadAsync(default))!.Value.Seq, checkpoint.Seq);
        return checkpoint;
    }

    private async Task Execute(string sql)
    {
        await using var connection = await _app.Store.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(sql);
    }
}
