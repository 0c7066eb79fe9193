namespace CommandCenter.Domain.Security;

/// <summary>
/// Sign-in limits, per account and address. After <see cref="MaxFailures"/> failed sign-ins in a row from one address,
/// that account is locked for <see cref="LockFor"/> from that address only: an attacker can lock out no one but
/// themselves, and attempts while locked are not counted, so nobody can keep a lock going by trying again. Across all
/// addresses an account takes at most <see cref="AccountFailuresPerHour"/> failures an hour from addresses it was never
/// signed in from; past that only addresses with an earlier good sign-in may try, which bounds guessing from many
/// addresses without shutting the account's owner out of their usual workstation.
/// </summary>
public sealed record LockoutPolicy(int MaxFailures, TimeSpan LockFor, int AccountFailuresPerHour)
{
    public static LockoutPolicy Default { get; } = new(5, TimeSpan.FromMinutes(10), 30);

    public static bool IsLocked(DateTimeOffset? lockedUntil, DateTimeOffset now) => lockedUntil is { } until && until > now;

    /// <summary>The failure count and lock after one more failed attempt.</summary>
    public (int Failures, DateTimeOffset? LockedUntil) AfterFailure(int failures, DateTimeOffset now) =>
        failures + 1 >= MaxFailures ? (0, now + LockFor) : (failures + 1, null);

    /// <summary>Whether an attempt may go ahead, given this address's lock, whether it signed in before, and the account's failures in the last hour.</summary>
    public SignInGate Gate(DateTimeOffset? lockedUntil, bool signedInHereBefore, int accountFailuresLastHour, DateTimeOffset now) =>
        IsLocked(lockedUntil, now) ? SignInGate.LockedHere
        : !signedInHereBefore && accountFailuresLastHour >= AccountFailuresPerHour ? SignInGate.AccountUnderAttack
        : SignInGate.Open;
}

public enum SignInGate
{
    Open = 0,

    /// <summary>This address failed too often for this account: wait out the lock.</summary>
    LockedHere,

    /// <summary>The account failed too often from many addresses: only addresses it signed in from before may try.</summary>
    AccountUnderAttack,
}
