using StackExchange.Redis;

namespace CommandCenter.Feeds.Bus;

/// <summary>
/// On Redis the durable stream orders the log and the shared storing group stores it, each node a share, acknowledging
/// after commit. Everything the group was handed up to its last-delivered entry, short of its oldest pending one, is
/// therefore stored (or dead-lettered, never to be stored): that is the frontier.
/// </summary>
public sealed class RedisLogFrontier(RedisFeedBus bus, string consumer) : ILogFrontier
{
    private readonly string _group = RedisKeys.Group(consumer);

    public bool ManyProjectors => true;

    public async Task<long?> CompleteUpToAsync(CancellationToken cancellationToken)
    {
        try
        {
            var db = bus.Database;
            // Last-delivered first, pending after: whatever was handed out before the first read and is not yet stored is
            // still pending at the second, so the minimum never passes an entry in flight.
            var groups = await db.StreamGroupInfoAsync(bus.Keys.Durable).ConfigureAwait(false);
            var found = Array.FindIndex(groups, g => g.Name == _group);
            if (found < 0)
            {
                return null;
            }

            var group = groups[found];
            var complete = StreamId.Parse(group.LastDeliveredId ?? "0-0");
            if (group.PendingMessageCount > 0)
            {
                var pending = await db.StreamPendingAsync(bus.Keys.Durable, _group).ConfigureAwait(false);
                if (pending.PendingMessageCount > 0)
                {
                    var oldest = StreamId.Parse(pending.LowestPendingMessageId.ToString()).ToPosition() ?? 0;
                    return Math.Min(Position(complete), oldest - 1);
                }
            }

            return Position(complete);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("ERR no such key", StringComparison.Ordinal))
        {
            return null;
        }
        catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException or RedisServerException)
        {
            return null;
        }
    }

    public Task MovedAsync(CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(Math.Max(20, bus.Options.PollMilliseconds)), bus.Time, cancellationToken);

    private static long Position(StreamId id) => id == StreamId.Zero ? 0 : id.ToPosition() ?? 0;
}
