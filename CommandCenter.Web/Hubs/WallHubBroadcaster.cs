using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Situation;
using CommandCenter.Web.Live;
using Microsoft.AspNetCore.SignalR;

namespace CommandCenter.Web.Hubs;

/// <summary>
/// On each hub signal (at most every <c>Wall:HubWindowMilliseconds</c>, 250 by default), sends each hub connection what changed since what it last
/// received, one message per kind that changed: the hub's traffic follows the signal, not the event rate. Sends
/// are started, not awaited one by one, and a connection whose last send has not gone yet is skipped this
/// round: a slow client never slows the others, and catches up with one combined delta.
/// </summary>
public sealed partial class WallHubBroadcaster(HubSignal signal, LiveSituation live, WallSubscribers subscribers,
    IHubContext<WallHub, IWallClient> hub, ILogger<WallHubBroadcaster> logger) : IHostedService
{
    private IDisposable? _subscription;
    private int _sending;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = signal.Subscribe(BroadcastAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    internal Task BroadcastAsync()
    {
        if (Interlocked.Exchange(ref _sending, 1) == 1)
        {
            return Task.CompletedTask; // a round is still being prepared; the next signal carries these changes
        }

        try
        {
            var pictures = new Dictionary<JurisdictionCode, SituationSnapshot>();
            var changes = new Dictionary<(SituationSnapshot, SituationSnapshot, int), WallChanges?>(PairComparer.Instance);
            foreach (var subscriber in subscribers.All)
            {
                if (subscriber.ReadyFrom() is not { } before)
                {
                    continue;
                }

                if (!pictures.TryGetValue(subscriber.Scope, out var now))
                {
                    pictures[subscriber.Scope] = now = live.Snapshot(subscriber.Scope);
                }

                if (ReferenceEquals(before, now))
                {
                    continue;
                }

                if (!changes.TryGetValue((before, now, subscriber.Top), out var change))
                {
                    changes[(before, now, subscriber.Top)] = change = WallChanges.Between(before, now, subscriber.Top);
                }

                if (change is null)
                {
                    subscriber.Caught(now);
                    continue;
                }

                var client = hub.Clients.Client(subscriber.ConnectionId);
                subscriber.Send(now, () => change.SendAsync(client), ex => LogSendFailed(ex, subscriber.ConnectionId));
            }
        }
        catch (Exception ex)
        {
            LogBroadcastFailed(ex);
        }
        finally
        {
            Volatile.Write(ref _sending, 0);
        }

        return Task.CompletedTask;
    }

    private sealed class PairComparer : IEqualityComparer<(SituationSnapshot, SituationSnapshot, int)>
    {
        public static PairComparer Instance { get; } = new();

        public bool Equals((SituationSnapshot, SituationSnapshot, int) x, (SituationSnapshot, SituationSnapshot, int) y) =>
            ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2) && x.Item3 == y.Item3;

        public int GetHashCode((SituationSnapshot, SituationSnapshot, int) obj) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Item1),
                System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Item2), obj.Item3);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Preparing wall changes for hub clients failed; the next signal retries")]
    private partial void LogBroadcastFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sending wall changes to hub connection {ConnectionId} failed; the next signal resends them")]
    private partial void LogSendFailed(Exception exception, string connectionId);
}
