using System.Globalization;
using CommandCenter.Domain.Alarms;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Jurisdictions;

namespace CommandCenter.Feeds.Ingest;

/// <summary>
/// <c>POST /api/ingest/alarms</c> and MQTT <c>cc/alarms/#</c>: an IoT platform's device alarm as JSON
/// (<c>{"deviceId", "kind", "severity", "state": "raised"|"cleared", "description", "jurisdiction", "location", "at",
/// "manholeKind"}</c>; <c>manholeKind</c> is what runs beneath a manhole cover, filing its order under that cover's own
/// category) or as a CAP 1.2 alert (see <see cref="CapAlertReader"/>). Alarm rules add a work order for the kinds that open one.
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
        var location = TicketParser.Location(fields, "location");
        var scope = places.Place(fields, "jurisdiction", location, "location", input.Source);
        var at = fields.Timestamp("at", required: false, now, TimeSpan.FromDays(7), TimeSpan.FromMinutes(5)) ?? now;
        var messageId = fields.Text("id", required: false, 64);
        var manhole = fields.Text("manholeKind", required: false, 16);
        Domain.Categories.CategoryCode? category = null;
        if (manhole is not null)
        {
            if (kind is not AlarmKind.ManholeCover)
            {
                fields.Fail("manholeKind", "is for kind manholeCover only");
            }
            else if (!AlarmRules.ManholeKinds.TryGetValue(manhole, out var code))
            {
                fields.Fail("manholeKind", $"must be one of {string.Join(", ", AlarmRules.ManholeKinds.Keys)} (is '{manhole}')");
            }
            else
            {
                category = code;
            }
        }

        if (fields.Violations.Count > 0)
        {
            return IngestOutcome.Rejected(IngestRejection.Invalid(fields.Violations));
        }

        return Events(input.Source, messageId, device!, kind!.Value, severity ?? AlarmSeverity.Warning, state == "cleared", description, scope!.Value, location, at,
            category);
    }

    internal IngestOutcome Events(string source, string? messageId, string device, AlarmKind kind, AlarmSeverity severity, bool cleared,
        string description, JurisdictionCode scope, Domain.Geo.GeoPoint? location, DateTimeOffset at, Domain.Categories.CategoryCode? category = null)
    {
        var id = messageId is { Length: > 0 } m ? $"alarm-{source}-{m}"
            : $"alarm-{device}-{kind}-{(cleared ? "clear" : "raise")}-{at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}";
        // The alarm is the source's device: another platform's device of the same id is another alarm.
        var scoped = SourceScope.Of(source, device);
        FeedPayload payload = cleared ? new AlarmCleared(scoped, kind) : new AlarmRaised(scoped, kind, severity, description, location, category);
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

    /// <summary>
    /// A CAP alert: placed by the first of its codes (our parameter, then its geocodes) that is one of this center's
    /// jurisdictions, else by the grid its circle's or polygon's centre lies in; its kind from our parameter, else from its
    /// event or category through <see cref="IngestOptions.CapEvents"/>.
    /// </summary>
    private IngestOutcome FromCap(IngestInput input)
    {
        var (alert, rejection) = CapAlertReader.Read(input.Body, input.AsOf ?? time.GetUtcNow());
        if (rejection is not null)
        {
            return IngestOutcome.Rejected(rejection);
        }

        var violations = new List<IngestViolation>();
        JurisdictionCode? scope = null;
        foreach (var text in alert!.Codes)
        {
            if (JurisdictionCode.TryFrom(text, out var code, out _) && places.Find(code) is not null)
            {
                scope = code;
                places.NoteDisagreement(code, alert.Location, input.Source);
                break;
            }
        }

        if (scope is null && alert.Location is { } at)
        {
            scope = places.Locate(at);
            if (scope is null)
            {
                violations.Add(new("info.area", System.FormattableString.Invariant(
                    $"its centre ({at.Latitude:0.######}, {at.Longitude:0.######}) lies outside every grid of this center, and no geocode names one of its jurisdictions")));
            }
        }
        else if (scope is null)
        {
            violations.Add(new("info.area", alert.Codes.Count > 0
                ? $"no geocode names a jurisdiction of this center ({string.Join(", ", alert.Codes.Take(5))}), and no circle or polygon places it"
                : "gives no geocode, circle or polygon to place the alert"));
        }

        AlarmKind kind = default;
        if (alert.Kind is { } named)
        {
            if (!Enum.TryParse(named, ignoreCase: true, out kind) || !Enum.IsDefined(kind) || !named.All(char.IsAsciiLetter))
            {
                violations.Add(new("info.parameter[alarmKind]", $"must be one of {string.Join(", ", Enum.GetNames<AlarmKind>())} (is '{named}')"));
            }
        }
        else if (rules.CapKind(alert.Event, alert.Categories) is { } mapped)
        {
            kind = mapped;
        }
        else
        {
            violations.Add(new("info.event", $"'{alert.Event}' (categories {string.Join(", ", alert.Categories)}) maps to no alarm kind; configure Ingest:CapEvents"));
        }

        return violations.Count > 0
            ? IngestOutcome.Rejected(IngestRejection.Invalid(violations))
            : Events(input.Source, alert.Identifier, alert.DeviceId, kind, alert.Severity, alert.Cancel, alert.Description, scope!.Value, alert.Location, alert.Sent);
    }
}
