using System.Collections.Concurrent;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Situation;

namespace CommandCenter.Web.Hubs;

/// <summary>
/// The hub connections on this node and, for each, the last picture it was sent (its next delta is against it).
/// Every node tails the bus and sends its own connections their deltas directly: never through the backplane's
/// pub/sub, which would lose a message when Redis blinks and send a second copy from every node.
/// </summary>
public sealed class WallSubscribers
{
    private readonly ConcurrentDictionary<string, WallSubscriber> _connections = new(StringComparer.Ordinal);

    public IEnumerable<WallSubscriber> All => _connections.Values;

    public int Count => _connections.Count;

    public void Joined(string connectionId, JurisdictionCode scope, SituationSnapshot snapshot, int top = WallSubscriber.DefaultTop)
    {
        var subscriber = new WallSubscriber(connectionId, scope, snapshot, top);
        if (_connections.TryAdd(connectionId, subscriber))
        {
            Feeds.Telemetry.CenterMetrics.HubClientJoined();
        }
        else
        {
            _connections[connectionId] = subscriber; // a new scope for the same connection
        }
    }

    public void Left(string connectionId)
    {
        if (_connections.TryRemove(connectionId, out _))
        {
            Feeds.Telemetry.CenterMetrics.HubClientLeft();
        }
    }
}

/// <summary>One hub connection's subscription: its scope, how many orders and alarms it lists, what it was last sent, and the send still under way.</summary>
public sealed class WallSubscriber(string connectionId, JurisdictionCode scope, SituationSnapshot sent, int top = WallSubscriber.DefaultTop)
{
    /// <summary>Orders and alarms a subscription lists when it does not say (<c>Subscribe(scope)</c>).</summary>
    public const int DefaultTop = 100;

    /// <summary>The most a subscription lists (<c>SubscribeTop</c> asks for up to this many).</summary>
    public const int MaxTop = SituationSnapshot.MaxListed;


    private readonly Lock _gate = new();
    private SituationSnapshot _sent = sent;
    private Task _inFlight = Task.CompletedTask;

    public string ConnectionId => connectionId;

    public JurisdictionCode Scope => scope;

    /// <summary>How many of each list the client is sent (the newest).</summary>
    public int Top => top;

    /// <summary>What the client has; null while a send is still under way (a slow client is skipped, not waited for).</summary>
    public SituationSnapshot? ReadyFrom()
    {
        lock (_gate)
        {
            return _inFlight.IsCompleted ? _sent : null;
        }
    }

    /// <summary>Starts sending the way to <paramref name="now"/>; only once it has gone does the client count as having it.</summary>
    public void Send(SituationSnapshot now, Func<Task> send, Action<Exception> failed)
    {
        var sending = RunAsync();
        lock (_gate)
        {
            _inFlight = sending;
        }

        async Task RunAsync()
        {
            try
            {
                await send().ConfigureAwait(false);
                lock (_gate)
                {
                    _sent = now;
                }
            }
            catch (Exception ex)
            {
                failed(ex); // the next round sends the changes again, from what the client last had
            }
        }
    }

    /// <summary>Nothing to send, but the client is up to date with <paramref name="now"/>.</summary>
    public void Caught(SituationSnapshot now)
    {
        lock (_gate)
        {
            _sent = now;
        }
    }
}
