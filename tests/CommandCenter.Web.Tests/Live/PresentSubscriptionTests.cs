using CommandCenter.Web.Live;

namespace CommandCenter.Web.Tests.Live;

/// <summary>A wall's subscription to the signal lives only while its browser is connected, and comes back with one refresh.</summary>
public sealed class PresentSubscriptionTests
{
    private readonly WallSignal _signal = new(TimeProvider.System);
    private readonly CircuitPresence _presence = new();
    private int _refreshes;

    [Fact]
    public async Task A_disconnected_wall_is_not_signalled_and_a_reconnected_one_refreshes_once()
    {
        using var subscription = new PresentSubscription(_signal, _presence, Refresh);
        Assert.Equal((1, true), (_signal.SubscriberCount, subscription.Subscribed));

        await _presence.SetAsync(false);
        Assert.Equal((0, false), (_signal.SubscriberCount, subscription.Subscribed));
        await _presence.SetAsync(false); // no change, nothing happens
        Assert.Equal(0, _refreshes);

        await _presence.SetAsync(true);
        Assert.Equal((1, true, 1), (_signal.SubscriberCount, subscription.Subscribed, _refreshes));
    }

    [Fact]
    public async Task A_disposed_wall_stays_unsubscribed_whatever_its_circuit_does()
    {
        var subscription = new PresentSubscription(_signal, _presence, Refresh);
        subscription.Dispose();

        await _presence.SetAsync(false);
        await _presence.SetAsync(true);

        Assert.Equal((0, 0), (_signal.SubscriberCount, _refreshes));
    }

    [Fact]
    public async Task A_wall_opened_while_its_browser_is_away_waits_for_it()
    {
        await _presence.SetAsync(false);
        using var subscription = new PresentSubscription(_signal, _presence, Refresh);
        Assert.Equal(0, _signal.SubscriberCount);

        await _presence.SetAsync(true);
        Assert.Equal((1, 1), (_signal.SubscriberCount, _refreshes));
    }

    private Task Refresh()
    {
        Interlocked.Increment(ref _refreshes);
        return Task.CompletedTask;
    }
}
