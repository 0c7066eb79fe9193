using System.Collections.Immutable;
using System.Threading.Channels;

namespace CommandCenter.Web.Live;

/// <summary>
/// Tells walls that the situation changed, at most once per <see cref="Window"/> (<see cref="MinInterval"/> for walls)
/// however many events arrive (raises in between coalesce into one), and at least once per <see cref="Heartbeat"/> so SLA
/// lights and ages move on a quiet feed. Subscribers get a signal, not data; they pull a snapshot. A raise is passed on to
/// the signals that <see cref="Forward"/> names (the hub's, with a window of its own).
/// </summary>
public class WallSignal(TimeProvider time, TimeSpan? window = null) : BackgroundService
{
    /// <summary>The walls' window: people read a wall, and a quarter second is below what they notice.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(250);

    private WallSignal? _follower;

    /// <summary>How often at most subscribers are told.</summary>
    public TimeSpan Window { get; } = window ?? MinInterval;

    /// <summary>Passes every raise on to <paramref name="follower"/> too.</summary>
    public void Forward(WallSignal follower) => _follower = follower;
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(5);

    private readonly Channel<bool> _dirty = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private ImmutableArray<Func<Task>> _subscribers = [];
    private long _signals;

    /// <summary>How many signals went out since start.</summary>
    public long Signals => Interlocked.Read(ref _signals);

    public int SubscriberCount => _subscribers.Length;

    public void Raise()
    {
        _dirty.Writer.TryWrite(true);
        _follower?.Raise();
    }

    public IDisposable Subscribe(Func<Task> onChanged)
    {
        ImmutableInterlocked.Update(ref _subscribers, s => s.Add(onChanged));
        return new Unsubscriber(() => ImmutableInterlocked.Update(ref _subscribers, s => s.Remove(onChanged)));
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => RunAsync(stoppingToken);

    /// <summary>The signal loop; runs synchronously up to its first wait, so tests can drive it with a fake clock.</summary>
    internal async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            using (var beat = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                var waitForChange = _dirty.Reader.WaitToReadAsync(beat.Token).AsTask();
                var heartbeat = Task.Delay(Heartbeat, time, beat.Token);
                await Task.WhenAny(waitForChange, heartbeat).ConfigureAwait(false);
                await beat.CancelAsync().ConfigureAwait(false);
            }

            stoppingToken.ThrowIfCancellationRequested();
            _dirty.Reader.TryRead(out _);
            var pause = Task.Delay(Window, time, stoppingToken);
            Notify();
            await pause.ConfigureAwait(false);
        }
    }

    private void Notify()
    {
        Interlocked.Increment(ref _signals);
        foreach (var subscriber in _subscribers)
        {
            // Not awaited: a slow or broken wall must not hold up the others.
            _ = SafeInvoke(subscriber);
        }
    }

    private static async Task SafeInvoke(Func<Task> subscriber)
    {
        try
        {
            await subscriber().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The wall component logs its own failures; a signal is best-effort by design.
        }
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}

/// <summary>
/// The hub's signal: its window (<c>Wall:HubWindowMilliseconds</c>, 250 by default) is set apart from the walls', since
/// machines reading the hub can take changes more often than people reading a wall.
/// </summary>
public sealed class HubSignal(TimeProvider time, Microsoft.Extensions.Options.IOptions<Walls.WallOptions> options)
    : WallSignal(time, TimeSpan.FromMilliseconds(options.Value.HubWindowMilliseconds));
