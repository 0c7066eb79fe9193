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
        var now = time.GetUtcNow();
        // Limits are kept for the name as typed, known account or not, so they tell nothing about which accounts exist.
        var account = (userId ?? "").Trim() is var typed && typed.Length > 64 ? typed[..64] : (userId ?? "").Trim();
        var history = await store.SignInHistoryAsync(account, client, (now - TimeSpan.FromHours(1)).ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
        var lockedUntil = history.LockedUntilMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (DateTimeOffset?)null;
        switch (_lockout.Gate(lockedUntil, history.SucceededBefore, history.AccountFailuresLastHour, now))
        {
            case SignInGate.LockedHere:
                // Not counted: trying again while locked never makes the lock longer.
                await AuditAsync(account, "sign-in.locked", client, $"locked from {client} until {lockedUntil:u}", cancellationToken).ConfigureAwait(false);
                return new SignInResult(null, "账号已锁定,请稍后再试", lockedUntil);
            case SignInGate.AccountUnderAttack:
                await AuditAsync(account, "sign-in.throttled", client,
                    $"{history.AccountFailuresLastHour} failures in the last hour; only addresses signed in from before may try", cancellationToken).ConfigureAwait(false);
                return new SignInResult(null, "该账号近一小时登录失败过多,请在常用终端登录或稍后再试");
        }

        var user = account.Length == 0 ? null : await store.FindUserAsync(account, cancellationToken).ConfigureAwait(false);
        var role = user is null ? (Role?)null : Enum.Parse<Role>(user.Role);
        var known = user is not null && user.PasswordHash is not null && (role == Role.WallDisplay) == device;
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
            await AuditAsync(account, "sign-in.failed", client, (known ? "wrong password" : "unknown account or wrong sign-in kind") +
                (locks is null ? $" ({failures})" : $"; locked from {client} until {locks:u}"), cancellationToken).ConfigureAwait(false);
            return new SignInResult(null, locks is null ? "账号或密码错误" : "连续失败次数过多,账号已锁定10分钟", locks);
        }

        if (user!.DisabledAtMs is not null)
        {
            await AuditAsync(user.Id, "sign-in.disabled", client, "the account is disabled", cancellationToken).ConfigureAwait(false);
            return new SignInResult(null, "账号已停用,请联系管理员");
        }

        await store.RecordAttemptAsync(account, client, true, 0, null, now.ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
        await store.RecordSignInAsync(user.Id, true, 0, null, now.ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
        await AuditAsync(user.Id, "sign-in.ok", client, role.ToString(), cancellationToken).ConfigureAwait(false);
        return new SignInResult(CenterUser.Create(user.Id, user.DisplayName, role!.Value, JurisdictionCode.From(user.Jurisdiction),
            user.MustChangePassword == 1, "Cookies", CenterUser.StampOf(user.PasswordHash)), null);
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
