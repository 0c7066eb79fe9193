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
        public override FeedEvent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException("an event must be a JSON object");
            }

            var kindText = Required(root, "kind").GetString();
            if (!Enum.TryParse<FeedEventKind>(kindText, ignoreCase: true, out var kind) || !PayloadTypes.TryGetValue(kind, out var payloadType))
            {
                throw new JsonException($"kind: unknown event kind '{kindText}'");
            }

            FeedPayload payload;
            try
            {
                payload = (FeedPayload?)Required(root, "payload").Deserialize(payloadType, options)
                    ?? throw new JsonException("payload: is null");
            }
            catch (JsonException ex) when (ex.Path is not null)
            {
                throw new JsonException($"payload{ex.Path.TrimStart('$')}: {ex.Message}", ex);
            }
            if (!JurisdictionCode.TryFrom(Required(root, "scope").GetString(), out var scope, out var scopeError))
            {
                throw new JsonException($"scope: {scopeError}");
            }

            return new FeedEvent(Required(root, "id").GetString()!, Required(root, "source").GetString()!,
                Required(root, "occurredAt").GetDateTimeOffset(), scope, payload);
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

        private static JsonElement Required(JsonElement root, string name) =>
            root.TryGetProperty(name, out var element) && element.ValueKind != JsonValueKind.Null
                ? element
                : throw new JsonException($"{name}: is required");
    }
}
