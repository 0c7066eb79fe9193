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
