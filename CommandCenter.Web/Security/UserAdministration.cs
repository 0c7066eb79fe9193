using System.Security.Claims;
using System.Text.RegularExpressions;
using CommandCenter.Domain.Audit;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Security;
using CommandCenter.Web.Storage;

namespace CommandCenter.Web.Security;

/// <summary>
/// What an admin does to accounts: create, reset a password, unlock. Only within the admin's own jurisdiction;
/// every change is audited. New and reset passwords must be changed at the next sign-in.
/// </summary>
public sealed partial class UserAdministration(IAccountStore store, IAuditLog audit, TimeProvider time)
{
    public async Task<IReadOnlyList<StoredUser>> VisibleToAsync(ClaimsPrincipal admin, CancellationToken cancellationToken) =>
        [.. (await store.UsersAsync(cancellationToken).ConfigureAwait(false)).Where(u => Manages(admin, u))];

    /// <summary>Creates an account; returns the problem, naming the field, or null.</summary>
    public async Task<string?> CreateAsync(ClaimsPrincipal admin, string id, string displayName, string role, string jurisdiction,
        string password, CancellationToken cancellationToken)
    {
        if (!IdPattern().IsMatch(id ?? ""))
        {
            return "id: 3–32 lower-case letters, digits, '-', '_' or '.'";
        }

        if (string.IsNullOrWhiteSpace(displayName) || displayName.Length > 64)
        {
            return "displayName: required, at most 64 characters";
        }

        if (!Enum.TryParse<Role>(role, out var parsedRole) || !Enum.IsDefined(parsedRole))
        {
            return $"role: one of {string.Join(", ", Enum.GetNames<Role>())}";
        }

        if (!JurisdictionCode.TryFrom(jurisdiction, out var code, out var codeError))
        {
            return $"jurisdiction: {codeError}";
        }

        if (admin.Jurisdiction() is not { } own || !own.Contains(code))
        {
            return $"jurisdiction: {code} is outside your jurisdiction";
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
        var user = await store.FindUserAsync(id, cancellationToken).ConfigureAwait(false);
        if (user is null || !Manages(admin, user))
        {
            return $"id: no account '{id}'";
        }

        if (string.IsNullOrEmpty(password) || password.Length < 10)
        {
            return "password: at least 10 characters";
        }

        await store.SetPasswordAsync(id, AccountService.Hash(user, password), mustChange: true, cancellationToken).ConfigureAwait(false);
        await store.RecordSignInAsync(id, true, 0, null, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
        await audit.AppendAuditAsync(new AuditRecord(admin.Id(), "user.password-reset", id), cancellationToken).ConfigureAwait(false);
        return null;
    }

    private static bool Manages(ClaimsPrincipal admin, StoredUser user) =>
        admin.Jurisdiction() is { } own && JurisdictionCode.TryFrom(user.Jurisdiction, out var code, out _) && own.Contains(code);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,31}$")]
    private static partial Regex IdPattern();
}
