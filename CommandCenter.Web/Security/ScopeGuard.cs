using System.Security.Claims;
using CommandCenter.Domain.Audit;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Web.Storage;

namespace CommandCenter.Web.Security;

/// <summary>
/// Enforces jurisdiction: a user sees and acts on their own node's subtree only. Services and endpoints ask
/// here; a refusal is audited and answered as "not found", so nothing outside reveals that it exists.
/// </summary>
public sealed partial class ScopeGuard(IAuditLog store, ILogger<ScopeGuard> logger)
{
    public static bool Allows(ClaimsPrincipal user, JurisdictionCode scope) =>
        user.Identity?.IsAuthenticated == true && user.Jurisdiction() is { } own && own.Contains(scope);

    /// <summary>
    /// The scope a request may use: the requested one if it lies within the user's jurisdiction, the user's own
    /// when none was asked for; null (and audited) when outside.
    /// </summary>
    public async Task<JurisdictionCode?> ResolveAsync(ClaimsPrincipal user, JurisdictionCode? requested, string what, CancellationToken cancellationToken)
    {
        var own = user.Jurisdiction();
        if (own is null)
        {
            await DeniedAsync(user, what, "no jurisdiction on the account", cancellationToken).ConfigureAwait(false);
            return null;
        }

        var scope = requested ?? own.Value;
        if (own.Value.Contains(scope))
        {
            return scope;
        }

        await DeniedAsync(user, what, $"{scope} is outside {own}", cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>Records a refused access in the audit log.</summary>
    public async Task DeniedAsync(ClaimsPrincipal user, string what, string why, CancellationToken cancellationToken)
    {
        LogDenied(user.Id(), what, why);
        await store.AppendAuditAsync(new AuditRecord(user.Id(), "access.denied", what, why), cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Access denied: {User} to {What}: {Why}")]
    private partial void LogDenied(string user, string what, string why);
}
