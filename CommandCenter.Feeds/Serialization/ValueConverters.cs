using System.Text.Json;
using System.Text.Json.Serialization;
using CommandCenter.Domain.Cameras;
using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Geo;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.WorkOrders;

namespace CommandCenter.Feeds.Serialization;

/// <summary>A strongly typed id written as its string and checked by its own <c>From</c> on the way in.</summary>
internal sealed class CodeConverter<T>(Func<string?, T> from, Func<T, string> text) : JsonConverter<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected a string for {typeof(T).Name}, got {reader.TokenType}");
        }

        try
        {
            return from(reader.GetString());
        }
        catch (FormatException ex)
        {
            throw new JsonException(ex.Message, ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(text(value));
}

/// <summary>A position as <c>{"lat": 31.3, "lon": 120.5}</c>.</summary>
internal sealed class GeoPointConverter : JsonConverter<GeoPoint>
{
    public override GeoPoint Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("expected a position object {\"lat\": …, \"lon\": …}");
        }

        double? lat = null, lon = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "lat": lat = reader.GetDouble(); break;
                case "lon": lon = reader.GetDouble(); break;
                default: reader.Skip(); break;
            }
        }

        if (lat is null || lon is null)
        {
            throw new JsonException("a position needs both lat and lon");
        }

        try
        {
            return new GeoPoint(lat.Value, lon.Value);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new JsonException(ex.Message, ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, GeoPoint value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("lat", value.Latitude);
        writer.WriteNumber("lon", value.Longitude);
        writer.WriteEndObject();
    }
}

/// <summary>The converters that write the domain's codes and positions as plain JSON values.</summary>
public static class ValueConverters
{
    /// <summary>Adds the converters to <paramref name="options"/> (before it is first used).</summary>
    public static JsonSerializerOptions WithDomainValues(this JsonSerializerOptions options)
    {
        foreach (var converter in All)
        {
            options.Converters.Add(converter);
        }

        return options;
    }

    public static IEnumerable<JsonConverter> All =>
    [
        new CodeConverter<JurisdictionCode>(JurisdictionCode.From, c => c.Value),
        new CodeConverter<WorkOrderId>(WorkOrderId.From, c => c.Value),
        new CodeConverter<CategoryCode>(CategoryCode.From, c => c.Value),
        new CodeConverter<CameraId>(CameraId.From, c => c.Value),
        new GeoPointConverter(),
        new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false),
    ];
}
