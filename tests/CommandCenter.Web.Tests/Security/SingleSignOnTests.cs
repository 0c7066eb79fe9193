using System.Net;
using System.Web;
using CommandCenter.Web.Tests.Host;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CommandCenter.Web.Tests.Security;

public sealed class SingleSignOnTests : IAsyncLifetime
{
    private FakeIdentityProvider _provider = default!;
    private SecuredApp _app = default!;

    public async Task InitializeAsync()
    {
        _provider = await FakeIdentityProvider.StartAsync();
        // The provider's tokens and the client's cookie jar live on the real clock, so the app does too.
        _app = new SecuredApp(DateTimeOffset.UtcNow)
        {
            Settings =
            {
                ["Security:Oidc:Authority"] = _provider.Authority,
                ["Security:Oidc:ClientId"] = FakeIdentityProvider.ClientId,
                ["Security:Oidc:ClientSecret"] = "secret",
            },
        };
        await _app.ReadyAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task A_provider_user_with_role_and_jurisdiction_signs_in_and_is_scoped()
    {
        _provider.Claims["sub"] = "zhang.wei";
        _provider.Claims["name"] = "张伟";
        _provider.Claims["role"] = "Operator";
        _provider.Claims["jurisdiction"] = "320505001";
        using var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Contains("政务统一身份认证登录", await client.GetStringAsync(new Uri("/login", UriKind.Relative)), StringComparison.Ordinal);
        var back = await RoundTripAsync(client, "/wall/street-shishan");

        Assert.Equal("/wall/street-shishan", Uri.UnescapeDataString(back.Headers.Location?.OriginalString ?? ""));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/wall/street-shishan", UriKind.Relative))).StatusCode);
        Assert.Contains("no layout", await client.GetStringAsync(new Uri("/wall/district-command", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Equal(1, await _app.AuditCountAsync("sso:zhang.wei", "sign-in.ok")); // the subject, kept apart from local ids
    }

    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("/%09/evil.example")]
    [InlineData("/\\evil.example")]
    public async Task Single_sign_on_never_returns_the_browser_to_another_site(string returnUrl)
    {
        _provider.Claims["sub"] = "wang.fang";
        _provider.Claims["role"] = "Commander";
        _provider.Claims["jurisdiction"] = "320505";
        using var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var back = await RoundTripAsync(client, returnUrl);

        Assert.Equal("/", back.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_provider_user_without_a_jurisdiction_is_refused_and_audited()
    {
        _provider.Claims["sub"] = "li.na";
        _provider.Claims["role"] = "Commander";
        using var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var back = await RoundTripAsync(client, "/");

        Assert.StartsWith("/login?error=", back.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(new Uri("/wall/district-command", UriKind.Relative))).StatusCode);
        Assert.Equal(1, await _app.AuditCountAsync("li.na", "sign-in.failed"));
    }

    [Theory]
    [InlineData("3")] // Admin's number
    [InlineData("Commander,Admin")]
    [InlineData("admin")]
    [InlineData("WallDisplay")]
    public async Task A_role_claim_that_is_not_exactly_one_role_name_is_refused(string role)
    {
        _provider.Claims["sub"] = "zhao.lei";
        _provider.Claims["role"] = role;
        _provider.Claims["jurisdiction"] = "320505";
        using var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var back = await RoundTripAsync(client, "/");

        Assert.StartsWith("/login?error=", back.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(new Uri("/admin/users", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_provider_subject_named_like_a_local_account_does_not_become_it()
    {
        _provider.Claims["sub"] = "admin";
        _provider.Claims["preferred_username"] = "admin";
        _provider.Claims["role"] = "Analyst";
        _provider.Claims["jurisdiction"] = "320505";
        using var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        await RoundTripAsync(client, "/");

        Assert.Equal(1, await _app.AuditCountAsync("sso:admin", "sign-in.ok"));
        Assert.Equal(0, await _app.AuditCountAsync("admin", "sign-in.ok"));
        // Signing that person out ends only their sessions, not the local admin's.
        using var localAdmin = await _app.SignedInAsync("admin");
        var page = await client.GetAsync(new Uri("/wall/district-command", UriKind.Relative));
        var token = TestSignIn.AntiforgeryToken(await page.Content.ReadAsStringAsync());
        await client.PostAsync(new Uri("/account/sign-out", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.OK, (await localAdmin.GetAsync(new Uri("/admin/users", UriKind.Relative))).StatusCode);
    }

    /// <summary>Follows the code flow as a browser would: to the provider and back with a code carrying the nonce.</summary>
    private static async Task<HttpResponseMessage> RoundTripAsync(HttpClient client, string returnUrl)
    {
        var challenge = await client.GetAsync(new Uri($"/account/sso?returnUrl={Uri.EscapeDataString(returnUrl)}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        var query = HttpUtility.ParseQueryString(authorize.Query);
        Assert.Equal((FakeIdentityProvider.ClientId, "code", "S256"), (query["client_id"], query["response_type"], query["code_challenge_method"]));

        var callback = new Uri(query["redirect_uri"]!).AbsolutePath;
        return await client.GetAsync(new Uri(
            $"{callback}?code={Uri.EscapeDataString(query["nonce"]!)}&state={Uri.EscapeDataString(query["state"]!)}", UriKind.Relative));
    }
}
