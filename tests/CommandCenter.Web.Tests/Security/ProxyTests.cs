using System.Net;
using CommandCenter.Web.Tests.Host;

namespace CommandCenter.Web.Tests.Security;

/// <summary>
/// Behind a TLS-terminating proxy named in Security:TrustedProxies, the app sees the client's address and scheme: HSTS is
/// sent, cookies are Secure, and the audit records the client. From any other peer the forwarded headers mean nothing.
/// </summary>
public sealed class ProxyTests : IAsyncLifetime
{
    private const string Proxy = "10.20.0.5";
    private readonly PeerApp _app = new() { Settings = { ["Security:TrustedProxies:0"] = "10.20.0.0/24" } };

    public async Task InitializeAsync() => await _app.ReadyAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Through_the_trusted_proxy_the_session_is_secure_and_the_client_is_audited()
    {
        using var client = Through(Proxy);

        var page = await client.GetAsync(new Uri("/login", UriKind.Relative));
        var signIn = await client.PostSignInAsync("analyst", Web.Security.DemoAccounts.Password);

        Assert.Equal("max-age=31536000", page.Headers.GetValues("Strict-Transport-Security").Single());
        var session = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cc.session=", StringComparison.Ordinal));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        var entry = Assert.Single(await _app.Store.Audit.SearchAuditAsync(new Web.Storage.AuditQuery("analyst", "sign-in.ok"), default));
        Assert.Equal("203.0.113.7", entry.Target);
    }

    [Fact]
    public async Task From_any_other_peer_the_forwarded_headers_are_ignored()
    {
        using var client = Through("192.0.2.44");

        var page = await client.GetAsync(new Uri("/login", UriKind.Relative));
        var signIn = await client.PostSignInAsync("analyst", Web.Security.DemoAccounts.Password);

        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
        var session = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cc.session=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", session, StringComparison.OrdinalIgnoreCase);
        var entry = Assert.Single(await _app.Store.Audit.SearchAuditAsync(new Web.Storage.AuditQuery("analyst", "sign-in.ok"), default));
        Assert.Equal("192.0.2.44", entry.Target);
    }

    private HttpClient Through(string peer)
    {
        var client = _app.From(peer, new Uri("http://wall.example.gov.cn"));
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return client;
    }
}
