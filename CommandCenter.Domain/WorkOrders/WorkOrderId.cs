using System.Diagnostics.CodeAnalysis;

namespace CommandCenter.Domain.WorkOrders;

/// <summary>A work order's number (工单编号): 1–64 characters of letters, digits, '-' and '_'.</summary>
public readonly record struct WorkOrderId
{
    private WorkOrderId(string value) => Value = value;

    public string Value { get; }

    public static WorkOrderId From(string? value) =>
        TryFrom(value, out var id, out var error) ? id : throw new FormatException(error);

    public const int MaxLength = 128;

    public static bool TryFrom(string? value, out WorkOrderId id, [NotNullWhen(false)] out string? error)
    {
        id = default;
        // '.' separates the source from its own id (hotline.20261202001): see the ingest edge's SourceScope.
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxLength ||
            !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            error = $"work order id '{value}' must be 1–{MaxLength} letters, digits, '-', '_' or '.'";
            return false;
        }

        id = new WorkOrderId(value);
        error = null;
        return true;
    }

    public override string ToString() => Value ?? string.Empty;
}
