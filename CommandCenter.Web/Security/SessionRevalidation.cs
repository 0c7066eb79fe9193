using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace CommandCenter.Web.Security;

/// <summary>
/// Re-checks every live circuit's session each second (against <see cref="ServerSessions"/>' short cache, which every
/// node's <see cref="SessionWatch"/> keeps current): a circuit whose session was ended (sign-out, password change or
/// reset, role or jurisdiction change, a disabled account, or an admin ending it) is signed out at once and its page
/// goes to the sign-in, wall displays included, instead of living on until the browser is closed.
/// </summary>
public sealed partial class SessionRevalidation(ILoggerFactory loggers, ServerSessions sessions, ILogger<SessionRevalidation> logger)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(1);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        StillValidAsync(authenticationState.User, cancellationToken);

    internal async Task<bool> StillValidAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return true;
        }

        if (await sessions.IsLiveAsync(user.SessionId(), cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        var who = user.Id();
        LogEnded(who);

        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Live circuit of {User} signed out: its session has ended")]
    private partial void LogEnded(string user);
}
