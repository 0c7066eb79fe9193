using CommandCenter.Domain.Security;

namespace CommandCenter.Domain.Tests.Security;

public class RolesTests
{
    [Fact]
    public void Wall_display_may_only_view_the_wall()
    {
        Assert.True(Role.WallDisplay.Can(Permission.ViewWall));
        Assert.All(Enum.GetValues<Permission>().Where(p => p != Permission.ViewWall), p => Assert.False(Role.WallDisplay.Can(p)));
    }

    [Theory]
    [InlineData(Role.Commander, Permission.Dispatch, true)]
    [InlineData(Role.Analyst, Permission.Dispatch, false)]
    [InlineData(Role.Analyst, Permission.ExportBriefing, true)]
    [InlineData(Role.Operator, Permission.UseDesk, true)]
    [InlineData(Role.Operator, Permission.Administer, false)]
    [InlineData(Role.Admin, Permission.ViewAudit, true)]
    [InlineData(Role.Admin, Permission.Dispatch, false)]
    public void Roles_grant_what_the_center_expects(Role role, Permission permission, bool granted) =>
        Assert.Equal(granted, role.Can(permission));

    [Fact]
    public void Dispatch_is_granted_to_commanders_and_operators_only() =>
        Assert.Equal([Role.Commander, Role.Operator], Roles.WithPermission(Permission.Dispatch).Order());
}

public class LockoutPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Fifth_failure_locks_for_ten_minutes_and_resets_the_count()
    {
        var policy = LockoutPolicy.Default;
        var failures = 0;
        DateTimeOffset? locked = null;
        for (var i = 0; i < 4; i++)
        {
            (failures, locked) = policy.AfterFailure(failures, Now);
            Assert.Null(locked);
        }

        (failures, locked) = policy.AfterFailure(failures, Now);
        Assert.Equal((0, Now.AddMinutes(10)), (failures, locked));
        Assert.True(LockoutPolicy.IsLocked(locked, Now.AddMinutes(9)));
        Assert.False(LockoutPolicy.IsLocked(locked, Now.AddMinutes(10)));
    }
}
