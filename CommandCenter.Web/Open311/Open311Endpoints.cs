using CommandCenter.Feeds.Reference;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Domain.Situation;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Feeds.Ingest;
using CommandCenter.Web.Dispatch;
using CommandCenter.Web.Live;

namespace CommandCenter.Web.Open311;

/// <summary>
/// Open311 GeoReport v2 under <c>/open311/v2/</c>, for citizen apps and city platforms that speak it: the category catalogue as
/// services, new requests (form-encoded, <c>api_key</c> of an ingest source) made into work orders through the ticket feed's
/// own normalisation, and the status of requests. <c>jurisdiction_id</c> is a jurisdiction code of this center. Errors are
/// Open311's <c>[{"code", "description"}]</c>, naming the parameter; refused requests are dead-lettered like any feed's.
/// </summary>
public static class Open311Endpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void MapOpen311(this WebApplication app)
    {
        var open311 = app.MapGroup("/open311/v2").DisableAntiforgery();
        open311.MapGet("/services.json", (ReferenceBook reference) => Results.Json(reference.Current.Data.Categories.All.OrderBy(c => c.Code.Value, StringComparer.Ordinal)
            .Select(c => new Service(c.Code.Value, c.Name, c.Name, false, "realtime", "", c.Code.Value[..2])), Json));
        open311.MapGet("/discovery.json", (HttpContext http) => Results.Json(new
        {
            changeset = Changeset,
            contact = "本中心指挥调度值班室",
            key_service = "向本中心索取 api_key(Ingest:Sources)",
            endpoints = new[]
            {
                new
                {
                    specification = "http://wiki.open311.org/GeoReport_v2", url = $"{http.Request.Scheme}://{http.Request.Host}/open311/v2",
                    changeset = Changeset, type = "production", formats = Formats,
                },
            },
        }, Json));
        open311.MapGet("/services/{code}.json", (string code, ReferenceBook reference) =>
            CategoryCode.TryFrom(code, out var parsed, out _) && reference.Current.Data.Categories.Find(parsed) is not null
                // No service asks for extra attributes (every service's metadata is false): the definition lists none.
                ? Results.Json(new { service_code = parsed.Value, attributes = Array.Empty<object>() }, Json)
                : Error(404, $"service_code: no service '{(code.Length > 16 ? code[..16] : code)}'"));
        open311.MapPost("/requests.json", PostAsync);
        open311.MapGet("/requests.json", (HttpContext http, IngestSources sources, LiveSituation live, ReferenceBook reference) =>
        {
            var q = http.Request.Query;
            if (Door(http, sources, q["api_key"], out var source) is { } refused)
            {
                return refused;
            }

            if (!JurisdictionCode.TryFrom(q["jurisdiction_id"], out var scope, out _) || reference.Current.Data.Tree.Find(scope) is null)
            {
                return Error(400, "jurisdiction_id: required, a jurisdiction code of this center");
            }

            if (!sources.Covers(source!, scope))
            {
                return Error(403, $"jurisdiction_id: this client may read only its own jurisdictions, not {scope}");
            }

            var ids = q["service_request_id"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            var codes = q["service_code"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            var status = q["status"].ToString();
            if (status.Length > 0 && status is not ("open" or "closed"))
            {
                return Error(400, "status: must be open or closed");
            }

            var (from, fromError) = Date(q["start_date"], "start_date");
            var (to, toError) = Date(q["end_date"], "end_date");
            if ((fromError ?? toError) is { } dateError)
            {
                return dateError;
            }

            // Asked by id: those orders only. Else the open ones newest first, read until the start date or 1,000 matches.
            var candidates = ids.Count > 0
                ? ids.Select(id => WorkOrderId.TryFrom(id, out var orderId, out _) ? live.CardOf(orderId) : null)
                    .OfType<WorkOrderCard>().Where(c => scope.Contains(c.Scope))
                : live.OpenCards(scope).TakeWhile(c => from is null || c.ReportedAt >= from).Concat(live.AwaitingEvaluation(scope));
            var cards = candidates
                .Where(c => ids.Count == 0 || ids.Contains(c.Id.Value))
                .Where(c => codes.Count == 0 || codes.Contains(c.Category.Value ?? ""))
                .Where(c => status.Length == 0 || StatusOf(c) == status)
                .Where(c => (from is null || c.ReportedAt >= from) && (to is null || c.ReportedAt < to))
                .Take(1000);
            return Results.Json(cards.Select(c => RequestOf(c, reference.Current.Data)), Json);
        });
        open311.MapGet("/requests/{id}.json", (HttpContext http, string id, IngestSources sources, LiveSituation live, ReferenceBook reference) =>
        {
            if (Door(http, sources, http.Request.Query["api_key"], out var source) is { } refused)
            {
                return refused;
            }

            // Another jurisdiction's request is as unknown as a request that does not exist.
            return WorkOrderId.TryFrom(id, out var orderId, out _) && live.CardOf(orderId) is { } card && sources.Covers(source!, card.Scope)
                ? Results.Json(new[] { RequestOf(card, reference.Current.Data) }, Json)
                : Error(404, $"service_request_id: no request '{(id.Length > 64 ? id[..64] : id)}'");
        });
    }

    /// <summary>
    /// The same door as the ingest endpoints: a known key, then that source's rate limit (an unknown key is limited by
    /// address). Returns the refusal, or null with the source.
    /// </summary>
    private static IResult? Door(HttpContext http, IngestSources sources, string? apiKey, out string? source)
    {
        source = sources.Authenticate(apiKey);
        if (!sources.TryAcquire(source ?? $"ip:{http.Connection.RemoteIpAddress}"))
        {
            http.Response.Headers.RetryAfter = "1";
            return Error(429, "api_key: this client is sending faster than it may; slow down");
        }

        return source is null ? Error(401, "api_key: must be the key issued to this client") : null;
    }

    /// <summary>Anything else under <c>/open311</c>: Open311's own error shape, never the people's not-found page.</summary>
    public static void MapOpen311Fallback(this WebApplication app) =>
        app.MapFallback("/open311/{**rest}", (HttpContext http) => Error(404, $"no Open311 resource at '{http.Request.Path}'"));

    private static readonly string[] Formats = ["application/json"];

    private static readonly DateTimeOffset Changeset = new(2026, 12, 2, 0, 0, 0, TimeSpan.FromHours(8));

    private static async Task<IResult> PostAsync(HttpContext http, IngestSources sources, IngestPipeline pipeline, ReferenceBook reference)
    {
        // Before the key is known nothing is kept: an unauthenticated caller writes nothing to the store.
        if (!http.Request.HasFormContentType)
        {
            return Error(415, "Content-Type: must be application/x-www-form-urlencoded");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var raw = System.Text.Encoding.UTF8.GetBytes(string.Join('&', form.Select(f => $"{f.Key}={(f.Key == "api_key" ? "***" : f.Value.ToString())}")));
        if (Door(http, sources, form["api_key"], out var source) is { } refused)
        {
            return refused;
        }

        if (!sources.MayPost(source!, "tickets"))
        {
            return Error(403, $"api_key: this client may not post requests (source '{source}' is not allowed the tickets feed)");
        }

        // The ticket feed's own normalisation, from Open311's names to ours.
        var code = form["service_code"].ToString();
        var ticket = new JsonObject
        {
            ["source"] = "citizenQrCode",
            ["kind"] = "report",
            ["category"] = code,
            ["description"] = form["description"].ToString() is { Length: > 0 } d ? d
                : CategoryCode.TryFrom(code, out var c, out _) && reference.Current.Data.Categories.Find(c) is { } category ? category.Name : "",
        };
        if (form["jurisdiction_id"].ToString() is { Length: > 0 } jurisdiction)
        {
            ticket["jurisdiction"] = jurisdiction; // optional with lat/long: the ticket is placed in the grid its point lies in
        }

        if (form.ContainsKey("lat") || form.ContainsKey("long"))
        {
            ticket["location"] = new JsonObject { ["lat"] = Number(form["lat"]), ["lon"] = Number(form["long"]) };
        }

        if (form["address_string"].ToString() is { Length: > 0 } address)
        {
            ticket["address"] = address;
        }

        var name = $"{form["first_name"]} {form["last_name"]}".Trim();
        var phone = form["phone"].ToString();
        if (name.Length > 0 || phone.Length > 0)
        {
            ticket["reporter"] = new JsonObject { ["name"] = name.Length > 0 ? name : null, ["phone"] = phone.Length > 0 ? phone : null };
        }

        if (form["media_url"].ToString() is { Length: > 0 } media)
        {
            ticket["media"] = new JsonArray(media);
        }

        var result = await pipeline.ProcessAsync("tickets", new IngestInput(System.Text.Encoding.UTF8.GetBytes(ticket.ToJsonString()), "application/json", source!),
            http.RequestAborted);
        if (result.Rejection is { } rejection)
        {
            var renamed = rejection.Violations.Select(v => $"{Open311Name(v.Field)}: {v.Rule}");
            return Error(rejection.Status == 422 ? 400 : rejection.Status, rejection.Violations.Count == 0 ? rejection.Title : string.Join("; ", renamed));
        }

        var requestId = result.Events[0].Id[..^"-report".Length];
        return Results.Json(new[] { new { service_request_id = requestId, service_notice = "已受理,请留意办理进度", account_id = (string?)null } }, Json, statusCode: 201);
    }

    private static string Open311Name(string field) => field switch
    {
        "category" => "service_code",
        "jurisdiction" => "jurisdiction_id",
        "location.lat" => "lat",
        "location.lon" => "long",
        "location" => "lat/long",
        "address" => "address_string",
        "reporter.phone" => "phone",
        "reporter.name" => "first_name",
        "media[0]" => "media_url",
        _ => field,
    };

    private static JsonValue? Number(Microsoft.Extensions.Primitives.StringValues value) =>
        double.TryParse(value.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? JsonValue.Create(n) : JsonValue.Create(value.ToString());

    private static string StatusOf(WorkOrderCard card) => card.State.IsOpen() ? "open" : "closed";

    private static object RequestOf(WorkOrderCard c, Domain.Reference.ReferenceData reference) => new
    {
        service_request_id = c.Id.Value,
        status = StatusOf(c),
        status_notes = Components.Widgets.WallFormat.State(c.State),
        service_name = c.CategoryName,
        service_code = c.Category.Value,
        description = c.Title,
        agency_responsible = c.UnitId is { } unit ? reference.FindUnit(unit)?.Name ?? unit : null,
        requested_datetime = c.ReportedAt,
        expected_datetime = c.Deadline,
        address = $"{c.StreetName} {c.CommunityName}".Trim(),
        lat = c.Location?.Latitude,
        @long = c.Location?.Longitude,
    };

    private static (DateTimeOffset? At, IResult? Error) Date(string? text, string field) =>
        string.IsNullOrEmpty(text) ? (null, null)
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? (at, null)
        : (null, Error(400, $"{field}: must be a W3C date-time, e.g. 2026-11-23T08:00:00+08:00"));

    private static IResult Error(int code, string description) => Results.Json(new[] { new { code, description } }, Json, statusCode: code);

    private sealed record Service(string ServiceCode, string ServiceName, string Description, bool Metadata, string Type, string Keywords, string Group);
}
