namespace CommandCenter.Domain.Jurisdictions;

/// <summary>
/// The jurisdictions a deployment knows by name. Membership itself follows from the codes; the tree adds
/// names, children, and the check that every node's parent is known.
/// </summary>
public sealed class JurisdictionTree
{
    private readonly Dictionary<JurisdictionCode, Jurisdiction> _nodes = [];
    private readonly Dictionary<JurisdictionCode, List<Jurisdiction>> _children = [];

    public JurisdictionTree(Jurisdiction root)
    {
        Root = root;
        _nodes.Add(root.Code, root);
    }

    public Jurisdiction Root { get; }

    public int Count => _nodes.Count;

    public IEnumerable<Jurisdiction> All => _nodes.Values;

    public Jurisdiction Add(JurisdictionCode code, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (_nodes.ContainsKey(code))
        {
            throw new InvalidOperationException($"jurisdiction {code} is already in the tree");
        }

        var parent = (code.Level > JurisdictionLevel.District ? Find(code.AncestorAt(code.Level - 1)!.Value) : ParentOf(code)) ?? throw new InvalidOperationException(
            $"jurisdiction {code} ({name}) has no known parent under {Root.Code} ({Root.Name})");
        var node = new Jurisdiction(code, name);
        _nodes.Add(code, node);
        if (!_children.TryGetValue(parent.Code, out var siblings))
        {
            _children[parent.Code] = siblings = [];
        }

        siblings.Add(node);
        return node;
    }

    public Jurisdiction? Find(JurisdictionCode code) => _nodes.GetValueOrDefault(code);

    public IReadOnlyList<Jurisdiction> ChildrenOf(JurisdictionCode code) =>
        _children.TryGetValue(code, out var list) ? list : [];

    /// <summary>The nearest known ancestor strictly above <paramref name="code"/>.</summary>
    public Jurisdiction? ParentOf(JurisdictionCode code)
    {
        for (var level = code.Level - 1; level >= JurisdictionLevel.Province; level--)
        {
            if (code.AncestorAt(level) is { } ancestor && _nodes.TryGetValue(ancestor, out var node))
            {
                return node;
            }
        }

        return null;
    }

    /// <summary>The name of the nearest named node at <paramref name="level"/> above or at the code.</summary>
    public string? NameAt(JurisdictionCode code, JurisdictionLevel level) =>
        code.AncestorAt(level) is { } ancestor ? Find(ancestor)?.Name : null;
}
