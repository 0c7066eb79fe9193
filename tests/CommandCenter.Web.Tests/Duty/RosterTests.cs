using System.Net;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Web.Live;
using CommandCenter.Web.Tests.Host;
using CommandCenter.Web.Tests.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Duty;

/// <summary>The roster admin page: a shift added by form or imported from CSV is on duty on the walls when the clock says so.</summary>
public sealed class RosterTests : IAsyncLifetime
{
    private readonly SecuredApp _app = new();
    private HttpClient _admin = default!;
    private LiveSituation _live = default!;

    public async Task InitializeAsync()
    {
        await _app.WithOrdersAsync();
        _admin = await _app.SignedInAsync("admin");
        _live = _app.Services.GetRequiredService<LiveSituation>();
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_shift_added_on_the_page_is_on_duty_on_the_street_wall_and_audited()
    {
        var response = await PostFormAsync("/admin/roster/add", new()
        {
            ["jurisdiction"] = "320505001", ["start"] = "2026-11-23 08:00", ["end"] = "2026-11-23 20:00",
            ["leader"] = "王强", ["leaderPhone"] = "13900000001", ["members"] = "李娜:13900000002",
        });

        Assert.Contains("done=", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        var street = JurisdictionCode.From("320505001");
        await _live.WaitForAsync(() => _live.Snapshot(street).OnDuty.Any(s => s.Leader.Name == "王强"), TimeSpan.FromSeconds(10));
        Assert.Equal(1, await _app.AuditCountAsync("admin", "roster.shift-posted"));
        var page = await _admin.GetStringAsync(new Uri("/admin/roster", UriKind.Relative));
        Assert.Contains("王强", page, StringComparison.Ordinal);
        Assert.Contains("在岗", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_roster_file_is_imported_whole_or_not_at_all()
    {
        var bad = await ImportAsync("""
            jurisdiction,start,end,leader,leaderPhone,members
            320505001,2026-11-23 08:00,2026-11-23 20:00,王强,13900000001,
            320505002,2026-11-23 08:00,yesterday,陈刚,13900000004,
            """);
        Assert.Contains(Uri.EscapeDataString("line 3: end"), bad.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await _app.AuditCountAsync("admin", "roster.shift-posted"));

        var good = await ImportAsync("""
            jurisdiction,start,end,leader,leaderPhone,members
            320505001,2026-11-23 08:00,2026-11-23 20:00,王强,13900000001,
            320505002,2026-11-23 08:00,2026-11-23 20:00,陈刚,13900000004,赵敏:13900000003
            320505002,2026-11-23 20:00,2026-11-24 08:00,周洁,13900000005,
            """);

        Assert.Contains("done=", good.Headers.Location!.ToString(), StringComparison.Ordinal);
        var district = JurisdictionCode.From("320505");
        // Each shift is its own event: wait for all three, not for the first two that happen to be on duty.
        await _live.WaitForAsync(() => _live.Shifts(district).Count == 3, TimeSpan.FromSeconds(10));
        Assert.Equal(["王强", "陈刚"], _live.Snapshot(district).OnDuty.Select(s => s.Leader.Name));
        Assert.Equal(3, _live.Shifts(district).Count); // the night shift is not on duty yet

        _app.Clock.Advance(TimeSpan.FromHours(11.5)); // 20:30
        Assert.Equal(["周洁"], _live.Snapshot(district).OnDuty.Select(s => s.Leader.Name));
    }

    [Fact]
    public async Task Only_admins_edit_the_roster_and_only_within_their_jurisdiction()
    {
        using var operatorA = await _app.SignedInAsync("op-shishan");
        var page = await operatorA.GetAsync(new Uri("/admin/roster", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);

        var outside = await PostFormAsync("/admin/roster/add", new()
        {
            ["jurisdiction"] = "110101", ["start"] = "2026-11-23 08:00", ["end"] = "2026-11-23 20:00",
            ["leader"] = "王强", ["leaderPhone"] = "13900000001", ["members"] = "",
        });
        Assert.Contains("error=", outside.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> form)
    {
        form["__RequestVerificationToken"] = TestSignIn.AntiforgeryToken(await _admin.GetStringAsync(new Uri("/admin/roster", UriKind.Relative)));
        var response = await _admin.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }

    private async Task<HttpResponseMessage> ImportAsync(string csv)
    {
        var token = TestSignIn.AntiforgeryToken(await _admin.GetStringAsync(new Uri("/admin/roster", UriKind.Relative)));
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)), "file", "roster.csv" },
        };
        var response = await _admin.PostAsync(new Uri("/admin/roster/import", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }
}
