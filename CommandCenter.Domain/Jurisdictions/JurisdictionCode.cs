using System.Diagnostics.CodeAnalysis;

namespace CommandCenter.Domain.Jurisdictions;

/// <summary>
/// A node of the administrative tree by its official code: 6 digits (GB/T 2260: province, city, district),
/// 9 for a street or town (街道/镇; 12 with a trailing 000 is accepted), 12 for a community or village
/// (社区/村), 15 for a grid (网格). A code contains every code below it in the tree.
/// </summary>
public readonly record struct JurisdictionCode : IComparable<JurisdictionCode>
{
    private JurisdictionCode(string value, JurisdictionLevel level)
    {
        Value = value;
        Level = level;
    }

    public string Value { get; }

    public JurisdictionLevel Level { get; }

    /// <summary>True for a town (镇, street segment 100–199) rather than a street (街道, 001–099).</summary>
    public bool IsTown => Level >= JurisdictionLevel.Street && Segment(6, 3) >= 100;

    /// <summary>True for a village (村, 200–399) rather than a community (社区, 001–199).</summary>
    public bool IsVillage => Level >= JurisdictionLevel.Community && Segment(9, 3) >= 200;

    /// <summary>The code's significant prefix: every code in this subtree starts with it (for prefix queries).</summary>
    public string SubtreePrefix => Level switch
    {
        JurisdictionLevel.Province => Value[..2],
        JurisdictionLevel.City => Value[..4],
        _ => Value,
    };

    public static JurisdictionCode From(string? value)
    {
        if (!TryFrom(value, out var code, out var error))
        {
            throw new FormatException(error);
        }

        return code;
    }

    public static bool TryFrom(string? value, out JurisdictionCode code, [NotNullWhen(false)] out string? error)
    {
        code = default;
        error = Check(value, out var normalized, out var level);
        if (error is not null)
        {
            return false;
        }

        code = new JurisdictionCode(normalized!, level);
        return true;
    }

    /// <summary>True when <paramref name="other"/> is this node or lies anywhere below it.</summary>
    public bool Contains(JurisdictionCode other) =>
        Value is not null && other.Value is not null && other.Level >= Level &&
        other.Value.StartsWith(SubtreePrefix, StringComparison.Ordinal);

    /// <summary>The ancestor of this code at <paramref name="level"/>, or null when it sits higher.</summary>
    public JurisdictionCode? AncestorAt(JurisdictionLevel level)
    {
        if (level > Level)
        {
            return null;
        }

        var value = level switch
        {
            JurisdictionLevel.Province => Value[..2] + "0000",
            JurisdictionLevel.City => Value[..4] + "00",
            JurisdictionLevel.District => Value[..6],
            JurisdictionLevel.Street => Value[..9],
            JurisdictionLevel.Community => Value[..12],
            _ => Value,
        };
        return From(value);
    }

    /// <summary>The lowest jurisdiction containing both codes, or null when they share no province.</summary>
    public static JurisdictionCode? CommonAncestor(JurisdictionCode a, JurisdictionCode b)
    {
        for (var level = (JurisdictionLevel)Math.Min((int)a.Level, (int)b.Level); level >= JurisdictionLevel.Province; level--)
        {
            if (a.AncestorAt(level) is { } mine && mine == b.AncestorAt(level))
            {
                return mine;
            }
        }

        return null;
    }

    public int CompareTo(JurisdictionCode other) => string.CompareOrdinal(Value, other.Value);

    public static bool operator <(JurisdictionCode left, JurisdictionCode right) => left.CompareTo(right) < 0;

    public static bool operator <=(JurisdictionCode left, JurisdictionCode right) => left.CompareTo(right) <= 0;

    public static bool operator >(JurisdictionCode left, JurisdictionCode right) => left.CompareTo(right) > 0;

    public static bool operator >=(JurisdictionCode left, JurisdictionCode right) => left.CompareTo(right) >= 0;

    public override string ToString() => Value ?? string.Empty;

    private int Segment(int start, int length) => int.Parse(Value.AsSpan(start, length), provider: null);

    private static string? Check(string? value, out string? normalized, out JurisdictionLevel level)
    {
        normalized = value?.Trim();
        level = default;
        if (string.IsNullOrEmpty(normalized))
        {
            return "jurisdiction code is empty";
        }

        if (!normalized.All(char.IsAsciiDigit))
        {
            return $"jurisdiction code '{value}' must contain digits only";
        }

        if (normalized.Length == 12 && normalized.EndsWith("000", StringComparison.Ordinal))
        {
            normalized = normalized[..9];
        }

        switch (normalized.Length)
        {
            case 6:
                if (normalized[..2] == "00")
                {
                    return $"jurisdiction code '{value}' has no province (first two digits are 00)";
                }

                level = normalized[2..] == "0000" ? JurisdictionLevel.Province
                    : normalized[4..] == "00" ? JurisdictionLevel.City : JurisdictionLevel.District;
                return null;
            case 9:
                level = JurisdictionLevel.Street;
                return InRange(normalized, 6, 1, 399, "street/town segment", value);
            case 12:
                level = JurisdictionLevel.Community;
                return InRange(normalized, 6, 1, 399, "street/town segment", value)
                    ?? InRange(normalized, 9, 1, 399, "community/village segment", value);
            case 15:
                level = JurisdictionLevel.Grid;
                return InRange(normalized, 6, 1, 399, "street/town segment", value)
                    ?? InRange(normalized, 9, 1, 399, "community/village segment", value)
                    ?? InRange(normalized, 12, 1, 999, "grid sequence", value);
            default:
                return $"jurisdiction code '{value}' has {normalized.Length} digits; expected 6, 9, 12 or 15";
        }
    }

    private static string? InRange(string code, int start, int min, int max, string what, string? original)
    {
        var segment = int.Parse(code.AsSpan(start, 3), provider: null);
        return segment < min || segment > max
            ? $"jurisdiction code '{original}': {what} {segment:000} is outside {min:000}–{max:000}"
            : null;
    }
}
