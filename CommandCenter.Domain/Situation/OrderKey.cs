using System.Globalization;
using CommandCenter.Domain.WorkOrders;

namespace CommandCenter.Domain.Situation;

/// <summary>
/// Where an order sits in a list: newest report first, then by id. Also the cursor of a paged query (<see cref="ToString"/>
/// and <see cref="TryParse"/>), which stays valid when the order it names has left the list since.
/// </summary>
public readonly record struct OrderKey(long ReportedTicks, string Id, WorkOrder? Order = null) : IComparable<OrderKey>
{
    public static OrderKey Of(WorkOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new OrderKey(order.ReportedAt.UtcTicks, order.Id.Value, order);
    }

    public int CompareTo(OrderKey other)
    {
        var byTime = other.ReportedTicks.CompareTo(ReportedTicks);
        return byTime != 0 ? byTime : string.CompareOrdinal(Id, other.Id);
    }

    public bool Equals(OrderKey other) => ReportedTicks == other.ReportedTicks && string.Equals(Id, other.Id, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(ReportedTicks, Id);

    public override string ToString() => ReportedTicks.ToString(CultureInfo.InvariantCulture) + "~" + Id;

    public static bool TryParse(string? text, out OrderKey key)
    {
        key = default;
        var split = text?.IndexOf('~', StringComparison.Ordinal) ?? -1;
        if (split <= 0 || split == text!.Length - 1 ||
            !long.TryParse(text.AsSpan(0, split), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks))
        {
            return false;
        }

        key = new OrderKey(ticks, text[(split + 1)..]);
        return true;
    }

    public static bool operator <(OrderKey left, OrderKey right) => left.CompareTo(right) < 0;

    public static bool operator >(OrderKey left, OrderKey right) => left.CompareTo(right) > 0;

    public static bool operator <=(OrderKey left, OrderKey right) => left.CompareTo(right) <= 0;

    public static bool operator >=(OrderKey left, OrderKey right) => left.CompareTo(right) >= 0;
}
