using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using CommandCenter.Domain.Alarms;
using CommandCenter.Domain.Geo;

namespace CommandCenter.Feeds.Ingest;

/// <summary>
/// What a CAP alert says about one device alarm: the device (our <c>deviceId</c> parameter, else the sender), the kind
/// when our <c>alarmKind</c> parameter names it (else <see cref="Event"/> and <see cref="Categories"/> are mapped), the
/// codes it gives for its place (our <c>jurisdiction</c> parameter, then every <c>area/geocode</c> value) and the centre of
/// its area's circle or polygon.
/// </summary>
public sealed record CapAlert(string Identifier, DateTimeOffset Sent, bool Cancel, string DeviceId, string? Kind, string Event,
    IReadOnlyList<string> Categories, AlarmSeverity Severity, string Description, IReadOnlyList<string> Codes, GeoPoint? Location);

/// <summary>
/// Reads a CAP 1.2 alert (<c>urn:oasis:names:tc:emergency:cap:1.2</c>), standard or as our IoT platforms send it:
/// <c>identifier</c>, <c>sender</c>, <c>sent</c>, <c>msgType</c> (Alert/Update, or Cancel to clear), and in the first
/// <c>info</c>: <c>category</c>s, <c>event</c>, <c>severity</c>, <c>description</c>, optional <c>parameter</c>s
/// <c>deviceId</c>, <c>alarmKind</c> and <c>jurisdiction</c>, and <c>area</c>s with a <c>circle</c> ("lat,lon radius"), a
/// <c>polygon</c> ("lat,lon lat,lon …", its centroid is the place) and <c>geocode</c>s. No DTDs or external entities are
/// read; size and depth are bounded.
/// </summary>
public static class CapAlertReader
{
    public static readonly XNamespace Cap = "urn:oasis:names:tc:emergency:cap:1.2";

    public static bool IsXml(string? contentType) =>
        contentType is not null && contentType.Split(';')[0].Trim().ToLowerInvariant() is "application/xml" or "text/xml" or "application/cap+xml";

    public static (CapAlert? Alert, IngestRejection? Rejection) Read(byte[] body, DateTimeOffset now)
    {
        XDocument document;
        try
        {
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersInDocument = 1_000_000,
                MaxCharactersFromEntities = 0,
                IgnoreComments = true,
            };
            using var stream = new MemoryStream(body);
            using var reader = XmlReader.Create(stream, settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            return (null, IngestRejection.Malformed("$", $"invalid XML at line {ex.LineNumber}, position {ex.LinePosition}: {ex.Message.Split(" Line ", 2)[0]}"));
        }

        var alert = document.Root;
        if (alert is null || alert.Name != Cap + "alert")
        {
            return (null, IngestRejection.Invalid([new("alert", "the root must be a CAP 1.2 <alert> in urn:oasis:names:tc:emergency:cap:1.2")]));
        }

        if (alert.DescendantsAndSelf().Any(e => e.Ancestors().Count() > 8))
        {
            return (null, IngestRejection.Invalid([new("alert", "is nested deeper than CAP allows")]));
        }

        var violations = new List<IngestViolation>();
        string Text(XElement? parent, string name, int max, bool required = true)
        {
            var value = parent?.Element(Cap + name)?.Value.Trim();
            if (string.IsNullOrEmpty(value))
            {
                if (required)
                {
                    violations.Add(new(name, "is required"));
                }

                return "";
            }

            if (value.Length > max || value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
            {
                violations.Add(new(name, $"must be at most {max} characters without control characters"));
                return "";
            }

            return value;
        }

        var identifier = Text(alert, "identifier", 64);
        var sender = Text(alert, "sender", 128, required: false);
        var sentText = Text(alert, "sent", 40);
        var msgType = Text(alert, "msgType", 16);
        var info = alert.Element(Cap + "info");
        if (info is null)
        {
            violations.Add(new("info", "is required"));
        }

        var parameters = info?.Elements(Cap + "parameter")
            .Select(p => (Name: p.Element(Cap + "valueName")?.Value.Trim() ?? "", Value: p.Element(Cap + "value")?.Value.Trim() ?? ""))
            .GroupBy(p => p.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal) ?? [];
        // The device is our parameter's, else the sender (a standard alert's platform or detector), kept to the device-id alphabet.
        var device = parameters.GetValueOrDefault("deviceId")
            ?? new string([.. sender.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' ? c : '_')]);
        if (device.Length is 0 or > 64 || !device.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
        {
            violations.Add(new("info.parameter[deviceId]", "is required (or a sender): letters, digits, '-', '_', '.' or ':' (at most 64)"));
        }

        DateTimeOffset sent = default;
        if (sentText.Length > 0 && (!DateTimeOffset.TryParse(sentText, CultureInfo.InvariantCulture, DateTimeStyles.None, out sent) ||
            sent > now + TimeSpan.FromMinutes(5) || sent < now - TimeSpan.FromDays(7)))
        {
            violations.Add(new("sent", "must be a CAP time (2026-11-23T08:30:00+08:00) within the last 7 days and not ahead"));
        }

        if (msgType.Length > 0 && msgType is not ("Alert" or "Update" or "Cancel"))
        {
            violations.Add(new("msgType", $"must be Alert, Update or Cancel (is '{msgType}')"));
        }

        var severityText = Text(info, "severity", 16);
        AlarmSeverity severity = AlarmSeverity.Indeterminate;
        if (severityText.Length > 0)
        {
            severity = severityText switch
            {
                "Extreme" => AlarmSeverity.Critical,
                "Severe" => AlarmSeverity.Major,
                "Moderate" => AlarmSeverity.Minor,
                "Minor" => AlarmSeverity.Warning,
                "Unknown" => AlarmSeverity.Indeterminate,
                _ => (AlarmSeverity)(-1),
            };
            if ((int)severity < 0)
            {
                violations.Add(new("info.severity", $"must be Extreme, Severe, Moderate, Minor or Unknown (is '{severityText}')"));
            }
        }

        var description = Text(info, "description", 500, required: false);
        var capEvent = Text(info, "event", 100, required: false);
        var categories = info?.Elements(Cap + "category").Select(c => c.Value.Trim()).Where(c => c.Length is > 0 and <= 20).Take(12).ToList() ?? [];
        var areas = info?.Elements(Cap + "area").Take(16).ToList() ?? [];
        var codes = new List<string>();
        if (parameters.GetValueOrDefault("jurisdiction") is { Length: > 0 } named)
        {
            codes.Add(named);
        }

        codes.AddRange(areas.SelectMany(a => a.Elements(Cap + "geocode")).Select(g => g.Element(Cap + "value")?.Value.Trim() ?? "")
            .Where(v => v.Length is > 0 and <= 32).Take(32));
        var location = CapArea.Centre(areas, violations);
        if (violations.Count > 0)
        {
            return (null, IngestRejection.Invalid(violations));
        }

        return (new CapAlert(identifier, sent, msgType == "Cancel", device, parameters.GetValueOrDefault("alarmKind"), capEvent, categories, severity,
            description.Length > 0 ? description : capEvent, codes, location), null);
    }
}
