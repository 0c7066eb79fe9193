using System.Net;
using CommandCenter.Web.Tests.Host;

namespace CommandCenter.Web.Tests.Security;

/// <summary>
/// Sign-in limits per account and address: a lock earned from one address holds only there and cannot be kept going by
/// trying again; many addresses together get a bounded number of guesses, while the owner's usual workstation still gets in.
/// </summary>
public sealed class SignInLimitTests : IAsyncLifetime
{
    private readonly PeerApp _app = new() { Settings = { ["Security:SignInPermitsPerMinute"] = "1000" } };

    public async Task InitializeAsync() => await _app.ReadyAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_attacker_locks_only_their_own_address_and_cannot_keep_the_lock_going()
    {
        using var attacker = _app.From("198.51.100.66");
        using var owner = _app.From("10.1.2.3");
        for (var i = 0; i < 5; i++)
        {
            await attacker.PostSignInAsync("op-fengqiao", "guess-" + i);
        }

        Assert.Contains(Uri.EscapeDataString("账号已锁定"), await ErrorOf(attacker.PostSignInAsync("op-fengqiao", Web.Security.DemoAccounts.Password)), StringComparison.Ordinal);
        Assert.Null(await ErrorOf(owner.PostSignInAsync("op-fengqiao", Web.Security.DemoAccounts.Password)));

        // Trying on while locked is not counted: the lock ends when it was set to.
        _app.Clock.Advance(TimeSpan.FromMinutes(9));
        for (var i = 0; i < 3; i++)
        {
            await attacker.PostSignInAsync("op-fengqiao", "more-guesses-" + i);
        }

        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await ErrorOf(attacker.PostSignInAsync("op-fengqiao", Web.Security.DemoAccounts.Password)));
        Assert.Equal(1 + 3, await _app.AuditCountAsync("op-fengqiao", "sign-in.locked")); // refused, not counted
    }

    [Fact]
    public async Task Guesses_from_many_addresses_are_bounded_and_the_owners_workstation_still_gets_in()
    {
        using var workstation = _app.From("10.1.2.3");
        Assert.Null(await ErrorOf(workstation.PostSignInAsync("analyst", Web.Security.DemoAccounts.Password)));
        for (var i = 0; i < 30; i++)
        {
            using var bot = _app.From($"203.0.113.{i + 1}");
            await bot.PostSignInAsync("analyst", "guess-" + i);
        }

        using var another = _app.From("203.0.113.200");
        Assert.Contains(Uri.EscapeDataString("登录失败过多"), await ErrorOf(another.PostSignInAsync("analyst", Web.Security.DemoAccounts.Password)), StringComparison.Ordinal);
        Assert.Null(await ErrorOf(workstation.PostSignInAsync("analyst", Web.Security.DemoAccounts.Password)));
        Assert.Equal(1, await _app.AuditCountAsync("analyst", "sign-in.throttled"));

        _app.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Null(await ErrorOf(another.PostSignInAsync("analyst", Web.Security.DemoAccounts.Password)));
    }

    [Fact]
    public async Task An_unknown_account_is_limited_the_same_way()
    {
        using var bot = _app.From("198.51.100.7");
        var answers = new List<string?>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await ErrorOf(bot.PostSignInAsync("no-such-user", "guess-" + i)));
        }

        Assert.All(answers.Take(4), a => Assert.Contains(Uri.EscapeDataString("账号或密码错误"), a, StringComparison.Ordinal));
        Assert.Contains(Uri.EscapeDataString("账号已锁定"), answers[5], StringComparison.Ordinal);
    }

    private static async Task<string?> ErrorOf(Task<HttpResponseMessage> signIn)
    {
        var response = await signIn;
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        return location.Contains("error=", StringComparison.Ordinal) ? location : null;
    }
}
