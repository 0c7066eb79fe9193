using System.Collections.Concurrent;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Situation;

namespace CommandCenter.Web.Hubs;

/// <summary>Which jurisdictions have subscribers, and the last picture each group was sent (deltas are against it).</summary>
public sealed class WallHubGroups
{
    private readonly ConcurrentDictionary<string, JurisdictionCode> _connections = new();
    private readonly ConcurrentDictionary<JurisdictionCode, SituationSnapshot> _lastSent = new();

    public static string Name(JurisdictionCode scope) => $"scope:{scope.Value}";

    public IEnumerable<JurisdictionCode> Scopes => _connections.Values.Distinct();

    public void Joined(string connectionId, JurisdictionCode scope, SituationSnapshot snapshot)
    {
        _connections[connectionId] = scope;
        _lastSent.TryAdd(scope, snapshot);
    }

    public void Left(string connectionId)
    {
        if (_connections.TryRemove(connectionId, out var scope) && !_connections.Values.Contains(scope))
        {
            _lastSent.TryRemove(scope, out _);
        }
    }

    public SituationSnapshot? LastSent(JurisdictionCode scope) => _lastSent.GetValueOrDefault(scope);

    public void Sent(JurisdictionCode scope, SituationSnapshot snapshot) => _lastSent[scope] = snapshot;
}
