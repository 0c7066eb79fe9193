using System.Security.Claims;
using CommandCenter.Domain.Security;
using CommandCenter.Web.Storage;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace CommandCenter.Web.Security;

/// <summary>
/// Re-checks every live circuit's account once a minute: a circuit whose account was removed, moved to another role or
/// jurisdiction, or whose password was changed or reset since it signed in is signed out at once (its pages show the sign-in), instead of
/// living on until the browser is closed. Wall displays are devices, not accounts, and keep their session.
/// </summary>
public sealed partial class SessionRevalidation(ILoggerFactory loggers, IAccountStore store, ILogger<SessionRevalidation> logger)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        StillValidAsync(authenticationState.User, cancellationToken);

    internal async Task<bool> StillValidAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.Identity?.IsAuthenticated != true || user.Role() == Role.WallDisplay)
        {
            return true;
        }

        var stored = await store.FindUserAsync(user.Id(), cancellationToken).ConfigureAwait(false);
        var why = stored is null ? "the account no longer exists"
            : stored.Role != user.Role()?.ToString() ? $"the role changed to {stored.Role}"
            : stored.Jurisdiction != user.Jurisdiction()?.Value ? $"the jurisdiction changed to {stored.Jurisdiction}"
            : user.PasswordStamp() is { } stamp && stamp != CenterUser.StampOf(stored.PasswordHash) ? "the password was changed or reset"
            : null;
        if (why is not null)
        {
            LogEnded(user.Id(), why);
        }

        return why is null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live session of {User} ended: {Why}")]
    private partial void LogEnded(string user, string why);
}
