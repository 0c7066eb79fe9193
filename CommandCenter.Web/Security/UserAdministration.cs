using System.Security.Claims;
using System.Text.RegularExpressions;
using CommandCenter.Domain.Audit;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Security;
using CommandCenter.Web.Storage;

namespace CommandCenter.Web.Security;

/// <summary>
/// What an admin does to accounts: create, reset a password, move to another role or jurisdiction, disable or enable,
/// and end sessions. Only below the admin: accounts within the admin's jurisdiction, and admin accounts only in a
/// strictly smaller one (an admin never manages a peer or a superior). Every change is audited; new and reset passwords
/// must be changed at the next sign-in; a reset, move or disable ends every session of the account on every node.
/// </summary>
public sealed partial class UserAdministration(IAccountStore store, IAuditLog audit, ServerSessions sessions, TimeProvider time)
{
    public async Task<IReadOnlyList<StoredUser>> VisibleToAsync(ClaimsPrincipal admin, CancellationToken cancellationToken) =>
        [.. (await store.UsersAsync(cancellationToken).ConfigureAwait(false)).Where(u => Sees(admin, u.Jurisdiction))];

    /// <summary>Accounts locked from some address now.</summary>
    public async Task<IReadOnlySet<string>> LockedAsync(CancellationToken cancellationToken) =>
        (await store.LockedAccountsAsync(time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Live sessions within the admin's jurisdiction, most recently seen first.</summary>
    public async Task<IReadOnlyList<StoredSession>> SessionsVisibleToAsync(ClaimsPrincipal admin, CancellationToken cancellationToken) =>
        admin.Jurisdiction() is { } own ? await sessions.LiveWithinAsync(own, cancellationToken).ConfigureAwait(false) : [];

    /// <summary>Whether <paramref name="admin"/> may manage an account of <paramref name="role"/> in <paramref name="jurisdiction"/>.</summary>
    public static bool Manages(ClaimsPrincipal admin, Role role, JurisdictionCode jurisdiction) =>
        admin.Jurisdiction() is { } own && own.Contains(jurisdiction) && (role != Role.Admin || own != jurisdiction);

    /// <summary>Creates an account; returns the problem, naming the field, or null.</summary>
    public async Task<string?> CreateAsync(ClaimsPrincipal admin, string id, string displayName, string role, string jurisdiction,
        string password, CancellationToken cancellationToken)
    {
        if (IdProblem(id) is { } idProblem)
        {
            return idProblem;
        }

        if (string.IsNullOrWhiteSpace(displayName) || displayName.Length > 64)
        {
            return "displayName: required, at most 64 characters";
        }

        if (ParsePlace(admin, role, jurisdiction, out var parsedRole, out var code) is { } problem)
        {
            return problem;
        }

        if (string.IsNullOrEmpty(password) || password.Length < 10)
        {
            return "password: at least 10 characters";
        }

        var user = new StoredUser(id!, displayName.Trim(), parsedRole.ToString(), code.Value, null, 0, null, 1, time.GetUtcNow().ToUnixTimeMilliseconds());
        if (!await store.CreateUserAsync(user with { PasswordHash = AccountService.Hash(user, password) }, cancellationToken).ConfigureAwait(false))
        {
            return $"id: '{id}' is taken";
        }

        await audit.AppendAuditAsync(new AuditRecord(admin.Id(), "user.created", id, $"{parsedRole}, {code}"), cancellationToken).ConfigureAwait(false);
        return null;
    }

    public async Task<string?> ResetPasswordAsync(ClaimsPrincipal admin, string id, string password, CancellationToken cancellationToken)
    {
        if (await ManagedAsync(admin, id, cancellationToken).ConfigureAwait(false) is not { } user)
        {
            return $"id: no account '{id}' you manage";
        }

        if (string.IsNullOrEmpty(password) || password.Length < 10)
        {
            return "password: at least 10 characters";
        }

        await store.SetPasswordAsync(id, AccountService.Hash(user, password), mustChange: true, cancellationToken).ConfigureAwait(false);
        await store.ClearAttemptsAsync(id, cancellationToken).ConfigureAwait(false); // the reset unlocks it from every address
        var ended = await sessions.EndAllOfAsync(id, $"password reset by {admin.Id()}", cancellationToken).ConfigureAwait(false);
        await audit.AppendAuditAsync(new AuditRecord(admin.Id(), "user.password-reset", id, $"{ended} session(s) ended"), cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>Moves an account to another role and jurisdiction (both within what the admin manages).</summary>
    public async Task<string?> MoveAsync(ClaimsPrincipal admin, string id, string role, string jurisdiction, CancellationToken cancellationToken)
    {
        if (await ManagedAsync(admin, id, cancellationToken).ConfigureAwait(false) is not { } user)
        {
            return $"id: no account '{id}' you manage";
        }

        if (ParsePlace(admin, role, jurisdiction, out var parsedRole, out var code) is { } problem)
        {
            return problem;
        }

        if ((user.Role == Role.WallDisplay.ToString()) != (parsedRole == Role.WallDisplay))
        {
            return "role: a wall display stays a wall display, and a person's account cannot become one";
        }

        await store.SetRoleAsync(id, parsedRole.ToString(), code.Value, cancellationToken).ConfigureAwait(false);
        var ended = await sessions.EndAllOfAsync(id, $"moved to {parsedRole}, {code} by {admin.Id()}", cancellationToken).ConfigureAwait(false);
        await audit.AppendAuditAsync(new AuditRecord(admin.Id(), "user.moved", id,
            $"{user.Role}, {user.Jurisdiction} → {parsedRole}, {code}; {ended} session(s) ended"), cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>Disables an account (it cannot sign in, and every session of it ends) or enables it again.</summary>
    public async Task<string?> SetDisabledAsync(ClaimsPrincipal admin, string id, bool disabled, CancellationToken cancellationToken)
    {
        if (await ManagedAsync(admin, id, cancellationToken).ConfigureAwait(false) is null)
        {
            return $"id: no account '{id}' you manage";
        }

        await store.SetDisabledAsync(id, disabled ? time.GetUtcNow().ToUnixTimeMilliseconds() : null, cancellationToken).ConfigureAwait(false);
        var ended = disabled ? await sessions.EndAllOfAsync(id, $"disabled by {admin.Id()}", cancellationToken).ConfigureAwait(false) : 0;
        await audit.AppendAuditAsync(new AuditRecord(admin.Id(), disabled ? "user.disabled" : "user.enabled", id,
            disabled ? $"{ended} session(s) ended" : null), cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>Ends one session (a wall display's, say) of an account the admin manages.</summary>
    public async Task<string?> EndSessionAsync(ClaimsPrincipal admin, string sessionId, CancellationToken cancellationToken)
    {
        var session = (await SessionsVisibleToAsync(admin, cancellationToken).ConfigureAwait(false)).FirstOrDefault(s => s.Id == sessionId);
        if (session is null || !Enum.TryParse<Role>(session.Role, out var role) ||
            !Manages(admin, role, JurisdictionCode.From(session.Jurisdiction)))
        {
            return "session: no live session you manage";
        }

        await sessions.EndAsync(session.Id, $"ended by {admin.Id()}", cancellationToken).ConfigureAwait(false);
        await audit.AppendAuditAsync(new AuditRecord(admin.Id(), "session.ended", session.Account,
            $"session from {session.Client} started {DateTimeOffset.FromUnixTimeMilliseconds(session.StartedAtMs):u}"), cancellationToken).ConfigureAwait(false);
        return null;
    }

    private async Task<StoredUser?> ManagedAsync(ClaimsPrincipal admin, string id, CancellationToken cancellationToken)
    {
        var user = string.IsNullOrEmpty(id) ? null : await store.FindUserAsync(id, cancellationToken).ConfigureAwait(false);
        return user is not null && user.Id != admin.Id() && Enum.TryParse<Role>(user.Role, out var role) &&
            JurisdictionCode.TryFrom(user.Jurisdiction, out var code, out _) && Manages(admin, role, code) ? user : null;
    }

    private static string? ParsePlace(ClaimsPrincipal admin, string role, string jurisdiction, out Role parsedRole, out JurisdictionCode code)
    {
        code = default;
        if (!Enum.GetNames<Role>().Contains(role, StringComparer.Ordinal))
        {
            parsedRole = default;
            return $"role: one of {string.Join(", ", Enum.GetNames<Role>())}";
        }

        parsedRole = Enum.Parse<Role>(role);
        if (!JurisdictionCode.TryFrom(jurisdiction, out code, out var codeError))
        {
            return $"jurisdiction: {codeError}";
        }

        if (admin.Jurisdiction() is not { } own || !own.Contains(code))
        {
            return $"jurisdiction: {code} is outside your jurisdiction";
        }

        return Manages(admin, parsedRole, code) ? null : $"role: an admin account only in a jurisdiction below your own ({own})";
    }

    /// <summary>What is wrong with a new local account's id, or null.</summary>
    public static string? IdProblem(string? id) => IdPattern().IsMatch(id ?? "") ? null : "id: 3–32 lower-case letters, digits, '-', '_' or '.'";

    private static bool Sees(ClaimsPrincipal admin, string jurisdiction) =>
        admin.Jurisdiction() is { } own && JurisdictionCode.TryFrom(jurisdiction, out var code, out _) && own.Contains(code);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,31}$")]
    private static partial Regex IdPattern();
}
