using System.Collections.Immutable;
using CommandCenter.Domain.Geo;
using CommandCenter.Domain.Jurisdictions;

namespace CommandCenter.Domain.GridMembers;

/// <summary>A grid member (网格员) as the registry lists them: the grid they look after and their team.</summary>
public sealed record GridMember(string Id, string Name, string Phone, JurisdictionCode Grid, string Team);

/// <summary>
/// One position a grid member's patrol app reported (网格巡查): where, when, and whether they are on duty. The wall keeps
/// the latest per member; a member on duty who has reported within <see cref="OnDutyWindow"/> counts as on duty.
/// </summary>
public sealed record PatrolPosition(string MemberId, GeoPoint Position, bool OnDuty, DateTimeOffset At)
{
    /// <summary>How recent a position must be for its member to count as on duty (the app reports every minute or so).</summary>
    public static readonly TimeSpan OnDutyWindow = TimeSpan.FromMinutes(15);

    public bool IsOnDutyAt(DateTimeOffset now) => OnDuty && now - At <= OnDutyWindow;
}

/// <summary>Grid members of a jurisdiction subtree: how many are registered and how many are on duty, also by child.</summary>
public sealed record GridMemberCounts(int Registered, int OnDuty, ImmutableArray<GridMemberCountsOf> ByChild)
{
    public static GridMemberCounts None { get; } = new(0, 0, []);
}

/// <summary>The counts of one child jurisdiction (a street on the district's wall, a community on a street's).</summary>
public sealed record GridMemberCountsOf(JurisdictionCode Code, string Name, int Registered, int OnDuty);
