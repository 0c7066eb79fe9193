namespace CommandCenter.Domain.Security;

/// <summary>After <see cref="MaxFailures"/> failed sign-ins in a row the account is locked for <see cref="LockFor"/>.</summary>
public sealed record LockoutPolicy(int MaxFailures, TimeSpan LockFor)
{
    public static LockoutPolicy Default { get; } = new(5, TimeSpan.FromMinutes(10));

    public static bool IsLocked(DateTimeOffset? lockedUntil, DateTimeOffset now) => lockedUntil is { } until && until > now;

    /// <summary>The failure count and lock after one more failed attempt.</summary>
    public (int Failures, DateTimeOffset? LockedUntil) AfterFailure(int failures, DateTimeOffset now) =>
        failures + 1 >= MaxFailures ? (0, now + LockFor) : (failures + 1, null);
}
