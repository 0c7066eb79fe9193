using System.Net;
using CommandCenter.Web.Storage;
using CommandCenter.Web.Tests.Host;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CommandCenter.Web.Tests.Security;

/// <summary>Lockout, idle timeouts, rate limits, antiforgery, the origin check and the audit log's integrity.</summary>
public sealed class SessionTests : IAsyncLifetime
{
    private readonly SecuredApp _app = new();

    public async Task InitializeAsync() => await _app.ReadyAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("/%09/evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("/%5C%5Cevil.example")]
    public async Task Signing_in_never_sends_the_browser_to_another_site(string returnUrl)
    {
        using var client = Client();

        var response = await client.PostSignInAsync("commander", Web.Security.DemoAccounts.Password, returnUrl: returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString); // the commander's home, not the address asked for
    }

    [Fact]
    public async Task Signing_in_returns_to_the_local_page_asked_for()
    {
        using var client = Client();

        var response = await client.PostSignInAsync("commander", Web.Security.DemoAccounts.Password, returnUrl: "/briefing");

        Assert.Equal("/briefing", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_for_ten_minutes_even_against_the_right_password()
    {
        using var client = Client();
        for (var i = 0; i < 5; i++)
        {
            Assert.Contains("error", (await client.PostSignInAsync("op-fengqiao", "wrong-password")).Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        var locked = await client.PostSignInAsync("op-fengqiao", Web.Security.DemoAccounts.Password);
        Assert.Contains(Uri.EscapeDataString("账号已锁定"), locked.Headers.Location!.ToString(), StringComparison.Ordinal);

        _app.Clock.Advance(TimeSpan.FromMinutes(10));
        var after = await client.PostSignInAsync("op-fengqiao", Web.Security.DemoAccounts.Password);
        Assert.DoesNotContain("error", after.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(5, await _app.AuditCountAsync("op-fengqiao", "sign-in.failed"));
        Assert.Equal(1, await _app.AuditCountAsync("op-fengqiao", "sign-in.locked"));
        Assert.Equal(1, await _app.AuditCountAsync("op-fengqiao", "sign-in.ok"));
    }

    [Fact]
    public async Task A_desk_session_ends_after_30_idle_minutes_and_activity_keeps_it_alive()
    {
        using var active = await _app.SignedInAsync("op-shishan");
        using var idle = await _app.SignedInAsync("op-shishan");
        using var commander = await _app.SignedInAsync("commander");

        _app.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.OK, await Status(active, "/wall/street-shishan"));
        _app.Clock.Advance(TimeSpan.FromMinutes(25));

        Assert.Equal(HttpStatusCode.OK, await Status(active, "/wall/street-shishan"));
        Assert.Equal(HttpStatusCode.Redirect, await Status(idle, "/wall/street-shishan"));
        Assert.Equal(HttpStatusCode.OK, await Status(commander, "/wall/district-command"));
    }

    [Fact]
    public async Task A_flood_of_sign_in_attempts_gets_429()
    {
        await using var app = new SecuredApp { Settings = { ["Security:SignInPermitsPerMinute"] = "3" } };
        await app.ReadyAsync();
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await client.PostSignInAsync("commander", "wrong")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Sign_in_without_the_antiforgery_token_is_refused()
    {
        using var client = Client();
        var response = await client.PostAsync(new Uri("/account/sign-in", UriKind.Relative), new FormUrlEncodedContent(
            new Dictionary<string, string> { ["username"] = "commander", ["password"] = Web.Security.DemoAccounts.Password }));
        Assert.Contains("error", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, await Status(client, "/wall/district-command"));
    }

    [Fact]
    public async Task The_live_connection_refuses_other_origins()
    {
        using var client = await _app.SignedInAsync("commander");
        using var foreign = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        foreign.Headers.Add("Origin", "http://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(foreign)).StatusCode);

        using var own = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        own.Headers.Add("Origin", "http://localhost");
        Assert.NotEqual(HttpStatusCode.Forbidden, (await client.SendAsync(own)).StatusCode);
    }

    [Fact]
    public async Task Pages_carry_the_security_headers()
    {
        using var client = Client();
        var response = await client.GetAsync(new Uri("/login", UriKind.Relative));
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Tampering_with_the_audit_log_shows_on_the_audit_page()
    {
        using var admin = await _app.SignedInAsync("admin");
        Assert.Contains("data-audit-chain=\"intact\"", await admin.GetStringAsync(new Uri("/admin/audit", UriKind.Relative)), StringComparison.Ordinal);

        await using (var connection = await _app.Store.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("UPDATE audit_log SET detail = 'nothing happened' WHERE seq = 1"); // the admin's sign-in
        }

        var page = await admin.GetStringAsync(new Uri("/admin/audit?action=sign-in", UriKind.Relative));
        Assert.Contains("data-audit-chain=\"broken\"", page, StringComparison.Ordinal);
        Assert.Contains("哈希链断裂于第 1 条", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_admins_read_the_audit_log()
    {
        using var analyst = await _app.SignedInAsync("analyst");
        Assert.Equal(HttpStatusCode.Redirect, await Status(analyst, "/admin/audit"));
        using var admin = await _app.SignedInAsync("admin");
        var page = await admin.GetStringAsync(new Uri("/admin/audit?actor=analyst", UriKind.Relative));
        Assert.Contains("sign-in.ok", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_keys_live_in_the_store_for_every_node()
    {
        using var client = await _app.SignedInAsync("commander");
        Assert.NotEmpty(_app.Store.Accounts.DataProtectionKeys());
    }

    private HttpClient Client() => _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static async Task<HttpStatusCode> Status(HttpClient client, string path) =>
        (await client.GetAsync(new Uri(path, UriKind.Relative))).StatusCode;
}

public sealed class PasswordChangeTests
{
    [Fact]
    public async Task Outside_the_demo_a_seeded_account_must_change_its_password_first()
    {
        await using var app = new SecuredApp { Settings = { ["Security:DemoAccounts"] = "false" } };
        await app.ReadyAsync();
        var user = new StoredUser("chief", "指挥长", "Commander", "320505", null, 0, null, 1, 0);
        await app.Store.Accounts.CreateUserAsync(user with { PasswordHash = Web.Security.AccountService.Hash(user, "initial-password") }, CancellationToken.None);

        using var client = await app.SignedInAsync("chief", "initial-password");
        var wall = await client.GetAsync(new Uri("/wall/district-command", UriKind.Relative));
        Assert.Equal("/account/password", wall.Headers.Location?.OriginalString);

        var page = await client.GetStringAsync(new Uri("/account/password", UriKind.Relative));
        var token = TestSignIn.AntiforgeryToken(page);
        var change = await client.PostAsync(new Uri("/account/change-password", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["current"] = "initial-password", ["next"] = "a-much-longer-secret",
        }));
        Assert.Equal("/", change.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/wall/district-command", UriKind.Relative))).StatusCode);
        Assert.Equal(0, (await app.Store.Accounts.FindUserAsync("chief", CancellationToken.None))!.MustChangePassword);
    }
}
