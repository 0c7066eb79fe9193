using System.Globalization;
using System.Text.Json;

namespace CommandCenter.Feeds.Ingest;

/// <summary>
/// Reads the fields of one JSON object strictly: wrong types, missing required fields, out-of-range numbers,
/// overlong or control-character strings and unknown enum names are each recorded as a violation naming the
/// field, so one answer lists everything wrong with an input.
/// </summary>
public sealed class FieldReader(JsonElement element, string path, List<IngestViolation> violations)
{
    public const int DefaultMaxString = 2000;

    public JsonElement Element => element;

    public List<IngestViolation> Violations => violations;

    public static FieldReader? Root(JsonElement root, List<IngestViolation> violations)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            violations.Add(new IngestViolation("$", $"must be a JSON object, not {Describe(root.ValueKind)}"));
            return null;
        }

        return new FieldReader(root, "", violations);
    }

    public string Path(string name) => path.Length == 0 ? name : $"{path}.{name}";

    public void Fail(string name, string rule) => violations.Add(new IngestViolation(Path(name), rule));

    /// <summary>The property if present and not null.</summary>
    public bool TryGet(string name, out JsonElement value)
    {
        if (element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    public string? Text(string name, bool required, int maxLength = DefaultMaxString, bool multiline = false)
    {
        if (!TryGet(name, out var value))
        {
            if (required)
            {
                Fail(name, "is required");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(name, $"must be a string, not {Describe(value.ValueKind)}");
            return null;
        }

        var text = value.GetString()!;
        if (text.Length > maxLength)
        {
            Fail(name, $"must be at most {maxLength} characters (has {text.Length})");
            return null;
        }

        if (text.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')))
        {
            Fail(name, "must not contain control characters");
            return null;
        }

        if (required && string.IsNullOrWhiteSpace(text))
        {
            Fail(name, "must not be empty");
            return null;
        }

        return text;
    }

    public double? Number(string name, bool required, double min, double max)
    {
        if (!TryGet(name, out var value))
        {
            if (required)
            {
                Fail(name, "is required");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            Fail(name, $"must be a finite number, not {Describe(value.ValueKind)}");
            return null;
        }

        if (number < min || number > max)
        {
            Fail(name, $"must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)} (is {number.ToString(CultureInfo.InvariantCulture)})");
            return null;
        }

        return number;
    }

    /// <summary>A JSON boolean (true or false, not a string or number).</summary>
    public bool? Bool(string name, bool required)
    {
        if (!TryGet(name, out var value))
        {
            if (required)
            {
                Fail(name, "is required");
            }

            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Fail(name, $"must be true or false, not {Describe(value.ValueKind)}");
            return null;
        }

        return value.GetBoolean();
    }

    /// <summary>An enum by its name (case-insensitive, names only: numbers are refused).</summary>
    public T? Enum<T>(string name, bool required, T? fallback = null) where T : struct, Enum
    {
        var text = Text(name, required, 64);
        if (text is null)
        {
            return fallback;
        }

        if (!char.IsAsciiLetter(text[0]) || !text.All(char.IsAsciiLetterOrDigit) || !System.Enum.TryParse<T>(text, ignoreCase: true, out var parsed))
        {
            Fail(name, $"must be one of {string.Join(", ", System.Enum.GetNames<T>().Select(JsonNamingPolicy.CamelCase.ConvertName))} (is '{Clip(text)}')");
            return null;
        }

        return parsed;
    }

    /// <summary>A timestamp with an offset, within the accepted window around now.</summary>
    public DateTimeOffset? Timestamp(string name, bool required, DateTimeOffset now, TimeSpan maxPast, TimeSpan maxFuture)
    {
        var text = Text(name, required, 64);
        if (text is null)
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ||
            !(text.Contains('Z', StringComparison.OrdinalIgnoreCase) || text.LastIndexOfAny(['+', '-']) > 9))
        {
            Fail(name, $"must be an ISO 8601 timestamp with an offset, e.g. 2026-11-23T08:30:00+08:00 (is '{Clip(text)}')");
            return null;
        }

        if (at > now + maxFuture)
        {
            Fail(name, $"must not be more than {maxFuture.TotalMinutes:0} minutes in the future");
            return null;
        }

        if (at < now - maxPast)
        {
            Fail(name, $"must not be more than {maxPast.TotalDays:0} days in the past");
            return null;
        }

        return at;
    }

    public FieldReader? Nested(string name, bool required)
    {
        if (!TryGet(name, out var value))
        {
            if (required)
            {
                Fail(name, "is required");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Fail(name, $"must be an object, not {Describe(value.ValueKind)}");
            return null;
        }

        return new FieldReader(value, Path(name), violations);
    }

    public IReadOnlyList<string>? Strings(string name, int maxItems, int maxLength)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail(name, $"must be an array, not {Describe(value.ValueKind)}");
            return null;
        }

        var count = value.GetArrayLength();
        if (count > maxItems)
        {
            Fail(name, $"must have at most {maxItems} items (has {count})");
            return null;
        }

        var items = new List<string>(count);
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || item.GetString() is not { } text || text.Length > maxLength || text.Any(char.IsControl))
            {
                Fail($"{name}[{index}]", $"must be a string of at most {maxLength} characters without control characters");
                return null;
            }

            items.Add(text);
            index++;
        }

        return items;
    }

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
