using CommandCenter.Domain.Events;
using StackExchange.Redis;

namespace CommandCenter.Feeds.Bus;

/// <summary>What both kinds of Redis consumer share: polling both streams, surviving outages, durable first.</summary>
internal abstract class RedisSubscription(RedisFeedBus bus, string consumer) : IFeedSubscription
{
    private volatile bool _down;

    protected RedisFeedBus Bus => bus;

    public string Consumer => consumer;

    public int Pending => 0;

    public bool Delayed => _down;

    public async ValueTask<IReadOnlyList<FeedEvent>> ReadBatchAsync(int max, CancellationToken cancellationToken) =>
        [.. (await ReadLoggedBatchAsync(max, cancellationToken).ConfigureAwait(false)).Select(e => e.Event)];

    public async ValueTask<IReadOnlyList<LoggedEvent>> ReadLoggedBatchAsync(int max, CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Outside the try: what was read before a failure is returned, never dropped (a tail consumer has
            // already moved past it, so a second read would not see it again).
            var batch = new List<LoggedEvent>();
            try
            {
                await ReadAsync(bus.Keys.Durable, max, batch).ConfigureAwait(false);
                if (batch.Count < max)
                {
                    await ReadAsync(bus.Keys.Telemetry, max - batch.Count, batch).ConfigureAwait(false);
                }

                if (_down)
                {
                    _down = false;
                    bus.LogBusRestored(consumer);
                }

                if (batch.Count > 0)
                {
                    return batch;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(bus.Options.PollMilliseconds), bus.Time, cancellationToken).ConfigureAwait(false);
                backoff = TimeSpan.FromMilliseconds(200);
            }
            catch (RedisServerException ex) when (ex.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
            {
                await RecreateAsync().ConfigureAwait(false);
                if (batch.Count > 0)
                {
                    return batch;
                }
            }
            catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException or RedisServerException)
            {
                if (!_down)
                {
                    _down = true;
                    bus.LogBusDown(ex, consumer);
                }

                if (batch.Count > 0)
                {
                    return batch;
                }

                await Task.Delay(backoff, bus.Time, cancellationToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    public abstract ValueTask AcknowledgeAsync(IReadOnlyList<FeedEvent> events, CancellationToken cancellationToken);

    public virtual void Dispose()
    {
    }

    /// <summary>Reads up to <paramref name="max"/> entries of one stream into <paramref name="batch"/>.</summary>
    protected abstract Task ReadAsync(string stream, int max, List<LoggedEvent> batch);

    public virtual void StartAfter(long position)
    {
    }

    /// <summary>An entry's event and its log position (durable stream only); a problem instead when it cannot be read or placed.</summary>
    protected (LoggedEvent? Event, string? Problem) Read(string stream, StreamEntry entry)
    {
        var (feedEvent, problem) = RedisFeedBus.Parse(entry);
        if (feedEvent is null)
        {
            return (null, problem);
        }

        if (stream != bus.Keys.Durable)
        {
            return (new LoggedEvent(0, feedEvent), null);
        }

        return StreamId.Parse(entry.Id.ToString()).ToPosition() is { } position
            ? (new LoggedEvent(position, feedEvent), null)
            : (null, $"entry id {entry.Id} cannot be placed in the log (outside 2020–2089, or too many entries in one millisecond)");
    }

    /// <summary>Recreates what an emptied Redis lost (the consumer group).</summary>
    protected virtual Task RecreateAsync() => Task.CompletedTask;
}

/// <summary>A consumer group across nodes: each entry handled once, acknowledged after, reclaimed from dead consumers.</summary>
internal sealed class SharedSubscription : RedisSubscription
{
    private readonly string _group;
    // By the event object handed out: two sources may use the same event id, and each entry is acknowledged on its own.
    private readonly Dictionary<FeedEvent, (string Stream, RedisValue Entry)> _unacknowledged = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _gate = new();
    private DateTimeOffset _nextClaim;

    public SharedSubscription(RedisFeedBus bus, string consumer) : base(bus, consumer)
    {
        _group = RedisKeys.Group(consumer);
        try
        {
            // At once when Redis is up, so what the group has not read is protected from trimming from now on.
            EnsureGroupsAsync().GetAwaiter().GetResult();
            _groupsReady = true;
        }
        catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException)
        {
            // Redis is down: the first successful read creates the group.
        }
    }

    public override async ValueTask AcknowledgeAsync(IReadOnlyList<FeedEvent> events, CancellationToken cancellationToken)
    {
        List<(string Stream, RedisValue Entry)> done;
        lock (_gate)
        {
            done = [.. events.Select(e => _unacknowledged.Remove(e, out var at) ? at : default).Where(at => at.Stream is not null)];
        }

        foreach (var stream in done.GroupBy(d => d.Stream))
        {
            await Bus.Database.StreamAcknowledgeAsync(stream.Key, _group, [.. stream.Select(d => d.Entry)]).ConfigureAwait(false);
        }
    }

    private bool _groupsReady;

    protected override async Task ReadAsync(string stream, int max, List<LoggedEvent> batch)
    {
        if (!_groupsReady)
        {
            // Here rather than at construction, so a node starts while Redis is still down.
            await EnsureGroupsAsync().ConfigureAwait(false);
            _groupsReady = true;
        }

        var entries = new List<StreamEntry>();
        var now = Bus.Time.GetUtcNow();
        if (stream == Bus.Keys.Durable && now >= _nextClaim)
        {
            // Entries a dead consumer took and never acknowledged come back to the living.
            _nextClaim = now + TimeSpan.FromSeconds(Math.Max(1, Bus.Options.ClaimAfterSeconds / 2));
            var claimed = await Bus.Database.StreamAutoClaimAsync(stream, _group, Bus.Options.Node,
                Bus.Options.ClaimAfterSeconds * 1000L, "0-0", max).ConfigureAwait(false);
            entries.AddRange(await DropOverdeliveredAsync(stream, claimed.ClaimedEntries).ConfigureAwait(false));
        }

        if (entries.Count < max)
        {
            entries.AddRange(await Bus.Database.StreamReadGroupAsync(stream, _group, Bus.Options.Node, ">", max - entries.Count).ConfigureAwait(false));
        }

        foreach (var entry in entries)
        {
            var (logged, problem) = Read(stream, entry);
            if (logged is null)
            {
                await Bus.DeadLetterAsync(stream, entry, problem!).ConfigureAwait(false);
                await Bus.Database.StreamAcknowledgeAsync(stream, _group, entry.Id).ConfigureAwait(false);
                continue;
            }

            lock (_gate)
            {
                _unacknowledged[logged.Event] = (stream, entry.Id);
            }

            batch.Add(logged);
        }
    }

    protected override async Task RecreateAsync()
    {
        await EnsureGroupsAsync().ConfigureAwait(false);
        Bus.LogGroupRecreated(_group, Bus.Keys.Durable);
    }

    /// <summary>Claimed entries delivered too often are dead-lettered, not handed out again.</summary>
    private async Task<List<StreamEntry>> DropOverdeliveredAsync(string stream, StreamEntry[] claimed)
    {
        var keep = new List<StreamEntry>();
        foreach (var entry in claimed.Where(e => !e.IsNull))
        {
            var pending = await Bus.Database.StreamPendingMessagesAsync(stream, _group, 1, RedisValue.Null, entry.Id, entry.Id).ConfigureAwait(false);
            var deliveries = pending.Length == 0 ? 1 : pending[0].DeliveryCount;
            if (deliveries > Bus.Options.MaxDeliveries)
            {
                await Bus.DeadLetterAsync(stream, entry, $"delivered {deliveries} times without being acknowledged").ConfigureAwait(false);
                await Bus.Database.StreamAcknowledgeAsync(stream, _group, entry.Id).ConfigureAwait(false);
            }
            else
            {
                keep.Add(entry);
            }
        }

        return keep;
    }

    private async Task EnsureGroupsAsync()
    {
        foreach (var stream in new[] { Bus.Keys.Durable, Bus.Keys.Telemetry })
        {
            try
            {
                await Bus.Database.StreamCreateConsumerGroupAsync(stream, _group, "0-0", createStream: true).ConfigureAwait(false);
            }
            catch (RedisServerException ex) when (ex.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
            {
                // another node created it first
            }
        }
    }
}

/// <summary>Every entry from the moment of subscribing, for one node's live picture; nothing to acknowledge.</summary>
internal sealed class TailSubscription : RedisSubscription
{
    private readonly Dictionary<string, RedisValue> _positions = [];
    private string? _startAfter;

    public TailSubscription(RedisFeedBus bus, string consumer) : base(bus, consumer)
    {
        try
        {
            MarkPositions();
        }
        catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException)
        {
            // Redis is down: nothing can be published meanwhile, so the first successful read marks the start.
        }
    }

    private void MarkPositions()
    {
        foreach (var stream in new[] { Bus.Keys.Durable, Bus.Keys.Telemetry })
        {
            var last = Bus.Database.StreamRange(stream, "-", "+", 1, Order.Descending);
            _positions[stream] = last.Length == 0 ? "0-0" : last[0].Id;
        }

        if (_startAfter is { } start)
        {
            _positions[Bus.Keys.Durable] = start;
        }
    }

    public override ValueTask AcknowledgeAsync(IReadOnlyList<FeedEvent> events, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    private DateTimeOffset _nextResetCheck;

    /// <summary>Tails the durable stream from just after a log position (what the node loaded from the store reaches).</summary>
    public override void StartAfter(long position)
    {
        _startAfter = StreamId.FromPosition(position).ToString();
        if (_positions.Count > 0)
        {
            _positions[Bus.Keys.Durable] = _startAfter;
        }
    }

    protected override async Task ReadAsync(string stream, int max, List<LoggedEvent> batch)
    {
        if (_positions.Count == 0)
        {
            MarkPositions();
        }

        var entries = await Bus.Database.StreamReadAsync(stream, _positions[stream], max).ConfigureAwait(false);
        foreach (var entry in entries)
        {
            _positions[stream] = entry.Id;
            if (Read(stream, entry) is ({ } logged, _))
            {
                batch.Add(logged);
            }
        }

        // An emptied Redis starts its ids again from zero: follow it rather than wait for ids above the old ones.
        // (Checked at most once a second per consumer, not on every idle poll.)
        var now = Bus.Time.GetUtcNow();
        if (entries.Length == 0 && now >= _nextResetCheck &&
            await Bus.Database.StreamLengthAsync(stream).ConfigureAwait(false) is var length && length > 0)
        {
            _nextResetCheck = now + TimeSpan.FromSeconds(1);
            var newest = await Bus.Database.StreamRangeAsync(stream, "-", "+", 1, Order.Descending).ConfigureAwait(false);
            if (newest.Length > 0 && string.CompareOrdinal(IdKey(newest[0].Id), IdKey(_positions[stream])) < 0)
            {
                _positions[stream] = "0-0";
            }
        }
    }

    private static string IdKey(RedisValue id)
    {
        var parts = id.ToString().Split('-');
        return parts.Length == 2 ? $"{long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture):D20}-{long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture):D20}" : id.ToString();
    }
}
