using System.Text.Json;
using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Events;
using CommandCenter.Domain.Geo;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.WorkOrders;

namespace CommandCenter.Feeds.Ingest;

/// <summary>
/// <c>POST /api/ingest/tickets</c>: hotline (12345) and grid-member reports. The source's own ticket id, when
/// given, becomes the work order's id within the source (<c>{source}.{id}</c>, <see cref="SourceScope"/>), so a resent
/// ticket is the same order (deduplicated), not a second one, and another source's ticket of the same number is another
/// order. A ticket with a location and no jurisdiction is placed in the grid its point lies in (<see cref="Place"/>).
/// </summary>
public sealed partial class TicketParser(Reference.ReferenceBook reference, TimeProvider time,
    Microsoft.Extensions.Logging.ILogger<TicketParser>? logger = null) : JsonIngestParser
{
    public const int TitleLength = 60;

    public override string Feed => "tickets";

    public IngestOutcome Parse(JsonElement root, string sourceName) => Parse(new IngestInput([], "application/json", sourceName), root);

    protected override IngestOutcome Read(FieldReader fields, IngestInput input)
    {
        var sourceName = input.Source;
        var violations = fields.Violations;
        var now = input.AsOf ?? time.GetUtcNow();
        var id = fields.Text("id", required: false, 64);
        WorkOrderId? orderId = null;
        if (id is not null)
        {
            if (id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') && WorkOrderId.TryFrom(SourceScope.Of(sourceName, id), out var parsed, out _))
            {
                orderId = parsed;
            }
            else
            {
                fields.Fail("id", "must be 1–64 letters, digits, '-' or '_'");
            }
        }

        var source = fields.Enum<WorkOrderSource>("source", required: true);
        var kind = fields.Enum<WorkOrderKind>("kind", required: true);
        var category = Category(fields);
        var urgency = fields.Enum<Urgency>("urgency", required: false, fallback: Urgency.Normal);
        var description = fields.Text("description", required: true, 4000, multiline: true);
        var title = fields.Text("title", required: false, TitleLength);
        var location = Location(fields, "location");
        var member = Member(fields);
        // A grid member's patrol report (巡查上报) without a place of its own is an order in the member's grid.
        var scope = member is not null && location is null && !fields.TryGet("jurisdiction", out _)
            ? member.Grid
            : Place(fields, "jurisdiction", location, "location", input.Source);
        var address = fields.Text("address", required: false, 200);
        var reporter = Reporter(fields) ?? (member is null ? null : $"网格员 {member.Name} {member.Phone}");
        var media = Media(fields);
        var reportedAt = fields.Timestamp("reportedAt", required: false, now, TimeSpan.FromDays(30), TimeSpan.FromMinutes(5)) ?? now;
        var matter = Matter(fields, category, now);

        if (violations.Count > 0)
        {
            return IngestOutcome.Rejected(IngestRejection.Invalid(violations));
        }

        var workOrder = orderId ?? WorkOrderId.From(SourceScope.Of(sourceName, $"T{now:yyyyMMddHHmmss}{Guid.NewGuid().ToString("N")[..6]}"));
        var report = new WorkOrderReport(workOrder, kind!.Value, source!.Value, category!.Value, urgency ?? Urgency.Normal,
            title ?? TitleOf(description!), scope!.Value, location, address, reporter, description, media, Matter: matter);
        return IngestOutcome.Accepted(new FeedEvent($"{workOrder.Value}-report", sourceName, reportedAt, scope.Value,
            new WorkOrderReported(report)));
    }

    /// <summary>The first line of the description, shortened to what a wall row shows.</summary>
    public static string TitleOf(string description)
    {
        var line = description.Trim().Split('\n', 2)[0].Trim();
        return line.Length <= TitleLength ? line : line[..(TitleLength - 1)] + "…";
    }

    private CategoryCode? Category(FieldReader fields)
    {
        var text = fields.Text("category", required: true, 16);
        if (text is null)
        {
            return null;
        }

        if (!CategoryCode.TryFrom(text, out var code, out var error))
        {
            fields.Fail("category", error);
            return null;
        }

        if (reference.Current.Data.Categories.Find(code) is null)
        {
            fields.Fail("category", $"'{text}' is not in the category catalogue");
            return null;
        }

        return code;
    }

    /// <summary>The center's own jurisdiction (the root), for feeds that cover it all.</summary>
    internal JurisdictionCode Root => reference.Current.Data.Tree.Root.Code;

    /// <summary>The jurisdiction if it is one of this center's.</summary>
    internal Jurisdiction? Find(JurisdictionCode code) => reference.Current.Data.Tree.Find(code);

    internal JurisdictionCode? Jurisdiction(FieldReader fields, string name, bool required = true)
    {
        var text = fields.Text(name, required, 32);
        if (text is null)
        {
            return null;
        }

        if (!JurisdictionCode.TryFrom(text, out var code, out var error))
        {
            fields.Fail(name, error);
            return null;
        }

        if (reference.Current.Data.Tree.Find(code) is null)
        {
            fields.Fail(name, $"'{text}' is not a jurisdiction of this center");
            return null;
        }

        return code;
    }

    /// <summary>
    /// Where an item is (网格定位): the jurisdiction it names, or else the grid its location lies in by point-in-polygon (a
    /// point on a border between grids goes to the lowest grid code). A code and a point that disagree: the code wins and
    /// the mismatch is logged. Neither, or a point outside every grid: refused, saying so.
    /// </summary>
    internal JurisdictionCode? Place(FieldReader fields, string codeName, GeoPoint? location, string locationName, string source)
    {
        if (fields.TryGet(codeName, out _))
        {
            var code = Jurisdiction(fields, codeName);
            if (code is { } named)
            {
                NoteDisagreement(named, location, source);
            }

            return code;
        }

        if (location is { } point)
        {
            return LocateOrFail(fields, locationName, point);
        }

        if (!fields.TryGet(locationName, out _))
        {
            fields.Fail(codeName, $"is required, or a {locationName} inside one of the center's grids");
        }

        return null;
    }

    /// <summary>Logs an item whose named code and point disagree (the code wins).</summary>
    internal void NoteDisagreement(JurisdictionCode named, GeoPoint? location, string source)
    {
        if (location is { } at && reference.Current.Locator.Locate(at.Latitude, at.Longitude) is { } grid && !named.Contains(grid) && !grid.Contains(named))
        {
            LogDisagreement(source, named, grid, at.Latitude, at.Longitude);
        }
    }

    /// <summary>The grid the point lies in, or a violation naming the field when it lies outside them all.</summary>
    internal JurisdictionCode? LocateOrFail(FieldReader fields, string name, GeoPoint point)
    {
        var edition = reference.Current;
        if (edition.Locator.Locate(point.Latitude, point.Longitude) is { } grid)
        {
            return grid;
        }

        fields.Fail(name, System.FormattableString.Invariant(
            $"({point.Latitude:0.######}, {point.Longitude:0.######}) lies outside every grid of {edition.Data.Tree.Root.Name}; give a jurisdiction code or a point inside"));
        return null;
    }

    /// <summary>The grid a point lies in (null when outside them all).</summary>
    internal JurisdictionCode? Locate(GeoPoint point) => reference.Current.Locator.Locate(point.Latitude, point.Longitude);

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Warning,
        Message = "An item from {Source} names {Code} but its point ({Latitude}, {Longitude}) lies in grid {Grid}; placed by the code")]
    private static partial void LogDisagreement(Microsoft.Extensions.Logging.ILogger logger, string source, JurisdictionCode code, JurisdictionCode grid, double latitude, double longitude);

    private void LogDisagreement(string source, JurisdictionCode code, JurisdictionCode grid, double latitude, double longitude)
    {
        if (logger is not null)
        {
            LogDisagreement(logger, source, code, grid, latitude, longitude);
        }
    }

    internal static GeoPoint? Location(FieldReader fields, string name)
    {
        var position = fields.Nested(name, required: false);
        if (position is null)
        {
            return null;
        }

        var lat = position.Number("lat", required: true, -90, 90);
        var lon = position.Number("lon", required: true, -180, 180);
        return lat is { } la && lon is { } lo ? new GeoPoint(la, lo) : null;
    }

    /// <summary><c>memberId</c>: the grid member who reports, from the registry (<c>grid-members.csv</c>).</summary>
    private Domain.GridMembers.GridMember? Member(FieldReader fields)
    {
        if (fields.Text("memberId", required: false, 64) is not { } id)
        {
            return null;
        }

        var member = reference.Current.Data.FindMember(id);
        if (member is null)
        {
            fields.Fail("memberId", $"'{id}' is not in the grid-member registry");
        }

        return member;
    }

    private static string? Reporter(FieldReader fields)
    {
        var reporter = fields.Nested("reporter", required: false);
        if (reporter is null)
        {
            return null;
        }

        var name = reporter.Text("name", required: false, 40);
        var phone = reporter.Text("phone", required: false, 20);
        if (phone is not null && !phone.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or ' '))
        {
            reporter.Fail("phone", "must contain only digits, '+', '-' and spaces");
            return null;
        }

        var contact = string.Join(' ', new[] { name, phone }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return contact.Length == 0 ? null : contact;
    }

    private static IReadOnlyList<string>? Media(FieldReader fields)
    {
        var urls = fields.Strings("media", maxItems: 20, maxLength: 1000);
        if (urls is null)
        {
            return null;
        }

        for (var i = 0; i < urls.Count; i++)
        {
            if (!Uri.TryCreate(urls[i], UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                fields.Fail($"media[{i}]", "must be an absolute http or https URL");
                return null;
            }
        }

        return urls;
    }
}
