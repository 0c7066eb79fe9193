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

    public async Task<WallSnapshotMessage> Subscribe(string? scope)
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

        var resolved = await guard.ResolveAsync(Context.User!, requested, $"hub/wall?scope={scope}", Context.ConnectionAborted)
            ?? throw new HubException($"scope: no jurisdiction '{scope}'");
        var snapshot = live.Snapshot(resolved);
        subscribers.Joined(Context.ConnectionId, resolved, snapshot);
        return WallSnapshotMessage.From(snapshot);
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
