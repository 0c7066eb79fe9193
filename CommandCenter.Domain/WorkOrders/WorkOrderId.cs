using System.Diagnostics.CodeAnalysis;

namespace CommandCenter.Domain.WorkOrders;

/// <summary>A work order's number (工单编号): 1–64 characters of letters, digits, '-' and '_'.</summary>
public readonly record struct WorkOrderId
{
    private WorkOrderId(string value) => Value = value;

    public string Value { get; }

    public static WorkOrderId From(string? value) =>
        TryFrom(value, out var id, out var error) ? id : throw new FormatException(error);

    public static bool TryFrom(string? value, out WorkOrderId id, [NotNullWhen(false)] out string? error)
    {
        id = default;
        if (string.IsNullOrWhiteSpace(value) || value.Length > 64 ||
            !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            error = $"work order id '{value}' must be 1–64 letters, digits, '-' or '_'";
            return false;
        }

        id = new WorkOrderId(value);
        error = null;
        return true;
    }

    public override string ToString() => Value ?? string.Empty;
}
