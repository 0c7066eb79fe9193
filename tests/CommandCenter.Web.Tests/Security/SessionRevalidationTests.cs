using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Security;
using CommandCenter.Web.Security;
using CommandCenter.Web.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CommandCenter.Web.Tests.Security;

/// <summary>A live circuit's account is re-checked: what an admin changes ends the session without waiting for the browser.</summary>
public sealed class SessionRevalidationTests : IAsyncLifetime
{
    private readonly SecuredApp _app = new();
    private SessionRevalidation _revalidation = default!;

    public async Task InitializeAsync()
    {
        await _app.ReadyAsync();
        _revalidation = new SessionRevalidation(NullLoggerFactory.Instance, _app.Store.Accounts, NullLogger<SessionRevalidation>.Instance);
    }

    public async Task DisposeAsync()
    {
        ((IDisposable)_revalidation).Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_session_lives_while_the_account_is_as_it_was_signed_in()
    {
        Assert.True(await _revalidation.StillValidAsync(await SignedInAsync("op-shishan", Role.Operator, "320505001"), default));
        Assert.True(await _revalidation.StillValidAsync(Principal("wall-01", Role.WallDisplay, "320505"), default));
    }

    [Fact]
    public async Task A_session_ends_when_the_account_is_gone_moved_or_its_password_reset()
    {
        Assert.False(await _revalidation.StillValidAsync(Principal("nobody", Role.Operator, "320505001"), default));
        Assert.False(await _revalidation.StillValidAsync(Principal("op-shishan", Role.Commander, "320505001"), default));
        Assert.False(await _revalidation.StillValidAsync(Principal("op-shishan", Role.Operator, "320505"), default));

        var session = await SignedInAsync("op-shishan", Role.Operator, "320505001");
        var admin = Principal("admin", Role.Admin, "320505");
        Assert.Null(await _app.Services.GetRequiredService<UserAdministration>().ResetPasswordAsync(admin, "op-shishan", "A-new-password-2026", default));
        Assert.False(await _revalidation.StillValidAsync(session, default));
    }

    /// <summary>A principal as sign-in makes it: with the stamp of the password hash stored now.</summary>
    private async Task<System.Security.Claims.ClaimsPrincipal> SignedInAsync(string id, Role role, string jurisdiction) =>
        CenterUser.Create(id, id, role, JurisdictionCode.From(jurisdiction), mustChangePassword: true, "test",
            CenterUser.StampOf((await _app.Store.Accounts.FindUserAsync(id, default))!.PasswordHash));

    private static System.Security.Claims.ClaimsPrincipal Principal(string id, Role role, string jurisdiction) =>
        CenterUser.Create(id, id, role, JurisdictionCode.From(jurisdiction), mustChangePassword: false, "test");
}
