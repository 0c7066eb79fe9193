using System.Security.Claims;
using CommandCenter.Domain.Audit;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Security;
using CommandCenter.Web.Storage;
using Microsoft.AspNetCore.Identity;

namespace CommandCenter.Web.Security;

/// <summary>The outcome of a sign-in attempt.</summary>
public sealed record SignInResult(ClaimsPrincipal? User, string? Error, DateTimeOffset? LockedUntil = null)
{
    public bool Succeeded => User is not null;
}

/// <summary>
/// Local accounts: salted password hashes (ASP.NET Core Identity's hasher), lockout after repeated failures,
/// and every attempt, good or bad, in the audit log.
/// </summary>
public sealed class AccountService(IAccountStore store, IAuditLog audit, ServerSessions sessions, TimeProvider time)
{
    private static readonly PasswordHasher<StoredUser> Hasher = new();
    private static readonly StoredUser Nobody = new("(nobody)", "", "", "", null, 0, null, 0, 0);
    private static readonly string NobodyHash = Hasher.HashPassword(Nobody, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
    private readonly LockoutPolicy _lockout = LockoutPolicy.Default;

    public static string Hash(StoredUser user, string password) => Hasher.HashPassword(user, password);

    public async Task<SignInResult> SignInAsync(string userId, string password, string client, bool device, CancellationToken cancellationToken)
    {
        var (user, error, lockedUntil) = await CheckAsync(userId, password, client, device, "sign-in", cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return new SignInResult(null, error, lockedUntil);
        }

        var now = time.GetUtcNow();
        var role = Enum.Parse<Role>(user.Role);
        await store.RecordSignInAsync(user.Id, true, 0, null, now.ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
        await AuditAsync(user.Id, "sign-in.ok", client, role.ToString(), cancellationToken).ConfigureAwait(false);
        return new SignInResult(CenterUser.Create(user.Id, user.DisplayName, role, JurisdictionCode.From(user.Jurisdiction),
            user.MustChangePassword == 1, "Cookies", CenterUser.StampOf(user.PasswordHash)), null);
    }

    /// <summary>
    /// A commander's approval given in person at someone else's desk (延期审批): the commander's own account and password,
    /// checked with the same limits and lockout as a sign-in (keyed by the asking account), and the order within the
    /// commander's jurisdiction. Returns the approving account's id, or the problem.
    /// </summary>
    public async Task<(string? Approver, string? Problem)> ApproveAsync(string approverId, string password, string askedBy,
        JurisdictionCode scope, string what, CancellationToken cancellationToken)
    {
        var (user, error, _) = await CheckAsync(approverId, password, $"desk:{askedBy}", device: false, "approval", cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return (null, error);
        }

        if (user.Role != nameof(Role.Commander) || !JurisdictionCode.TryFrom(user.Jurisdiction, out var own, out _) || !own.Contains(scope))
        {
            await AuditAsync(user.Id, "approval.refused", askedBy, $"{what}: not a commander over {scope}", cancellationToken).ConfigureAwait(false);
            return (null, "批准人须为该辖区的指挥长账号");
        }

        await AuditAsync(user.Id, "approval.ok", askedBy, what, cancellationToken).ConfigureAwait(false);
        return (user.Id, null);
    }

    /// <summary>
    /// The password check behind a sign-in and an approval: the per-address and per-account limits, the same hashing work
    /// for unknown names, failures counted and audited as <c>{purpose}.failed</c>. Returns the account, or why not.
    /// </summary>
    private async Task<(StoredUser? User, string? Error, DateTimeOffset? LockedUntil)> CheckAsync(string userId, string password, string client,
        bool device, string purpose, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // Limits are kept for the name as typed, known account or not, so they tell nothing about which accounts exist.
        var account = (userId ?? "").Trim() is var typed && typed.Length > 64 ? typed[..64] : (userId ?? "").Trim();
        var history = await store.SignInHistoryAsync(account, client, (now - TimeSpan.FromHours(1)).ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
        var lockedUntil = history.LockedUntilMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (DateTimeOffset?)null;
        switch (_lockout.Gate(lockedUntil, history.SucceededBefore, history.AccountFailuresLastHour, now))
        {
            case SignInGate.LockedHere:
                // Not counted: trying again while locked never makes the lock longer.
                await AuditAsync(account, $"{purpose}.locked", client, $"locked from {client} until {lockedUntil:u}", cancellationToken).ConfigureAwait(false);
                return (null, "账号已锁定,请稍后再试", lockedUntil);
            case SignInGate.AccountUnderAttack:
                await AuditAsync(account, $"{purpose}.throttled", client,
                    $"{history.AccountFailuresLastHour} failures in the last hour; only addresses signed in from before may try", cancellationToken).ConfigureAwait(false);
                return (null, "该账号近一小时登录失败过多,请在常用终端登录或稍后再试", null);
        }

        var user = account.Length == 0 ? null : await store.FindUserAsync(account, cancellationToken).ConfigureAwait(false);
        var known = user?.PasswordHash is not null && (user.Role == nameof(Role.WallDisplay)) == device;
        // An unknown account costs the same hashing work as a real one, so the answer's timing does not tell which exist.
        bool verified;
        if (known)
        {
            verified = Hasher.VerifyHashedPassword(user!, user!.PasswordHash!, password ?? "") != PasswordVerificationResult.Failed;
        }
        else
        {
            Hasher.VerifyHashedPassword(Nobody, NobodyHash, password ?? "");
            verified = false;
        }

        if (!verified)
        {
            var (failures, locks) = _lockout.AfterFailure(history.Failures, now);
            await store.RecordAttemptAsync(account, client, false, failures, locks?.ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
            await AuditAsync(account, $"{purpose}.failed", client, (known ? "wrong password" : "unknown account or wrong sign-in kind") +
                (locks is null ? $" ({failures})" : $"; locked from {client} until {locks:u}"), cancellationToken).ConfigureAwait(false);
            return (null, locks is null ? "账号或密码错误" : "连续失败次数过多,账号已锁定10分钟", locks);
        }

        if (user!.DisabledAtMs is not null)
        {
            await AuditAsync(user.Id, $"{purpose}.disabled", client, "the account is disabled", cancellationToken).ConfigureAwait(false);
            return (null, "账号已停用,请联系管理员", null);
        }

        await store.RecordAttemptAsync(account, client, true, 0, null, now.ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
        return (user, null, null);
    }

    /// <summary>Changes a password after checking the current one; the new one must be 10+ characters and differ.</summary>
    public async Task<string?> ChangePasswordAsync(string userId, string current, string next, string client, CancellationToken cancellationToken)
    {
        var user = await store.FindUserAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user?.PasswordHash is null || Hasher.VerifyHashedPassword(user, user.PasswordHash, current ?? "") == PasswordVerificationResult.Failed)
        {
            await AuditAsync(userId, "password.change-failed", client, "current password wrong", cancellationToken).ConfigureAwait(false);
            return "当前密码不正确";
        }

        if (string.IsNullOrEmpty(next) || next.Length < 10 || next == current)
        {
            return "新密码至少10位,且不能与当前密码相同";
        }

        await store.SetPasswordAsync(user.Id, Hash(user, next), mustChange: false, cancellationToken).ConfigureAwait(false);
        var ended = await sessions.EndAllOfAsync(user.Id, "password changed", cancellationToken).ConfigureAwait(false);
        await AuditAsync(user.Id, "password.changed", client, $"{ended} session(s) ended", cancellationToken).ConfigureAwait(false);
        return null;
    }

    private Task<Domain.Audit.AuditEntry> AuditAsync(string? actor, string action, string client, string? detail, CancellationToken cancellationToken) =>
        audit.AppendAuditAsync(new AuditRecord(string.IsNullOrWhiteSpace(actor) ? "(none)" : actor.Trim(), action, client, detail), cancellationToken);
}
