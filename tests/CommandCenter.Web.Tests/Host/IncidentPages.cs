using System.Net.Http.Json;
using System.Text.Json;

namespace CommandCenter.Web.Tests.Host;

/// <summary>Reads every page of <c>GET /api/incidents</c>, following each page's <c>next</c> cursor.</summary>
internal static class IncidentPages
{
    public static async Task<List<JsonElement>> AllAsync(HttpClient client, string query, CancellationToken cancellationToken = default)
    {
        var all = new List<JsonElement>();
        string? next = null;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>(
                $"/api/incidents?{query}&limit=1000{(next is null ? "" : "&after=" + Uri.EscapeDataString(next))}", cancellationToken);
            all.AddRange(page.GetProperty("incidents").EnumerateArray());
            next = page.GetProperty("next").ValueKind == JsonValueKind.String ? page.GetProperty("next").GetString() : null;
        }
        while (next is not null);

        return all;
    }
}
