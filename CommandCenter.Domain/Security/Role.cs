namespace CommandCenter.Domain.Security;

/// <summary>Who a user is in the center; each role grants a fixed set of permissions.</summary>
public enum Role
{
    /// <summary>指挥长: the wall and dispatch.</summary>
    Commander = 0,

    /// <summary>研判分析员: the briefing, read-only.</summary>
    Analyst,

    /// <summary>分中心操作员: the desk, own jurisdiction.</summary>
    Operator,

    /// <summary>系统管理员: users, layouts, roster, dispatch catalogue, audit.</summary>
    Admin,

    /// <summary>大屏终端: a receive-only kiosk identity; never dispatches.</summary>
    WallDisplay,
}

/// <summary>What a role may do. Checked in services and endpoints, not only by hiding UI.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix",
    Justification = "权限: what a role may do in the product; not a code-access-security permission type")]
public enum Permission
{
    ViewWall = 0,
    Dispatch,
    UseDesk,
    ActOnOrders,
    ViewBriefing,
    ExportBriefing,
    ReadApi,
    Administer,
    ViewAudit,
}

public static class Roles
{
    private static readonly Dictionary<Role, Permission[]> Grants = new()
    {
        [Role.Commander] = [Permission.ViewWall, Permission.Dispatch, Permission.ViewBriefing, Permission.ReadApi, Permission.ActOnOrders],
        [Role.Analyst] = [Permission.ViewWall, Permission.ViewBriefing, Permission.ExportBriefing, Permission.ReadApi],
        [Role.Operator] = [Permission.ViewWall, Permission.UseDesk, Permission.ActOnOrders, Permission.Dispatch, Permission.ReadApi,
            Permission.ViewBriefing, Permission.ExportBriefing],
        [Role.Admin] = [Permission.ViewWall, Permission.ViewBriefing, Permission.ReadApi, Permission.Administer, Permission.ViewAudit],
        [Role.WallDisplay] = [Permission.ViewWall],
    };

    public static bool Can(this Role role, Permission permission) =>
        Grants.TryGetValue(role, out var granted) && granted.Contains(permission);

    public static IReadOnlyList<Role> WithPermission(Permission permission) =>
        [.. Grants.Where(g => g.Value.Contains(permission)).Select(g => g.Key)];

    public static string Label(this Role role) => role switch
    {
        Role.Commander => "指挥长",
        Role.Analyst => "研判分析员",
        Role.Operator => "分中心操作员",
        Role.Admin => "系统管理员",
        Role.WallDisplay => "大屏终端",
        _ => role.ToString(),
    };
}
