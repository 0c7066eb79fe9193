using CommandCenter.Domain.Jurisdictions;

namespace CommandCenter.Domain.Reference;

/// <summary>One thing wrong with a reference-data file: where (file and line, or JSON path) and which rule.</summary>
public sealed record ReferenceProblem(string File, string Where, string Rule)
{
    public override string ToString() => $"{File}:{Where}: {Rule}";
}

/// <summary>
/// The jurisdiction tree as a file (<c>jurisdictions.csv</c>): a header <c>code,name,parent</c>, then one row per
/// jurisdiction, the center's own first (no parent), every other row naming the parent its code implies. A file with any
/// bad row gives no tree and every problem, each naming the line and the rule: a code that is not one (or outside its
/// parent's range), a duplicate, a wrong level or parent, a parent that is not in the file, an empty name.
/// </summary>
public static class JurisdictionFile
{
    public const string Name = "jurisdictions.csv";
    public const string Header = "code,name,parent";

    public static (JurisdictionTree? Tree, IReadOnlyList<ReferenceProblem> Problems) Read(string file, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var problems = new List<ReferenceProblem>();
        void Fail(int line, string rule) => problems.Add(new ReferenceProblem(file, $"line {line}", rule));

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF').Split('\n');
        if (lines[0].Trim() != Header)
        {
            Fail(1, $"the first line must be the header '{Header}'");
            return (null, problems);
        }

        var rows = new List<(int Line, JurisdictionCode Code, string Name, string Parent)>();
        var seen = new Dictionary<JurisdictionCode, int>();
        for (var i = 1; i < lines.Length; i++)
        {
            var line = i + 1;
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var fields = lines[i].Split(',');
            if (fields.Length != 3)
            {
                Fail(line, $"must have 3 fields (code, name, parent), has {fields.Length} (names may not contain commas)");
                continue;
            }

            var (codeText, name, parent) = (fields[0].Trim(), fields[1].Trim(), fields[2].Trim());
            if (!JurisdictionCode.TryFrom(codeText, out var code, out var error))
            {
                Fail(line, error);
                continue;
            }

            if (name.Length is 0 or > 40)
            {
                Fail(line, $"{code}: the name must be 1–40 characters");
            }

            if (seen.TryGetValue(code, out var first))
            {
                Fail(line, $"{code}: duplicate code (already on line {first})");
                continue;
            }

            seen[code] = line;
            rows.Add((line, code, name, parent));
        }

        if (rows.Count == 0)
        {
            Fail(2, "the file lists no jurisdiction");
            return (null, problems);
        }

        var root = rows[0];
        if (root.Parent.Length > 0)
        {
            Fail(root.Line, $"{root.Code}: the first row is the center's own jurisdiction and names no parent");
        }

        foreach (var (line, code, _, parent) in rows.Skip(1))
        {
            if (!root.Code.Contains(code) || code.Level <= root.Code.Level)
            {
                Fail(line, $"{code}: wrong level: every row after the first must lie below {root.Code}");
                continue;
            }

            var implied = code.AncestorAt(code.Level - 1)!.Value;
            if (parent != implied.Value)
            {
                Fail(line, $"{code}: wrong parent '{parent}': by its code its parent is {implied}");
            }
            else if (!seen.ContainsKey(implied))
            {
                Fail(line, $"{code}: its parent {implied} is not in the file");
            }
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var tree = new JurisdictionTree(new Jurisdiction(root.Code, root.Name));
        foreach (var (_, code, name, _) in rows.Skip(1).OrderBy(r => r.Code.Level).ThenBy(r => r.Code))
        {
            tree.Add(code, name);
        }

        return (tree, problems);
    }

    /// <summary>The tree as the file it reads back from (root first, then by code).</summary>
    public static string Write(JurisdictionTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var rows = tree.All.Where(j => j.Code != tree.Root.Code).OrderBy(j => j.Code).Select(j =>
            $"{j.Code},{j.Name},{j.Code.AncestorAt(j.Code.Level - 1)!.Value}");
        return string.Join('\n', [Header, $"{tree.Root.Code},{tree.Root.Name},", .. rows]) + "\n";
    }
}
