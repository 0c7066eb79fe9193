using CommandCenter.Web.Storage;
using CommandCenter.Web.Tests.Host;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Security;

/// <summary>A flood of failed sign-ins is summarised in the audit log, not written row by row and not dropped.</summary>
public sealed class AuditFloodTests : IAsyncLifetime
{
    private readonly SecuredApp _app = new() { Settings = { ["Security:SignInPermitsPerMinute"] = "1000" } };

    public async Task InitializeAsync() => await _app.ReadyAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Sixty_refused_sign_ins_make_a_bounded_number_of_rows_and_one_summary_of_the_rest()
    {
        using var client = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        for (var i = 0; i < 60; i++)
        {
            await client.PostSignInAsync("op-fengqiao\nforged", "guess-" + i);
        }

        var audit = _app.Services.GetRequiredService<IAuditLog>();
        var rows = await audit.SearchAuditAsync(new AuditQuery(ActionPrefix: "sign-in.", Limit: 1000), default);
        // 5 failures lock the name from this address; of the 55 refusals that follow, 20 are written.
        Assert.Equal(5, rows.Count(r => r.Actor == "op-fengqiao\\nforged" && r.Action == "sign-in.failed")); // escaped: no forged line
        Assert.Equal(20, rows.Count(r => r.Actor == "op-fengqiao\\nforged" && r.Action == "sign-in.locked"));

        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        await _app.Services.GetRequiredService<FloodGatedAuditLog>().FlushAsync(all: false, default);
        var summary = Assert.Single(await audit.SearchAuditAsync(new AuditQuery(ActionPrefix: "audit.suppressed"), default));
        Assert.Equal("op-fengqiao\\nforged", summary.Actor);
        Assert.StartsWith("35 more 'sign-in.locked'", summary.Detail, StringComparison.Ordinal);
        Assert.Null(await audit.VerifyAuditAsync(default));
    }
}
