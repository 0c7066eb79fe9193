using CommandCenter.Domain.GridMembers;
using CommandCenter.Domain.Jurisdictions;

namespace CommandCenter.Domain.Reference;

/// <summary>
/// <c>grid-members.csv</c>, header <c>id,name,phone,grid,team</c>: the grid-member registry (网格员). Each member looks
/// after one grid (a 15-digit code in the tree); ids are unique; phones are 5–20 digits, spaces, '-' or '+'.
/// </summary>
public static class GridMemberFile
{
    public const string Name = "grid-members.csv";
    public const string Header = "id,name,phone,grid,team";

    public static IReadOnlyList<GridMember> Read(string text, JurisdictionTree? tree, List<ReferenceProblem> problems)
    {
        var members = new List<GridMember>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in CsvRows.Read(Name, text, Header, problems))
        {
            var before = problems.Count;
            void Fail(string rule) => problems.Add(new(Name, row.Where, rule));
            var (id, name, phone, gridText, team) = (row[0], row[1], row[2], row[3], row[4]);
            if (!ReferenceIds.IsUnitId(id))
            {
                Fail($"member id '{id}' must be 1–40 letters, digits, '-' or '_'");
                continue;
            }

            if (seen.TryGetValue(id, out var first))
            {
                Fail($"{id}: duplicate member (already on line {first})");
                continue;
            }

            seen[id] = row.Line;
            if (name.Length is 0 or > 20)
            {
                Fail($"{id}: the name must be 1–20 characters");
            }

            if (phone.Length is < 5 or > 20 || !phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '+'))
            {
                Fail($"{id}: phone '{phone}' must be 5–20 digits, spaces, '-' or '+'");
            }

            if (team.Length > 40)
            {
                Fail($"{id}: the team must be at most 40 characters");
            }

            JurisdictionCode grid = default;
            if (!JurisdictionCode.TryFrom(gridText, out grid, out var error))
            {
                Fail($"{id}: grid: {error}");
            }
            else if (grid.Level != JurisdictionLevel.Grid)
            {
                Fail($"{id}: {grid} is not a grid (15 digits)");
            }
            else if (tree is not null && tree.Find(grid) is null)
            {
                Fail($"{id}: grid {grid} is not in {JurisdictionFile.Name}");
            }

            if (problems.Count == before)
            {
                members.Add(new GridMember(id, name, phone, grid, team));
            }
        }

        return members;
    }

    public static string Write(IEnumerable<GridMember> members) =>
        ReferenceIds.Lines(Header, members.Select(m => $"{m.Id},{m.Name},{m.Phone},{m.Grid},{m.Team}"));
}
