using System.Net.Http.Json;

namespace CommandCenter.Web.Tests.ScaleOut;

/// <summary>Hotline tickets as an upstream system posts them to <c>/api/ingest/tickets</c>.</summary>
internal static class Tickets
{
    public const string Grid = "320505001001001";

    public static object Hotline(string id, string description = "夜间施工噪声扰民") => new
    {
        id,
        source = "hotline12345",
        kind = "complaint",
        category = "06028",
        urgency = "normal",
        description,
        jurisdiction = Grid,
        location = new { lat = 31.30, lon = 120.55 },
        reporter = new { name = "张先生", phone = "13800000000" },
    };

    public static Task<HttpResponseMessage> PostAsync(HttpClient http, object ticket, CancellationToken cancellationToken = default) =>
        http.PostAsJsonAsync("/api/ingest/tickets", ticket, cancellationToken);
}
