using System.Net;
using System.Text.RegularExpressions;
using CommandCenter.Web.Hubs;
using CommandCenter.Web.Security;
using CommandCenter.Web.Tests.Host;
using CommandCenter.Web.Tests.Hubs;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Security;

/// <summary>
/// Every cookie names a server-side session: signing out, a password change or reset, a move, a disabled account or an
/// admin's "end session" ends it, and a copy of the cookie, an open hub connection and a live circuit end with it.
/// </summary>
public sealed partial class ServerSessionTests : IAsyncLifetime
{
    private readonly SecuredApp _app = new();

    public async Task InitializeAsync() => await _app.ReadyAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_copy_of_the_cookie_stops_working_when_its_owner_signs_out()
    {
        using var owner = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var cookie = await SessionCookieAsync("commander", DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, await StatusWith(cookie, "/api/kpis"));
        using var elsewhere = await _app.SignedInAsync("commander"); // the same account on another console

        var wall = await GetWith(cookie, "/wall/district-command");
        using var signOut = Post("/account/sign-out", cookie, TestSignIn.AntiforgeryToken(await wall.Content.ReadAsStringAsync()), AntiforgeryCookie(wall));
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SendAsync(signOut)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWith(cookie, "/api/kpis"));
        Assert.Equal(HttpStatusCode.Redirect, await StatusWith(cookie, "/wall/district-command"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await elsewhere.GetAsync(new Uri("/api/kpis", UriKind.Relative))).StatusCode);
        Assert.Equal(1, await _app.AuditCountAsync("commander", "sign-out"));
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_and_keeps_the_one_that_changed_it()
    {
        using var changer = await _app.SignedInAsync("analyst");
        using var other = await _app.SignedInAsync("analyst");
        var page = await changer.GetStringAsync(new Uri("/account/password", UriKind.Relative));
        var changed = await changer.PostAsync(new Uri("/account/change-password", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TestSignIn.AntiforgeryToken(page), ["current"] = DemoAccounts.Password, ["next"] = "analyst-new-secret-1",
        }));
        Assert.Equal("/", changed.Headers.Location?.OriginalString);

