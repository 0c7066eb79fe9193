using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Web.Storage;
using CommandCenter.Web.Tests.Host;
using CommandCenter.Web.Tests.Ingest;

namespace CommandCenter.Web.Tests.Security;

/// <summary>
/// An admin of 狮山街道 (street A) against the district's admin: accounts, the audit log and dead letters of street A
/// only; the district's admin sees all of them.
/// </summary>
public sealed class AdminJurisdictionMatrixTests : IAsyncLifetime
{
    private const string ShishanKey = "shishan-hotline-key-1";
    private const string FengqiaoKey = "fengqiao-hotline-key-1";
    private readonly IngestApp _app = new();
    private HttpClient _streetAdmin = default!;
    private HttpClient _districtAdmin = default!;

    public async Task InitializeAsync()
    {
        _app.Settings["Ingest:Sources:shishan-hotline:ApiKey"] = ShishanKey;
        _app.Settings["Ingest:Sources:shishan-hotline:Jurisdictions:0"] = "320505001";
        _app.Settings["Ingest:Sources:fengqiao-hotline:ApiKey"] = FengqiaoKey;
        _app.Settings["Ingest:Sources:fengqiao-hotline:Jurisdictions:0"] = "320505002";
        await _app.ReadyAsync();
        var streetAdmin = new StoredUser("admin-shishan", "狮山管理员", "Admin", "320505001", null, 0, null, 0, 0);
        await _app.Store.Accounts.CreateUserAsync(streetAdmin with { PasswordHash = Web.Security.AccountService.Hash(streetAdmin, "street-admin-secret-1") }, default);
        using (var a = await _app.SignedInAsync("op-shishan"))
        using (var b = await _app.SignedInAsync("op-fengqiao"))
        {
            // Both operators have signed in: audit entries of each street.
        }

        foreach (var key in new[] { ShishanKey, FengqiaoKey })
        {
            using var source = _app.CreateClient();
            source.DefaultRequestHeaders.Add("X-Api-Key", key);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, (await source.PostAsJsonAsync("/api/ingest/tickets", new { source = "fax" })).StatusCode);
        }

        _streetAdmin = await _app.SignedInAsync("admin-shishan", "street-admin-secret-1");
        _districtAdmin = await _app.SignedInAsync("admin");
    }

    public async Task DisposeAsync()
    {
        _streetAdmin.Dispose();
        _districtAdmin.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_street_admin_sees_and_manages_its_street_only()
    {
        var users = await _streetAdmin.GetStringAsync(new Uri("/admin/users", UriKind.Relative));
        Assert.Contains("data-user=\"op-shishan\"", users, StringComparison.Ordinal);
        Assert.DoesNotContain("data-user=\"op-fengqiao\"", users, StringComparison.Ordinal);
        Assert.DoesNotContain("data-user=\"commander\"", users, StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString("no account 'op-fengqiao' you manage"),
            await ServerSessionTests.AdminPostAsync(_streetAdmin, "/admin/users/disable", new() { ["id"] = "op-fengqiao", ["disabled"] = "1" }), StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString("outside your jurisdiction"), await ServerSessionTests.AdminPostAsync(_streetAdmin, "/admin/users/create", new()
        {
            ["id"] = "op-new", ["displayName"] = "新人", ["role"] = "Operator", ["jurisdiction"] = "320505002", ["password"] = "initial-secret-1",
        }), StringComparison.Ordinal);

        var audit = await _streetAdmin.GetStringAsync(new Uri("/admin/audit?action=sign-in", UriKind.Relative));
        Assert.Contains("<td>op-shishan</td>", audit, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>op-fengqiao</td>", audit, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>commander</td>", audit, StringComparison.Ordinal);

        var letters = JsonDocument.Parse(await _streetAdmin.GetStringAsync(new Uri("/api/ingest/dead-letters", UriKind.Relative))).RootElement;
        Assert.Equal(["shishan-hotline"], letters.EnumerateArray().Select(l => l.GetProperty("source").GetString()));
    }

    [Fact]
    public async Task The_district_admin_sees_every_street()
    {
        var users = await _districtAdmin.GetStringAsync(new Uri("/admin/users", UriKind.Relative));
        Assert.Contains("data-user=\"op-fengqiao\"", users, StringComparison.Ordinal);
        Assert.Contains("data-user=\"admin-shishan\"", users, StringComparison.Ordinal);

        var audit = await _districtAdmin.GetStringAsync(new Uri("/admin/audit?action=sign-in", UriKind.Relative));
        Assert.Contains("<td>op-shishan</td>", audit, StringComparison.Ordinal);
        Assert.Contains("<td>op-fengqiao</td>", audit, StringComparison.Ordinal);

        var letters = JsonDocument.Parse(await _districtAdmin.GetStringAsync(new Uri("/api/ingest/dead-letters", UriKind.Relative))).RootElement;
        Assert.Equal(["fengqiao-hotline", "shishan-hotline"], letters.EnumerateArray().Select(l => l.GetProperty("source").GetString()).Order());
    }
}
