using CommandCenter.Domain.Security;

namespace CommandCenter.Domain.Tests.Security;

public sealed class LockoutPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.FromHours(8));
    private readonly LockoutPolicy _policy = LockoutPolicy.Default;

    [Fact]
    public void Fifth_failure_locks_for_ten_minutes_and_resets_the_count()
    {
        var failures = 0;
        DateTimeOffset? locked = null;
        for (var i = 0; i < 4; i++)
        {
            (failures, locked) = _policy.AfterFailure(failures, Now);
            Assert.Null(locked);
        }

        (failures, locked) = _policy.AfterFailure(failures, Now);
        Assert.Equal((0, Now.AddMinutes(10)), (failures, locked));
        Assert.True(LockoutPolicy.IsLocked(locked, Now.AddMinutes(9)));
        Assert.False(LockoutPolicy.IsLocked(locked, Now.AddMinutes(10)));
    }

    [Theory]
    [InlineData(5, false, 0, SignInGate.LockedHere)] // locked for 5 more minutes
    [InlineData(-1, false, 29, SignInGate.Open)]
    [InlineData(-1, false, 30, SignInGate.AccountUnderAttack)]
    [InlineData(-1, true, 500, SignInGate.Open)] // the owner's workstation
    [InlineData(5, true, 0, SignInGate.LockedHere)]
    public void The_gate(int lockedForMinutes, bool signedInHereBefore, int accountFailures, SignInGate expected)
    {
        DateTimeOffset? lockedUntil = lockedForMinutes < 0 ? null : Now.AddMinutes(lockedForMinutes);

        Assert.Equal(expected, _policy.Gate(lockedUntil, signedInHereBefore, accountFailures, Now));
    }
}
