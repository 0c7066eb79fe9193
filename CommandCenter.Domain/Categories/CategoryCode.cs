using System.Diagnostics.CodeAnalysis;

namespace CommandCenter.Domain.Categories;

/// <summary>
/// A category: 5 digits, a 2-digit class and a 3-digit item (e.g. 06010 暴露垃圾). Classes 01–10 are GB/T 47678.5's
/// (01–05 components 部件, 06–10 events 事项); classes 20–29 are our own, for social-governance matters (社会治理:
/// 21 矛盾纠纷, 22 安全隐患, 23 特殊人群, 24 信访; see <see cref="GovernanceMatters"/>), which the standard does not cover.
/// </summary>
public readonly record struct CategoryCode
{
    private CategoryCode(string value) => Value = value;

    public string Value { get; }

    public int Class => int.Parse(Value.AsSpan(0, 2), provider: null);

    /// <summary>True for components (部件, classes 01–05), false for events (事项, 06–10) and social-governance matters.</summary>
    public bool IsComponent => Class <= 5;

    /// <summary>A social-governance matter (社会治理, classes 20–29, our own range outside GB/T 47678.5).</summary>
    public bool IsSocialGovernance => Class is >= GovernanceMatters.FirstClass and <= GovernanceMatters.LastClass;

    public static CategoryCode From(string? value) =>
        TryFrom(value, out var code, out var error) ? code : throw new FormatException(error);

    public static bool TryFrom(string? value, out CategoryCode code, [NotNullWhen(false)] out string? error)
    {
        code = default;
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v) || v.Length != 5 || !v.All(char.IsAsciiDigit))
        {
            error = $"category code '{value}' must be 5 digits (2-digit class + 3-digit item)";
            return false;
        }

        var cls = int.Parse(v.AsSpan(0, 2), provider: null);
        var item = int.Parse(v.AsSpan(2, 3), provider: null);
        if (cls is not (>= 1 and <= 10) and not (>= GovernanceMatters.FirstClass and <= GovernanceMatters.LastClass) || item == 0)
        {
            error = $"category code '{value}': class must be 01–10 (GB/T 47678.5) or 20–29 (social governance) and item 001–999";
            return false;
        }

        code = new CategoryCode(v);
        error = null;
        return true;
    }

    public override string ToString() => Value ?? string.Empty;
}
