using System.Text.Json;
using System.Text.Json.Serialization;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Jurisdictions;

namespace CommandCenter.Feeds.Serialization;

/// <summary>
/// The JSON form of a feed event, used by the store and the bus:
/// <c>{"id", "source", "kind", "occurredAt", "scope", "payload": {…}}</c>, the payload's shape chosen by kind.
/// </summary>
public static class FeedEventJson
{
    private static readonly Dictionary<FeedEventKind, Type> PayloadTypes = new()
    {
        [FeedEventKind.WorkOrderReported] = typeof(WorkOrderReported),
        [FeedEventKind.WorkOrderActed] = typeof(WorkOrderActed),
        [FeedEventKind.AlarmRaised] = typeof(AlarmRaised),
        [FeedEventKind.AlarmCleared] = typeof(AlarmCleared),
        [FeedEventKind.AlarmAcknowledged] = typeof(AlarmAcknowledged),
        [FeedEventKind.DutyShiftPosted] = typeof(DutyShiftPosted),
        [FeedEventKind.DroneTelemetry] = typeof(DroneTelemetryReceived),
        [FeedEventKind.CrowdFrame] = typeof(CrowdFrameObserved),
        [FeedEventKind.CameraStatus] = typeof(CameraStatusChanged),
        [FeedEventKind.CameraRegistered] = typeof(CameraRegistered),
        [FeedEventKind.ReferenceImported] = typeof(ReferenceImported),
        [FeedEventKind.GridMemberPatrolled] = typeof(GridMemberPatrolled),
        [FeedEventKind.GridTaskAssigned] = typeof(GridTaskAssigned),
        [FeedEventKind.GridTaskDone] = typeof(GridTaskDone),
    };

    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize(FeedEvent feedEvent) => JsonSerializer.Serialize(feedEvent, Options);

    public static string SerializePayload(FeedPayload payload) => JsonSerializer.Serialize(payload, payload.GetType(), Options);

    /// <summary>Reads an event; throws <see cref="JsonException"/> naming what is wrong.</summary>
    public static FeedEvent Deserialize(string json) =>
        JsonSerializer.Deserialize<FeedEvent>(json, Options) ?? throw new JsonException("the event is null");

    public static FeedPayload DeserializePayload(FeedEventKind kind, string json) =>
        (FeedPayload)(JsonSerializer.Deserialize(json, PayloadTypes[kind], Options) ?? throw new JsonException("the payload is null"));

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            MaxDepth = 16,
        };
        foreach (var converter in ValueConverters.All)
        {
            options.Converters.Add(converter);
        }

        options.Converters.Add(new EnvelopeConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed class EnvelopeConverter : JsonConverter<FeedEvent>
    {
        /// <summary>
        /// One pass over the envelope: the payload is read straight into its type when its kind came first (as the store
        /// and the bus write it, and as PostgreSQL's jsonb orders keys), and held as an element only when it did not.
        /// </summary>
        public override FeedEvent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("an event must be a JSON object");
            }

            string? id = null, source = null, kindText = null, scopeText = null;
            DateTimeOffset? occurredAt = null;
            Type? payloadType = null;
            FeedPayload? payload = null;
            JsonElement? heldPayload = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                if (reader.ValueTextEquals("payload"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        continue;
                    }

                    if (payloadType is null)
                    {
                        heldPayload = JsonElement.ParseValue(ref reader);
                    }
                    else
                    {
                        payload = ReadPayload(ref reader, payloadType, options);
                    }

                    continue;
                }

                var name = reader.ValueTextEquals("id"u8) ? 1 : reader.ValueTextEquals("source"u8) ? 2 : reader.ValueTextEquals("kind"u8) ? 3
                    : reader.ValueTextEquals("occurredAt"u8) ? 4 : reader.ValueTextEquals("scope"u8) ? 5 : 0;
                reader.Read();
                if (name == 0 || reader.TokenType == JsonTokenType.Null)
                {
                    reader.Skip();
                    continue;
                }

                switch (name)
                {
                    case 1: id = reader.GetString(); break;
                    case 2: source = reader.GetString(); break;
                    case 3:
                        kindText = reader.GetString();
                        payloadType = PayloadTypeOf(kindText);
                        break;
                    case 4: occurredAt = reader.GetDateTimeOffset(); break;
                    default: scopeText = reader.GetString(); break;
                }
            }

            if (kindText is null)
            {
                throw new JsonException("kind: is required");
            }

            payloadType ??= PayloadTypeOf(kindText);
            if (payload is null && heldPayload is { } held)
            {
                var json = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(held.GetRawText()));
                json.Read();
                payload = ReadPayload(ref json, payloadType, options);
            }

            if (payload is null)
            {
                throw new JsonException("payload: is required");
            }

            if (!JurisdictionCode.TryFrom(scopeText ?? throw new JsonException("scope: is required"), out var scope, out var scopeError))
            {
                throw new JsonException($"scope: {scopeError}");
            }

            return new FeedEvent(id ?? throw new JsonException("id: is required"), source ?? throw new JsonException("source: is required"),
                occurredAt ?? throw new JsonException("occurredAt: is required"), scope, payload);
        }

        private static Type PayloadTypeOf(string? kindText) =>
            Enum.TryParse<FeedEventKind>(kindText, ignoreCase: true, out var kind) && PayloadTypes.TryGetValue(kind, out var type)
                ? type
                : throw new JsonException($"kind: unknown event kind '{kindText}'");

        private static FeedPayload ReadPayload(ref Utf8JsonReader reader, Type payloadType, JsonSerializerOptions options)
        {
            try
            {
                return (FeedPayload?)JsonSerializer.Deserialize(ref reader, payloadType, options) ?? throw new JsonException("payload: is null");
            }
            catch (JsonException ex) when (ex.Path is not null)
            {
                throw new JsonException($"payload{ex.Path.TrimStart('$')}: {ex.Message}", ex);
            }
        }

        public override void Write(Utf8JsonWriter writer, FeedEvent value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteString("id", value.Id);
            writer.WriteString("source", value.Source);
            writer.WriteString("kind", JsonNamingPolicy.CamelCase.ConvertName(value.Kind.ToString()));
            writer.WriteString("occurredAt", value.OccurredAt);
            writer.WriteString("scope", value.Scope.Value);
            writer.WritePropertyName("payload");
            JsonSerializer.Serialize(writer, value.Payload, value.Payload.GetType(), options);
            writer.WriteEndObject();
        }
    }
}
