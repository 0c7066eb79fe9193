using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Web.Dispatch;
using CommandCenter.Web.Live;
using CommandCenter.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace CommandCenter.Web.Hubs;

/// <summary>
/// <c>/hubs/wall</c>: <see cref="Subscribe"/> returns the snapshot of a jurisdiction subtree (the caller's own
/// when none is given) and subscribes the connection (one scope at a time); batched deltas follow. A scope outside the caller's jurisdiction
/// is refused as unknown and audited.
/// </summary>
[Authorize(Policy = nameof(Domain.Security.Permission.ViewWall))]
public sealed class WallHub(LiveSituation live, ScopeGuard guard, WallSubscribers subscribers, DispatchService dispatch, HubSessions sessions)
    : Hub<IWallClient>
{
    public const string Path = "/hubs/wall";

    /// <summary>Subscribes with the newest <see cref="WallSubscriber.DefaultTop"/> orders and alarms listed.</summary>
    public Task<WallSnapshotMessage> Subscribe(string? scope) => SubscribeTop(scope, WallSubscriber.DefaultTop);

    /// <summary>
    /// Subscribes with the newest <paramref name="top"/> orders and alarms listed (1 to <see cref="WallSubscriber.MaxTop"/>); the
    /// counts cover all of them, and <see cref="Incidents"/> pages through the rest.
    /// </summary>
    public async Task<WallSnapshotMessage> SubscribeTop(string? scope, int top)
    {
        if (top is < 1 or > WallSubscriber.MaxTop)
        {
            throw new HubException($"top: must be from 1 to {WallSubscriber.MaxTop}");
        }

        var resolved = await ResolveAsync(scope);
        var snapshot = live.Snapshot(resolved);
        subscribers.Joined(Context.ConnectionId, resolved, snapshot, top);
        return WallSnapshotMessage.From(snapshot, top);
    }

    /// <summary>
    /// One page of a list of open orders of the scope, newest first: <paramref name="list"/> is <c>open</c> or one of the desk's
    /// lists (as REST's <c>bucket</c>), <paramref name="after"/> the <c>next</c> cursor of the page before (null for the first).
    /// </summary>
    public async Task<IncidentPageMessage> Incidents(string? scope, string? list, string? after, int limit)
    {
        if (!Api.IncidentEndpoints.Lists.TryGetValue(list ?? "open", out var lists))
        {
            throw new HubException($"list: unknown list '{list}'; use one of: {string.Join(", ", Api.IncidentEndpoints.Lists.Keys)}");
        }

        if (limit is < 1 or > Api.IncidentEndpoints.MaxLimit)
        {
            throw new HubException($"limit: must be from 1 to {Api.IncidentEndpoints.MaxLimit}");
        }

        Domain.Situation.OrderKey? cursor = null;
        if (after is not null)
        {
            cursor = Domain.Situation.OrderKey.TryParse(after, out var key) ? key : throw new HubException("after: must be the 'next' cursor of an earlier page");
        }

        var resolved = await ResolveAsync(scope);
        var page = live.Orders(resolved, lists, cursor, limit);
        return new IncidentPageMessage(resolved.Value, [.. page.Orders.Select(IncidentMessage.From)], page.Total, page.Next);
    }

    private async Task<JurisdictionCode> ResolveAsync(string? scope)
    {
        JurisdictionCode? requested = null;
        if (!string.IsNullOrWhiteSpace(scope))
        {
            if (!JurisdictionCode.TryFrom(scope, out var code, out var error))
            {
                throw new HubException($"scope: {error}");
            }

            requested = code;
        }

        return await guard.ResolveAsync(Context.User!, requested, $"hub/wall?scope={scope}", Context.ConnectionAborted)
            ?? throw new HubException($"scope: no jurisdiction '{scope}'");
    }

    /// <summary>One-click dispatch from a hub client: the same path, rules and idempotency as the REST endpoint.</summary>
    public async Task<DispatchResult> Dispatch(DispatchRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var outcome = await dispatch.DispatchAsync(Context.User!, request.WorkOrderId, request.IdempotencyKey, request.UnitId, "hub",
            Context.ConnectionAborted, request.Assisting);
        return outcome.Status == DispatchStatus.Dispatched
            ? outcome.Result!
            : throw new HubException(outcome.Status switch
            {
                DispatchStatus.Forbidden => $"dispatch: {outcome.Problem}",
                DispatchStatus.NotFound => $"workOrderId: {outcome.Problem}",
                _ => $"{outcome.Field}: {outcome.Problem}",
            });
    }

    /// <summary>A connection lives only as long as its session: an ended session closes it, on whichever node it ended.</summary>
    public override async Task OnConnectedAsync()
    {
        await sessions.JoinAsync(Context);
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        sessions.Leave(Context);
        subscribers.Left(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
