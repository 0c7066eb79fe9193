using System.Collections.Concurrent;
using System.Security.Claims;
using CommandCenter.Domain.Dispatch;
using CommandCenter.Domain.Situation;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Web.Dispatch;

namespace CommandCenter.Web.Components.Widgets;

/// <summary>What a wall offers a user who may dispatch (cascaded to the incident list; absent for wall displays).</summary>
public interface IWallDispatch
{
    DispatchRecommendation? Recommend(WorkOrderCard order);

    Task<DispatchOutcome> DispatchAsync(WorkOrderCard order, string? unitId);

    /// <summary>Whether this user is offered 派单 on the order now (its state, and the level that handles it).</summary>
    bool MayDispatch(WorkOrderCard order) => WallDispatch.Dispatchable(order);
}

/// <summary>
/// The wall's dispatch for one signed-in user. Each order's dialog keeps one idempotency key until its dispatch
/// returns, so a double click, or a click repeated while the first is still on its way, is the same dispatch.
/// </summary>
public sealed class WallDispatch(DispatchService service, ClaimsPrincipal user) : IWallDispatch
{
    private readonly ConcurrentDictionary<string, string> _dialogs = new(StringComparer.Ordinal);

    public static bool Dispatchable(WorkOrderCard order) =>
        order.State is WorkOrderState.Reported or WorkOrderState.Accepted or WorkOrderState.Escalated;

    /// <summary>A street's wall offers no 派单 on an order the district handles; the district's wall does.</summary>
    public bool MayDispatch(WorkOrderCard order) => Dispatchable(order) && CommandLevels.Refusal(user, order, WorkOrderAction.Dispatch) is null;

    public DispatchRecommendation? Recommend(WorkOrderCard order) => service.Recommend(user, order.Id);

    public async Task<DispatchOutcome> DispatchAsync(WorkOrderCard order, string? unitId)
    {
        var key = _dialogs.GetOrAdd(order.Id.Value, _ => $"wall-{Guid.NewGuid():N}");
        var outcome = await service.DispatchAsync(user, order.Id.Value, key, unitId, "wall", CancellationToken.None).ConfigureAwait(false);
        _dialogs.TryRemove(order.Id.Value, out _);
        return outcome;
    }
}
