using CommandCenter.Web.Live;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Web.Tests.Live;

public sealed class WallSignalTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UnixEpoch);
    private readonly WallSignal _signal;
    private readonly SemaphoreSlim _received = new(0);
    private int _count;

    public WallSignalTests()
    {
        _signal = new WallSignal(_clock);
        _signal.Subscribe(() =>
        {
            Interlocked.Increment(ref _count);
            _received.Release();
            return Task.CompletedTask;
        });
    }

    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public Task InitializeAsync()
    {
        _loop = _signal.RunAsync(_stop.Token);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _loop);
        _signal.Dispose();
    }

    [Fact]
    public async Task A_thousand_raises_within_one_interval_make_one_signal()
    {
        _signal.Raise();
        await NextSignal();

        for (var i = 0; i < 1000; i++)
        {
            _signal.Raise();
        }

        Assert.Equal(1, Volatile.Read(ref _count)); // still inside the 250 ms interval: nothing more went out
        _clock.Advance(WallSignal.MinInterval);
        await NextSignal();
        Assert.Equal(2, Volatile.Read(ref _count));
        Assert.Equal(2, _signal.Signals);
    }

    [Fact]
    public async Task Quiet_feed_still_signals_on_the_heartbeat()
    {
        _clock.Advance(WallSignal.Heartbeat);
        await NextSignal();
        Assert.Equal(1, Volatile.Read(ref _count));
    }

    [Fact]
    public async Task A_failing_subscriber_does_not_stop_the_others()
    {
        _signal.Subscribe(() => throw new InvalidOperationException("broken wall"));
        _signal.Raise();
        await NextSignal();
        _clock.Advance(WallSignal.MinInterval);
        _signal.Raise();
        await NextSignal();
        Assert.Equal(2, Volatile.Read(ref _count));
    }

    private async Task NextSignal() =>
        Assert.True(await _received.WaitAsync(TimeSpan.FromSeconds(10)), "no signal arrived");
}
