using System.Globalization;
using CommandCenter.Domain.Alarms;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Jurisdictions;

namespace CommandCenter.Feeds.Ingest;

/// <summary>
/// <c>POST /api/ingest/alarms</c> and MQTT <c>cc/alarms/#</c>: an IoT platform's device alarm as JSON
/// (<c>{"deviceId", "kind", "severity", "state": "raised"|"cleared", "description", "jurisdiction", "location", "at"}</c>)
/// or as a CAP 1.2 alert (see <see cref="CapAlertReader"/>). Alarm rules add a work order for the kinds that open one.
/// </summary>
public sealed class AlarmParser(TicketParser places, AlarmRules rules, TimeProvider time) : JsonIngestParser
{
    public override string Feed => "alarms";

    public override bool Accepts(string? contentType) => IsJson(contentType) || CapAlertReader.IsXml(contentType);

    public override IngestOutcome Parse(IngestInput input) =>
        CapAlertReader.IsXml(input.ContentType) ? FromCap(input) : base.Parse(input);

    protected override IngestOutcome Read(FieldReader fields, IngestInput input)
    {
        var now = input.AsOf ?? time.GetUtcNow();
        var device = DeviceId(fields, "deviceId");
        var kind = fields.Enum<AlarmKind>("kind", required: true);
        var severity = fields.Enum<AlarmSeverity>("severity", required: false, fallback: AlarmSeverity.Warning);
        var state = fields.Text("state", required: false, 16) ?? "raised";
        if (state is not ("raised" or "cleared"))
        {
            fields.Fail("state", $"must be raised or cleared (is '{state}')");
        }

        var description = fields.Text("description", required: false, 500) ?? "";
        var scope = places.Jurisdiction(fields, "jurisdiction");
        var location = TicketParser.Location(fields, "location");
        var at = fields.Timestamp("at", required: false, now, TimeSpan.FromDays(7), TimeSpan.FromMinutes(5)) ?? now;
        var messageId = fields.Text("id", required: false, 64);
        if (fields.Violations.Count > 0)
        {
            return IngestOutcome.Rejected(IngestRejection.Invalid(fields.Violations));
        }

        return Events(input.Source, messageId, device!, kind!.Value, severity ?? AlarmSeverity.Warning, state == "cleared", description, scope!.Value, location, at);
    }

    internal IngestOutcome Events(string source, string? messageId, string device, AlarmKind kind, AlarmSeverity severity, bool cleared,
        string description, JurisdictionCode scope, Domain.Geo.GeoPoint? location, DateTimeOffset at)
    {
        var id = messageId is { Length: > 0 } m ? $"alarm-{source}-{m}"
            : $"alarm-{device}-{kind}-{(cleared ? "clear" : "raise")}-{at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}";
        // The alarm is the source's device: another platform's device of the same id is another alarm.
        var scoped = SourceScope.Of(source, device);
        FeedPayload payload = cleared ? new AlarmCleared(scoped, kind) : new AlarmRaised(scoped, kind, severity, description, location);
        return IngestOutcome.Accepted(rules.Apply(new FeedEvent(id, source, at, scope, payload)));
    }

    internal static string? DeviceId(FieldReader fields, string name)
    {
        var device = fields.Text(name, required: true, 64);
        if (device is not null && !device.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
        {
            fields.Fail(name, "must be letters, digits, '-', '_', '.' or ':'");
            return null;
        }

        return device;
    }

    private IngestOutcome FromCap(IngestInput input)
    {
        var (alert, rejection) = CapAlertReader.Read(input.Body, input.AsOf ?? time.GetUtcNow());
        if (rejection is not null)
        {
            return IngestOutcome.Rejected(rejection);
        }

        var violations = new List<IngestViolation>();
        if (!JurisdictionCode.TryFrom(alert!.Jurisdiction, out var scope, out var error) || places.Find(scope) is null)
        {
            violations.Add(new("info.parameter[jurisdiction]", error ?? $"'{alert.Jurisdiction}' is not a jurisdiction of this center"));
        }

        if (!Enum.TryParse<AlarmKind>(alert.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || !alert.Kind.All(char.IsAsciiLetter))
        {
            violations.Add(new("info.parameter[alarmKind]", $"must be one of {string.Join(", ", Enum.GetNames<AlarmKind>())} (is '{alert.Kind}')"));
        }

        return violations.Count > 0
            ? IngestOutcome.Rejected(IngestRejection.Invalid(violations))
            : Events(input.Source, alert.Identifier, alert.DeviceId, kind, alert.Severity, alert.Cancel, alert.Description, scope, alert.Location, alert.Sent);
    }
}
