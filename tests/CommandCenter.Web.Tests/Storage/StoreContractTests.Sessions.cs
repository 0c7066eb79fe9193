using CommandCenter.Web.Storage;

namespace CommandCenter.Web.Tests.Storage;

/// <summary>Server-side sessions and disabled accounts, on both stores.</summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Sessions_end_one_by_one_or_all_of_an_account_and_every_node_can_find_the_ends()
    {
        var at = Now.ToUnixTimeMilliseconds();
        foreach (var (id, account) in new[] { ("s1", "commander"), ("s2", "commander"), ("s3", "wall-01") })
        {
            await Store.Sessions.StartAsync(new StoredSession
            {
                Id = id, Account = account, Role = "Commander", Jurisdiction = "320505", Client = "10.0.0.1", Agent = "Chromium",
                StartedAtMs = at, SeenAtMs = at,
            }, CancellationToken.None);
        }

        Assert.True(await Store.Sessions.EndAsync("s3", "ended by admin", at + 1000, CancellationToken.None));
        Assert.False(await Store.Sessions.EndAsync("s3", "again", at + 2000, CancellationToken.None));
        Assert.Equal(["s1", "s2"], (await Store.Sessions.EndAllOfAsync("commander", "signed out", at + 3000, CancellationToken.None)).Order());
        Assert.Empty(await Store.Sessions.EndAllOfAsync("commander", "again", at + 4000, CancellationToken.None));

        Assert.True(await Store.Sessions.AnyEndedAsync("wall-01", CancellationToken.None));
        Assert.False(await Store.Sessions.AnyEndedAsync("analyst", CancellationToken.None));
        var second = SecondStore(); // another node on the same store
        Assert.Equal(["s1", "s2", "s3"], (await second.Sessions.EndedSinceAsync(at, CancellationToken.None)).Select(e => e.Id).Order());
        Assert.Equal(["s1", "s2"], (await second.Sessions.EndedSinceAsync(at + 2000, CancellationToken.None)).Select(e => e.Id).Order());
        var ended = await second.Sessions.FindAsync("s3", CancellationToken.None);
        Assert.Equal((at + 1000, "ended by admin"), (ended!.EndedAtMs, ended.EndedWhy));
        Assert.Empty(await second.Sessions.LiveAsync(0, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Live_sessions_list_the_recently_seen_first_and_old_records_are_pruned()
    {
        var at = Now.ToUnixTimeMilliseconds();
        for (var i = 0; i < 3; i++)
        {
            await Store.Sessions.StartAsync(new StoredSession
            {
                Id = $"live-{i}", Account = "wall-01", Role = "WallDisplay", Jurisdiction = "320505", Client = "10.0.0.2", Agent = "kiosk",
                StartedAtMs = at, SeenAtMs = at,
            }, CancellationToken.None);
        }

        await Store.Sessions.TouchAsync("live-1", at + 60_000, CancellationToken.None);
        await Store.Sessions.TouchAsync("live-1", at + 30_000, CancellationToken.None); // never moves back
        Assert.Equal(["live-1", "live-0", "live-2"], (await Store.Sessions.LiveAsync(at, 10, CancellationToken.None)).Select(s => s.Id));
        Assert.Equal(3, (await Store.Sessions.LiveAsync(at, 10, CancellationToken.None, "320505")).Count);
        Assert.Empty(await Store.Sessions.LiveAsync(at, 10, CancellationToken.None, "320505001")); // another subtree's only
        Assert.Equal(at + 60_000, (await Store.Sessions.FindAsync("live-1", CancellationToken.None))!.SeenAtMs);

        await Store.Sessions.EndAsync("live-0", "ended", at + 1000, CancellationToken.None);
        Assert.Equal(2, await Store.Sessions.PruneAsync(at + 2000, at + 1, CancellationToken.None)); // live-0 ended, live-2 idle
        Assert.Equal(["live-1"], (await Store.Sessions.LiveAsync(0, 10, CancellationToken.None)).Select(s => s.Id));
    }

    [Fact]
    public async Task Accounts_are_disabled_enabled_and_moved()
    {
        var user = new StoredUser("op-hengtang", "横塘操作员", "Operator", "320505003", "hash", 0, null, 0, Now.ToUnixTimeMilliseconds());
        await Store.Accounts.CreateUserAsync(user, CancellationToken.None);

        await Store.Accounts.SetDisabledAsync(user.Id, 1234, CancellationToken.None);
        Assert.Equal(1234, (await Store.Accounts.FindUserAsync(user.Id, CancellationToken.None))!.DisabledAtMs);
        await Store.Accounts.SetDisabledAsync(user.Id, null, CancellationToken.None);
        await Store.Accounts.SetRoleAsync(user.Id, "Analyst", "320505", CancellationToken.None);
        var moved = await Store.Accounts.FindUserAsync(user.Id, CancellationToken.None);
        Assert.Equal(((long?)null, "Analyst", "320505"), (moved!.DisabledAtMs, moved.Role, moved.Jurisdiction));
    }
}

/// <summary>Sign-in attempts per account and address, on both stores.</summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Sign_in_attempts_are_kept_per_address_and_counted_per_account_over_the_hour()
    {
        var at = Now.ToUnixTimeMilliseconds();
        await Store.Accounts.RecordAttemptAsync("analyst", "10.0.0.1", true, 0, null, at, CancellationToken.None);
        await Store.Accounts.RecordAttemptAsync("analyst", "10.0.0.2", false, 1, null, at, CancellationToken.None);
        await Store.Accounts.RecordAttemptAsync("analyst", "10.0.0.2", false, 0, at + 600_000, at + 1000, CancellationToken.None);
        await Store.Accounts.RecordAttemptAsync("analyst", "10.0.0.3", false, 1, null, at - 7_200_000, CancellationToken.None); // two hours ago

        var second = SecondStore();
        Assert.Equal(new SignInHistory(0, at + 600_000, false, 2), await second.Accounts.SignInHistoryAsync("analyst", "10.0.0.2", at - 3_600_000, default));
        Assert.Equal(new SignInHistory(0, null, true, 2), await second.Accounts.SignInHistoryAsync("analyst", "10.0.0.1", at - 3_600_000, default));
        Assert.Equal(new SignInHistory(0, null, false, 0), await second.Accounts.SignInHistoryAsync("nobody", "10.0.0.9", at - 3_600_000, default));
        Assert.Equal(["analyst"], await second.Accounts.LockedAccountsAsync(at, default));

        await Store.Accounts.ClearAttemptsAsync("analyst", default);
        Assert.Empty(await second.Accounts.LockedAccountsAsync(at, default));
        Assert.Equal(1, await Store.Accounts.PruneAttemptsAsync(at - 3_600_000, default)); // the quiet address that never got in
    }
}
