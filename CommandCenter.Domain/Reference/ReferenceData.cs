using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Dispatch;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Sla;
using CommandCenter.Domain.Units;

namespace CommandCenter.Domain.Reference;

/// <summary>
/// A center's reference data, read and validated from its files: the jurisdiction tree, departments and units, the
/// category and dispatch catalogues, the deadline rules on the working calendar, and base statistics. Immutable: an
/// import makes a new one and every reader picks it up at its next use.
/// </summary>
public sealed class ReferenceData(
    JurisdictionTree tree,
    IReadOnlyList<Department> departments,
    IReadOnlyList<Unit> units,
    CategoryCatalog categories,
    DispatchCatalogue dispatch,
    SlaPolicy sla,
    IReadOnlyList<CalendarDay> calendarDays,
    BaseStatistics statistics,
    IReadOnlyList<GridMembers.GridMember>? gridMembers = null)
{
    private readonly Dictionary<string, GridMembers.GridMember> _members = (gridMembers ?? []).ToDictionary(m => m.Id, StringComparer.Ordinal);

    private readonly Dictionary<string, Department> _departments = departments.ToDictionary(d => d.Id, StringComparer.Ordinal);
    private readonly Dictionary<string, Unit> _units = units.ToDictionary(u => u.Id, StringComparer.Ordinal);

    public JurisdictionTree Tree => tree;

    public IReadOnlyList<Department> Departments => departments;

    public IReadOnlyList<Unit> Units => units;

    public CategoryCatalog Categories => categories;

    public DispatchCatalogue Dispatch => dispatch;

    public SlaPolicy Sla => sla;

    public IReadOnlyList<CalendarDay> CalendarDays => calendarDays;

    public BaseStatistics Statistics => statistics;

    /// <summary>The grid-member registry (网格员), empty when the center lists none.</summary>
    public IReadOnlyList<GridMembers.GridMember> GridMembers { get; } = gridMembers ?? [];

    public Unit? FindUnit(string id) => _units.GetValueOrDefault(id);

    public GridMembers.GridMember? FindMember(string id) => _members.GetValueOrDefault(id);

    /// <summary>The department's name (城管), or its id when the reference data does not list it.</summary>
    public string DepartmentName(string id) => _departments.TryGetValue(id, out var d) ? d.Name : id;
}
