using System.Collections.Concurrent;
using CommandCenter.Web.Security;
using Microsoft.AspNetCore.SignalR;

namespace CommandCenter.Web.Hubs;

/// <summary>
/// The hub connections open on this node, by the session they were opened with: when a session ends (here or on
/// another node), its connections are closed at once. A connection whose session is no longer live is refused.
/// </summary>
public sealed class HubSessions : IDisposable
{
    private readonly ServerSessions _sessions;
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> _open = new(StringComparer.Ordinal);

    public HubSessions(ServerSessions sessions)
    {
        _sessions = sessions;
        _sessions.Ended += Close;
    }

    public int Open => _open.Values.Sum(c => c.Count);

    /// <summary>Keeps a new connection under its session; returns false (and closes it) when the session is not live.</summary>
    public async Task<bool> JoinAsync(HubCallerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = context.User?.SessionId();
        if (!await _sessions.IsLiveAsync(id, context.ConnectionAborted).ConfigureAwait(false))
        {
            context.Abort();
            return false;
        }

        _open.GetOrAdd(id!, _ => new ConcurrentDictionary<string, HubCallerContext>(StringComparer.Ordinal))[context.ConnectionId] = context;
        // Ended while joining: the end's Close may have run before the connection was kept.
        if (!await _sessions.IsLiveAsync(id, context.ConnectionAborted).ConfigureAwait(false))
        {
            Close(id!);
            return false;
        }

        return true;
    }

    public void Leave(HubCallerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User?.SessionId() is { } id && _open.TryGetValue(id, out var connections))
        {
            connections.TryRemove(context.ConnectionId, out _);
            if (connections.IsEmpty)
            {
                _open.TryRemove(new KeyValuePair<string, ConcurrentDictionary<string, HubCallerContext>>(id, connections));
            }
        }
    }

    public void Dispose() => _sessions.Ended -= Close;

    private void Close(string id)
    {
        if (_open.TryRemove(id, out var connections))
        {
            foreach (var context in connections.Values)
            {
                context.Abort();
            }
        }
    }
}
