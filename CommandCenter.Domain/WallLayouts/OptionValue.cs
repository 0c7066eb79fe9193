using System.Globalization;

namespace CommandCenter.Domain.WallLayouts;

/// <summary>A widget option's value as a layout file gives it: a number, true/false, a text, or a list of names.</summary>
public abstract record OptionValue
{
    private OptionValue()
    {
    }

    /// <summary>What the value is, for an error that says what was found (<c>the text "9"</c>).</summary>
    public abstract string Describe();

    public sealed record Number(double Value) : OptionValue
    {
        public override string Describe() => $"the number {Value.ToString(CultureInfo.InvariantCulture)}";
    }

    public sealed record Flag(bool Value) : OptionValue
    {
        public override string Describe() => Value ? "true" : "false";
    }

    public sealed record Text(string Value) : OptionValue
    {
        public override string Describe() => $"the text \"{Value}\"";
    }

    public sealed record Names(IReadOnlyList<string> Values) : OptionValue
    {
        public override string Describe() => $"the list [{string.Join(", ", Values)}]";

        public bool Equals(Names? other) => other is not null && Values.SequenceEqual(other.Values, StringComparer.Ordinal);

        public override int GetHashCode() => Values.Aggregate(0, (h, v) => HashCode.Combine(h, StringComparer.Ordinal.GetHashCode(v)));
    }
}
