using CommandCenter.Domain.Jurisdictions;

namespace CommandCenter.Domain.GridMembers;

/// <summary>What the center asks of a grid member.</summary>
public enum GridTaskKind
{
    /// <summary>核查: check an order on the spot (is it true, is it done).</summary>
    Verify = 0,

    /// <summary>走访: visit a resident, e.g. an elderly person living alone whose alarm went off.</summary>
    Visit,
}

/// <summary>
/// A task (任务) for one grid member, read and completed in their app: to verify an order or visit after an elderly
/// resident's alarm. It is open until the member reports it done.
/// </summary>
public sealed record GridTask(string Id, GridTaskKind Kind, string MemberId, JurisdictionCode Scope, string Title,
    DateTimeOffset AssignedAt, string? WorkOrderId = null, string? AlarmId = null, string? Note = null,
    DateTimeOffset? DoneAt = null, string? Result = null)
{
    public bool IsOpen => DoneAt is null;

    public static string NameOf(GridTaskKind kind) => kind == GridTaskKind.Verify ? "核查" : "走访";

    /// <summary>
    /// The member who looks after <paramref name="place"/>: the grid's own, else (for a community or above) the first
    /// member, by id, of a grid inside it; null when none is registered there.
    /// </summary>
    public static GridMember? MemberFor(JurisdictionCode place, IEnumerable<GridMember> members)
    {
        GridMember? inside = null;
        foreach (var m in members)
        {
            if (m.Grid == place)
            {
                return m;
            }

            if (place.Contains(m.Grid) && (inside is null || string.CompareOrdinal(m.Id, inside.Id) < 0))
            {
                inside = m;
            }
        }

        return inside;
    }
}
