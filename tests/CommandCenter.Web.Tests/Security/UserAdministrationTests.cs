using System.Net;
using CommandCenter.Web.Tests.Host;

namespace CommandCenter.Web.Tests.Security;

public sealed class UserAdministrationTests : IAsyncLifetime
{
    private readonly SecuredApp _app = new();
    private HttpClient _admin = default!;

    public async Task InitializeAsync()
    {
        await _app.ReadyAsync();
        _admin = await _app.SignedInAsync("admin");
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task An_admin_creates_an_operator_who_can_then_sign_in_and_the_change_is_audited()
    {
        var created = await Post("/admin/users/create", new()
        {
            ["id"] = "op-hengtang", ["displayName"] = "横塘街道 操作员", ["role"] = "Operator", ["jurisdiction"] = "320505003",
            ["password"] = "initial-secret-1",
        });
        Assert.Contains("done=", created, StringComparison.Ordinal);

        using var newcomer = await _app.SignedInAsync("op-hengtang", "initial-secret-1");
        // On its initial password the account may do nothing but change it: the API says so.
        var api = await newcomer.GetAsync(new Uri("/api/kpis", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Contains("Password change required", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("/account/password", (await newcomer.GetAsync(new Uri("/desk", UriKind.Relative))).Headers.Location?.OriginalString);
        Assert.Equal(1, await _app.AuditCountAsync("admin", "user.created"));
        Assert.Equal(1, (await _app.Store.Accounts.FindUserAsync("op-hengtang", CancellationToken.None))!.MustChangePassword);
    }

    [Theory]
    [InlineData("X", "Operator", "320505003", "initial-secret-1", "id:")]
    [InlineData("op-new", "Mayor", "320505003", "initial-secret-1", "role:")]
    [InlineData("op-new", "Operator", "320506001", "initial-secret-1", "outside your jurisdiction")]
    [InlineData("op-new", "Operator", "32050500", "initial-secret-1", "jurisdiction:")]
    [InlineData("op-new", "Operator", "320505003", "short", "password:")]
    [InlineData("commander", "Operator", "320505003", "initial-secret-1", "is taken")]
    public async Task Bad_account_details_are_refused_naming_the_field(string id, string role, string jurisdiction, string password, string expected)
    {
        var back = await Post("/admin/users/create", new()
        {
            ["id"] = id, ["displayName"] = "某人", ["role"] = role, ["jurisdiction"] = jurisdiction, ["password"] = password,
        });
        Assert.Contains(Uri.EscapeDataString(expected), back, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reset_unlocks_the_account_and_demands_a_new_password()
    {
        using var client = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        for (var i = 0; i < 5; i++)
        {
            await client.PostSignInAsync("op-shishan", "wrong-password");
        }

        Assert.Contains("done=", await Post("/admin/users/reset", new() { ["id"] = "op-shishan", ["password"] = "reset-secret-22" }), StringComparison.Ordinal);
        using var again = await _app.SignedInAsync("op-shishan", "reset-secret-22");
        Assert.Equal(1, await _app.AuditCountAsync("admin", "user.password-reset"));
    }

    [Fact]
    public async Task An_admin_never_makes_or_manages_a_peer_or_superior_admin()
    {
        var peer = await Post("/admin/users/create", new()
        {
            ["id"] = "admin-2", ["displayName"] = "另一管理员", ["role"] = "Admin", ["jurisdiction"] = "320505", ["password"] = "initial-secret-1",
        });
        Assert.Contains(Uri.EscapeDataString("role: an admin account only in a jurisdiction below your own"), peer, StringComparison.Ordinal);
        var street = await Post("/admin/users/create", new()
        {
            ["id"] = "admin-shishan", ["displayName"] = "狮山管理员", ["role"] = "Admin", ["jurisdiction"] = "320505001", ["password"] = "initial-secret-1",
        });
        Assert.Contains("done=", street, StringComparison.Ordinal);

        // The street's admin: not over the district's accounts, nor over itself, nor able to raise an account to its own level.
        var user = new Web.Storage.StoredUser("admin-shishan", "狮山管理员", "Admin", "320505001", null, 0, null, 0, 0);
        await _app.Store.Accounts.SetPasswordAsync(user.Id, Web.Security.AccountService.Hash(user, "street-secret-11"), mustChange: false, default);
        using var streetAdmin = await _app.SignedInAsync("admin-shishan", "street-secret-11");
        Assert.Contains(Uri.EscapeDataString("no account 'commander'"),
            await ServerSessionTests.AdminPostAsync(streetAdmin, "/admin/users/reset", new() { ["id"] = "commander", ["password"] = "taken-over-123" }), StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString("no account 'admin'"),
            await ServerSessionTests.AdminPostAsync(streetAdmin, "/admin/users/reset", new() { ["id"] = "admin", ["password"] = "taken-over-123" }), StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString("no account 'admin-shishan'"),
            await ServerSessionTests.AdminPostAsync(streetAdmin, "/admin/users/disable", new() { ["id"] = "admin-shishan", ["disabled"] = "1" }), StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString("role: an admin account only"),
            await ServerSessionTests.AdminPostAsync(streetAdmin, "/admin/users/move", new() { ["id"] = "op-shishan", ["role"] = "Admin", ["jurisdiction"] = "320505001" }), StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString("role: one of"),
            await ServerSessionTests.AdminPostAsync(streetAdmin, "/admin/users/move", new() { ["id"] = "op-shishan", ["role"] = "3", ["jurisdiction"] = "320505001" }), StringComparison.Ordinal);
        Assert.Contains("done=",
            await ServerSessionTests.AdminPostAsync(streetAdmin, "/admin/users/reset", new() { ["id"] = "op-shishan", ["password"] = "street-reset-11" }), StringComparison.Ordinal);
        Assert.DoesNotContain("data-user=\"commander\"", await streetAdmin.GetStringAsync(new Uri("/admin/users", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_admins_manage_accounts()
    {
        using var commander = await _app.SignedInAsync("commander");
        Assert.Equal(HttpStatusCode.Redirect, (await commander.GetAsync(new Uri("/admin/users", UriKind.Relative))).StatusCode);
        var page = await _admin.GetStringAsync(new Uri("/admin/users", UriKind.Relative));
        Assert.Contains("data-user=\"op-fengqiao\"", page, StringComparison.Ordinal);
    }

    private async Task<string> Post(string path, Dictionary<string, string> form)
    {
        var page = await _admin.GetStringAsync(new Uri("/admin/users", UriKind.Relative));
        form["__RequestVerificationToken"] = TestSignIn.AntiforgeryToken(page);
        var response = await _admin.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }
}