        Assert.Equal(HttpStatusCode.OK, (await changer.GetAsync(new Uri("/api/kpis", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync(new Uri("/api/kpis", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Reset_move_and_disable_each_end_the_accounts_sessions_and_a_disabled_account_cannot_sign_in()
    {
        using var admin = await _app.SignedInAsync("admin");
        foreach (var (action, form) in new (string, Dictionary<string, string>)[]
        {
            ("/admin/users/reset", new() { ["id"] = "op-shishan", ["password"] = "reset-secret-22" }),
            ("/admin/users/move", new() { ["id"] = "op-shishan", ["role"] = "Operator", ["jurisdiction"] = "320505002" }),
            ("/admin/users/disable", new() { ["id"] = "op-shishan", ["disabled"] = "1" }),
        })
        {
            using var session = await _app.SignedInAsync("op-shishan", action == "/admin/users/reset" ? DemoAccounts.Password : "reset-secret-22");
            // Signed in (after the reset on a password it must change, which the API answers 403, not 401).
            Assert.NotEqual(HttpStatusCode.Unauthorized, (await session.GetAsync(new Uri("/api/kpis", UriKind.Relative))).StatusCode);

            Assert.Contains("done=", await AdminPostAsync(admin, action, form), StringComparison.Ordinal);

            Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync(new Uri("/api/kpis", UriKind.Relative))).StatusCode);
        }

        using var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var refused = await client.PostSignInAsync("op-shishan", "reset-secret-22");
        Assert.Contains(Uri.EscapeDataString("账号已停用"), refused.Headers.Location!.OriginalString, StringComparison.Ordinal);

        Assert.Contains("done=", await AdminPostAsync(admin, "/admin/users/disable", new() { ["id"] = "op-shishan", ["disabled"] = "0" }), StringComparison.Ordinal);
        using var back = await _app.SignedInAsync("op-shishan", "reset-secret-22");
        Assert.NotEqual(HttpStatusCode.Unauthorized, (await back.GetAsync(new Uri("/api/kpis", UriKind.Relative))).StatusCode);
        Assert.Equal(1, await _app.AuditCountAsync("admin", "user.moved"));
        Assert.Equal(1, await _app.AuditCountAsync("admin", "user.disabled"));
    }

    [Fact]
    public async Task An_admin_ends_a_wall_displays_session_and_its_open_hub_connection_closes()
    {
        await using var hub = await HubClients.ConnectAsync(_app, "wall-01", DemoAccounts.WallToken, device: true);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await hub.InvokeAsync<WallSnapshotMessage>(nameof(WallHub.Subscribe), "320505");
        using var admin = await _app.SignedInAsync("admin");

        var page = await admin.GetStringAsync(new Uri("/admin/users", UriKind.Relative));
        var session = SessionOf(page, "wall-01");
        Assert.Contains("done=", await AdminPostAsync(admin, "/admin/users/end-session", new() { ["session"] = session }), StringComparison.Ordinal);

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
        Assert.DoesNotContain($"value=\"{session}\"", await admin.GetStringAsync(new Uri("/admin/users", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Equal(1, await _app.AuditCountAsync("admin", "session.ended"));
    }

    [Fact]
    public async Task A_live_circuit_is_signed_out_once_its_session_ends()
    {
        var sessions = _app.Services.GetRequiredService<ServerSessions>();
        using var revalidation = new SessionRevalidation(Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, sessions,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<SessionRevalidation>.Instance);
        var user = CenterUser.Create("wall-01", "大屏", Domain.Security.Role.WallDisplay, Domain.Jurisdictions.JurisdictionCode.From("320505"), false, "test");
        var id = await sessions.StartAsync(user, "127.0.0.1", "test", CancellationToken.None);
        ((System.Security.Claims.ClaimsIdentity)user.Identity!).AddClaim(new System.Security.Claims.Claim(ServerSessions.Claim, id));
        Assert.True(await revalidation.StillValidAsync(user, CancellationToken.None));

        await sessions.EndAsync(id, "test", CancellationToken.None);

        Assert.False(await revalidation.StillValidAsync(user, CancellationToken.None));
        var withoutSession = CenterUser.Create("commander", "指挥长", Domain.Security.Role.Commander, Domain.Jurisdictions.JurisdictionCode.From("320505"), false, "test");
        Assert.False(await revalidation.StillValidAsync(withoutSession, CancellationToken.None)); // a cookie naming no session is not honoured
    }

    [Fact]
    public async Task An_end_made_on_another_node_is_found_by_the_watch()
    {
        var sessions = _app.Services.GetRequiredService<ServerSessions>();
        var user = CenterUser.Create("analyst", "分析员", Domain.Security.Role.Analyst, Domain.Jurisdictions.JurisdictionCode.From("320505"), false, "test");
        var id = await sessions.StartAsync(user, "127.0.0.1", "test", CancellationToken.None);
        var told = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        sessions.Ended += ended => { if (ended == id) { told.TrySetResult(ended); } };
        Assert.True(await sessions.IsLiveAsync(id, CancellationToken.None));

        // Another node writes the end straight into the shared store; this node has not heard of it.
        await _app.Services.GetRequiredService<Web.Storage.ISessionStore>().EndAsync(id, "elsewhere", _app.Clock.GetUtcNow().ToUnixTimeMilliseconds(), default);
        Assert.True(await sessions.IsLiveAsync(id, CancellationToken.None)); // still within this node's short cache

        await _app.Services.GetRequiredService<SessionWatch>().LookAsync(CancellationToken.None);
        Assert.Equal(id, await told.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(await sessions.IsLiveAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task A_wall_signed_in_before_server_sessions_keeps_running_and_can_then_be_ended_while_people_sign_in_again()
    {
        var wallStamp = CenterUser.StampOf((await _app.Store.Accounts.FindUserAsync("wall-01", default))!.PasswordHash);
        var wall = LegacyCookie(CenterUser.Create("wall-01", "大屏", Domain.Security.Role.WallDisplay,
            Domain.Jurisdictions.JurisdictionCode.From("320505"), false, "Cookies", wallStamp));
        var commander = LegacyCookie(CenterUser.Create("commander", "指挥长", Domain.Security.Role.Commander,
            Domain.Jurisdictions.JurisdictionCode.From("320505"), false, "Cookies",
            CenterUser.StampOf((await _app.Store.Accounts.FindUserAsync("commander", default))!.PasswordHash)));

        Assert.Equal(HttpStatusCode.OK, await StatusWith(wall, "/wall/district-command"));
        Assert.Equal(HttpStatusCode.Redirect, await StatusWith(commander, "/wall/district-command"));

        using var admin = await _app.SignedInAsync("admin");
        var session = SessionOf(await admin.GetStringAsync(new Uri("/admin/users", UriKind.Relative)), "wall-01");
        Assert.Contains("done=", await AdminPostAsync(admin, "/admin/users/end-session", new() { ["session"] = session }), StringComparison.Ordinal);
        // Once one of its sessions has been ended, no old cookie of the account is taken again (a copy included).
        Assert.Equal(HttpStatusCode.Redirect, await StatusWith(wall, "/wall/district-command"));
    }

    private string LegacyCookie(System.Security.Claims.ClaimsPrincipal user)
    {
        var options = _app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>>()
            .Get(Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme);
        var now = _app.Clock.GetUtcNow();
        var ticket = new Microsoft.AspNetCore.Authentication.AuthenticationTicket(user,
            new Microsoft.AspNetCore.Authentication.AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddDays(30) }, "Cookies");
        return $"cc.session={options.TicketDataFormat.Protect(ticket)}";
    }

    private async Task<string> SessionCookieAsync(string user, string password)
    {
        using var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var page = await client.GetAsync(new Uri("/login", UriKind.Relative));
        using var post = Post("/account/sign-in", null, TestSignIn.AntiforgeryToken(await page.Content.ReadAsStringAsync()), AntiforgeryCookie(page),
            new() { ["username"] = user, ["password"] = password });
        var signedIn = await client.SendAsync(post);
        return signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cc.session=", StringComparison.Ordinal)).Split(';')[0];
    }

    private async Task<HttpResponseMessage> GetWith(string cookie, string path)
    {
        using var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    private async Task<HttpStatusCode> StatusWith(string cookie, string path) => (await GetWith(cookie, path)).StatusCode;

    private static HttpRequestMessage Post(string path, string? sessionCookie, string token, string antiforgeryCookie, Dictionary<string, string>? form = null)
    {
        form ??= [];
        form["__RequestVerificationToken"] = token;
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("Cookie", string.Join("; ", new[] { sessionCookie, antiforgeryCookie }.Where(c => !string.IsNullOrEmpty(c))));
        return request;
    }

    private static string AntiforgeryCookie(HttpResponseMessage page) =>
        string.Join("; ", (page.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [])
            .Where(c => !c.StartsWith("cc.session=", StringComparison.Ordinal)).Select(c => c.Split(';')[0]));

    internal static async Task<string> AdminPostAsync(HttpClient admin, string path, Dictionary<string, string> form)
    {
        var page = await admin.GetStringAsync(new Uri("/admin/users", UriKind.Relative));
        form["__RequestVerificationToken"] = TestSignIn.AntiforgeryToken(page);
        var response = await admin.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    /// <summary>The id in the "end session" form of an account's live session on the admin page.</summary>
    internal static string SessionOf(string adminPage, string account)
    {
        var match = SessionRow().Match(adminPage[adminPage.IndexOf($"data-session-of=\"{account}\"", StringComparison.Ordinal)..]);
        Assert.True(match.Success, $"no live session of {account} on the admin page");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("name=\"session\" value=\"([^\"]+)\"")]
    private static partial Regex SessionRow();
}
