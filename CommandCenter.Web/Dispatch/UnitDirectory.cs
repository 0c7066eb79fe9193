using CommandCenter.Domain.Units;

namespace CommandCenter.Web.Dispatch;

/// <summary>The units orders can be dispatched to.</summary>
public sealed class UnitDirectory(IReadOnlyList<Unit> units)
{
    private readonly Dictionary<string, Unit> _byId = units.ToDictionary(u => u.Id, StringComparer.Ordinal);

    public IReadOnlyList<Unit> All => units;

    public Unit? Find(string id) => _byId.GetValueOrDefault(id);
}
