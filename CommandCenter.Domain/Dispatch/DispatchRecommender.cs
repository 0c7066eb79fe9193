using System.Globalization;
using CommandCenter.Domain.Situation;
using CommandCenter.Domain.Units;

namespace CommandCenter.Domain.Dispatch;

/// <summary>A unit the order could go to, with why.</summary>
public sealed record DispatchCandidate(Unit Unit, bool Lead, bool ServesTheJurisdiction, int OpenOrders, double? DistanceMeters, IReadOnlyList<string> Reasons);

/// <summary>The recommended unit first, then the others a user may pick instead.</summary>
public sealed record DispatchRecommendation(DispatchRule Rule, IReadOnlyList<DispatchCandidate> Candidates)
{
    public DispatchCandidate? Best => Candidates.Count == 0 ? null : Candidates[0];

    /// <summary>The recommended unit of each assisting department (协办) the catalogue names, in the catalogue's order.</summary>
    public IReadOnlyList<DispatchCandidate> AssistingBest =>
        [.. Rule.Assisting.Select(d => Candidates.FirstOrDefault(c => !c.Lead && c.Unit.Department == d)).OfType<DispatchCandidate>()];
}

/// <summary>
/// Recommends a unit for an order: the catalogue's lead department first, a unit serving the order's
/// jurisdiction before one from outside it, then the one with the fewest orders in hand, then the nearest.
/// </summary>
public static class DispatchRecommender
{
    public static DispatchRecommendation Recommend(WorkOrderCard order, DispatchCatalogue catalogue, IEnumerable<Unit> units,
        IReadOnlyDictionary<string, int> openOrdersByUnit, Func<string, string> departmentName)
    {
        var rule = catalogue.RuleFor(order.Category);
        var candidates = units
            .Where(u => u.Department == rule.Lead || rule.Assisting.Contains(u.Department))
            .Select(u =>
            {
                var lead = u.Department == rule.Lead;
                var serves = u.ServesPlace(order.Scope);
                var load = openOrdersByUnit.GetValueOrDefault(u.Id);
                double? distance = order.Location is { } at && u.Base is { } home ? home.DistanceTo(at) : null;
                var reasons = new List<string>
                {
                    lead ? $"派单目录:「{order.CategoryName}」由{departmentName(rule.Lead)}牵头" : $"派单目录:{departmentName(u.Department)}协办",
                    serves ? $"{u.Name}负责该辖区" : $"{u.Name}不在该辖区",
                    $"在办 {load} 件",
                };
                if (distance is { } meters)
                {
                    reasons.Add(string.Create(CultureInfo.InvariantCulture, $"距离 {meters / 1000:0.0} 公里"));
                }

                return new DispatchCandidate(u, lead, serves, load, distance, reasons);
            })
            .OrderByDescending(c => c.Lead)
            .ThenByDescending(c => c.ServesTheJurisdiction)
            .ThenByDescending(c => c.Unit.Locality) // the most local unit that serves the place
            .ThenBy(c => c.OpenOrders)
            .ThenBy(c => c.DistanceMeters ?? double.MaxValue)
            .ThenBy(c => c.Unit.Id, StringComparer.Ordinal)
            .ToList();
        return new DispatchRecommendation(rule, candidates);
    }
}
