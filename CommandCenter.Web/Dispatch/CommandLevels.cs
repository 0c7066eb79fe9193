using System.Security.Claims;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Situation;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Web.Security;

namespace CommandCenter.Web.Dispatch;

/// <summary>
/// Two-level command (两级指挥) at the desk: a street escalates what it cannot handle, and once the district handles an
/// order only the district's center takes the center's actions on it (dispatch, review of returns, verification, closure,
/// send-back). Units' own steps are not the center's and stay open to whoever acts for the unit.
/// </summary>
public static class CommandLevels
{
    /// <summary>Why <paramref name="user"/> may not take <paramref name="action"/> on the order at its level; null when they may.</summary>
    public static string? Refusal(ClaimsPrincipal user, WorkOrderCard card, WorkOrderAction action)
    {
        var atDistrict = user.Jurisdiction()?.Level == JurisdictionLevel.District;
        if (action == WorkOrderAction.Escalate && atDistrict)
        {
            return "上报区级 is a street's step; the district dispatches the order itself";
        }

        return card.Level == HandlingLevel.District && !atDistrict && WorkOrderRules.IsCenterAction(action)
            ? $"the district handles this order (上报区级); {WorkOrderRules.NameOf(action)} is the district center's"
            : null;
    }
}
