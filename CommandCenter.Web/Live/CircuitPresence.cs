using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CommandCenter.Web.Live;

/// <summary>
/// Whether this circuit's browser is connected now (one per circuit). Blazor keeps a disconnected circuit for minutes in
/// case the browser comes back; a wall must not keep rendering for nobody in the meantime.
/// </summary>
public sealed class CircuitPresence : CircuitHandler
{
    private readonly List<Func<bool, Task>> _watchers = [];

    public bool Connected { get; private set; } = true;

    /// <summary>Calls <paramref name="changed"/> with true when the browser comes back, false when it goes; dispose to stop.</summary>
    public IDisposable Watch(Func<bool, Task> changed)
    {
        lock (_watchers)
        {
            _watchers.Add(changed);
        }

        return new Unwatch(() =>
        {
            lock (_watchers)
            {
                _watchers.Remove(changed);
            }
        });
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken) => SetAsync(true);

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken) => SetAsync(false);

    internal async Task SetAsync(bool connected)
    {
        if (Connected == connected)
        {
            return;
        }

        Connected = connected;
        Func<bool, Task>[] watchers;
        lock (_watchers)
        {
            watchers = [.. _watchers];
        }

        foreach (var watcher in watchers)
        {
            await watcher(connected).ConfigureAwait(false);
        }
    }

    private sealed class Unwatch(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}

/// <summary>
/// A subscription to the wall signal held only while the circuit's browser is connected: it is dropped the moment the
/// browser goes (nothing renders for nobody) and taken again, with one fresh refresh, when it comes back.
/// </summary>
public sealed class PresentSubscription : IDisposable
{
    private readonly WallSignal _signal;
    private readonly Func<Task> _refresh;
    private readonly IDisposable _watch;
    private readonly Lock _gate = new();
    private IDisposable? _subscription;
    private bool _disposed;

    public PresentSubscription(WallSignal signal, CircuitPresence presence, Func<Task> refresh)
    {
        _signal = signal;
        _refresh = refresh;
        _watch = presence.Watch(OnPresenceAsync);
        if (presence.Connected)
        {
            Subscribe();
        }
    }

    public bool Subscribed
    {
        get
        {
            lock (_gate)
            {
                return _subscription is not null;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _subscription?.Dispose();
            _subscription = null;
        }

        _watch.Dispose();
    }

    private async Task OnPresenceAsync(bool connected)
    {
        if (!connected)
        {
            lock (_gate)
            {
                _subscription?.Dispose();
                _subscription = null;
            }

            return;
        }

        if (Subscribe())
        {
            await _refresh().ConfigureAwait(false); // what changed while the browser was away, in one render
        }
    }

    private bool Subscribe()
    {
        lock (_gate)
        {
            if (_disposed || _subscription is not null)
            {
                return false;
            }

            _subscription = _signal.Subscribe(_refresh);
            return true;
        }
    }
}
