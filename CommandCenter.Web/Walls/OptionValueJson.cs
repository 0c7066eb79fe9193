using System.Text.Json;
using System.Text.Json.Serialization;
using CommandCenter.Domain.WallLayouts;

namespace CommandCenter.Web.Walls;

/// <summary>A widget option in a layout file: a number, true/false, a text, or a list of names; anything else is named as wrong.</summary>
internal sealed class OptionValueJson : JsonConverter<OptionValue>
{
    public override OptionValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return new OptionValue.Number(reader.GetDouble());
            case JsonTokenType.True or JsonTokenType.False:
                return new OptionValue.Flag(reader.GetBoolean());
            case JsonTokenType.String:
                return new OptionValue.Text(reader.GetString()!);
            case JsonTokenType.StartArray:
                var names = new List<string>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    names.Add(reader.TokenType == JsonTokenType.String
                        ? reader.GetString()!
                        : throw new JsonException("an option's list holds names (strings) only"));
                }

                return new OptionValue.Names(names);
            default:
                throw new JsonException($"an option must be a number, true/false, a text or a list of names (is {reader.TokenType})");
        }
    }

    public override void Write(Utf8JsonWriter writer, OptionValue value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case OptionValue.Number n:
                writer.WriteNumberValue(n.Value);
                break;
            case OptionValue.Flag f:
                writer.WriteBooleanValue(f.Value);
                break;
            case OptionValue.Text t:
                writer.WriteStringValue(t.Value);
                break;
            case OptionValue.Names l:
                writer.WriteStartArray();
                foreach (var name in l.Values)
                {
                    writer.WriteStringValue(name);
                }

                writer.WriteEndArray();
                break;
        }
    }
}
