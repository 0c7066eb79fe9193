using CommandCenter.Web.Storage;
using Dapper;

namespace CommandCenter.Web.Tests.Storage;

/// <summary>Accounts and the audit log, on both stores.</summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Accounts_are_created_once_and_keep_failures_locks_and_password_changes()
    {
        var user = new StoredUser("op-shishan", "狮山操作员", "Operator", "320505001", "hash-1", 0, null, 1, Now.ToUnixTimeMilliseconds());
        Assert.True(await Store.Accounts.CreateUserAsync(user, CancellationToken.None));
        Assert.False(await Store.Accounts.CreateUserAsync(user with { DisplayName = "again" }, CancellationToken.None));

        await Store.Accounts.RecordSignInAsync(user.Id, false, 5, Now.AddMinutes(10).ToUnixTimeMilliseconds(), Now.ToUnixTimeMilliseconds(), CancellationToken.None);
        var locked = await Store.Accounts.FindUserAsync(user.Id, CancellationToken.None);
        Assert.Equal((5, Now.AddMinutes(10).ToUnixTimeMilliseconds(), "狮山操作员"), (locked!.FailedLogins, locked.LockedUntilMs, locked.DisplayName));

        await Store.Accounts.RecordSignInAsync(user.Id, true, 0, null, Now.ToUnixTimeMilliseconds(), CancellationToken.None);
        await Store.Accounts.SetPasswordAsync(user.Id, "hash-2", mustChange: false, CancellationToken.None);
        var changed = await Store.Accounts.FindUserAsync(user.Id, CancellationToken.None);
        Assert.Equal((0, (long?)null, "hash-2", 0), (changed!.FailedLogins, changed.LockedUntilMs, changed.PasswordHash, changed.MustChangePassword));
        Assert.Null(await Store.Accounts.FindUserAsync("nobody", CancellationToken.None));
    }

    [Fact]
    public async Task Audit_appends_from_two_nodes_form_one_unbroken_chain()
    {
        var second = SecondStore();
        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => (i % 2 == 0 ? Store : second)
            .Audit.AppendAuditAsync(new Domain.Audit.AuditRecord($"user{i % 3}", i % 2 == 0 ? "sign-in.ok" : "sign-in.failed", "web", $"#{i}"), CancellationToken.None)));

        Assert.Null(await Store.Audit.VerifyAuditAsync(CancellationToken.None));
        var all = await Store.Audit.SearchAuditAsync(new AuditQuery(Limit: 100), CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i).Reverse(), all.Select(e => e.Seq));
        Assert.Equal(15, (await Store.Audit.SearchAuditAsync(new AuditQuery(ActionPrefix: "sign-in.failed"), CancellationToken.None)).Count);
        Assert.Equal(10, (await Store.Audit.SearchAuditAsync(new AuditQuery(Actor: "user1"), CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_changed_or_removed_audit_row_is_detected()
    {
        for (var i = 0; i < 12; i++)
        {
            await Store.Audit.AppendAuditAsync(new Domain.Audit.AuditRecord("admin", "user.created", $"user{i}"), CancellationToken.None);
        }

        await using var connection = await Store.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("UPDATE audit_log SET target = 'someone-else' WHERE seq = 7");
        Assert.Equal(7, (await Store.Audit.VerifyAuditAsync(CancellationToken.None))!.Seq);

        await connection.ExecuteAsync("UPDATE audit_log SET target = 'user6' WHERE seq = 7");
        Assert.Null(await Store.Audit.VerifyAuditAsync(CancellationToken.None));
        await connection.ExecuteAsync("DELETE FROM audit_log WHERE seq = 4");
        var gap = await Store.Audit.VerifyAuditAsync(CancellationToken.None);
        Assert.Equal(4, gap!.Seq);
        Assert.Contains("missing", gap.Reason, StringComparison.Ordinal);
    }
}
