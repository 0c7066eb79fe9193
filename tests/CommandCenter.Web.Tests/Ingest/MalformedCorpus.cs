using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommandCenter.Feeds.Ingest;

namespace CommandCenter.Web.Tests.Ingest;

/// <summary>One malformed input: its kind, the feed it goes to, and how to build the request.</summary>
internal sealed record Malformed(string Kind, string Feed, Func<HttpRequestMessage> Request);

/// <summary>
/// A corpus of malformed inputs over many kinds, built from valid examples of every feed by breaking them one way at a
/// time (deterministic: the same corpus every run).
/// </summary>
internal static class MalformedCorpus
{
    public static IReadOnlyList<Malformed> Build(DateTimeOffset now)
    {
        var valid = ValidBodies(now);
        var corpus = new List<Malformed>();
        var random = new Random(20261123);
        foreach (var (feed, body) in valid)
        {
            var json = body.ToJsonString();
            var bytes = Encoding.UTF8.GetBytes(json);
            var fields = body.AsObject().Select(p => p.Key).ToList();

            for (var i = 0; i < 50; i++)
            {
                var cut = random.Next(1, bytes.Length - 1);
                corpus.Add(Json("truncated", feed, bytes[..cut]));
            }

            corpus.Add(Json("empty", feed, []));
            corpus.Add(Json("empty", feed, "   "u8.ToArray()));
            foreach (var junk in new[] { "{", "}", "{\"a\":}", "{'single':'quotes'}", "{\"a\":1,}", "[1,2", "nul", "{\"a\" 1}", "\u0000", "{\"a\":\"\\x\"}",
                         "{\"a\":1}{\"b\":2}", "{\"a\":01}", "{\"a\":.5}", "{\"a\":+1}", "{\"a\":0x10}", "{a:1}", "{\"a\":undefined}", "/* c */{}", "{\"a\":\"\\u12\"}", "\"unterminated" })
            {
                corpus.Add(Json("invalid-json", feed, Encoding.UTF8.GetBytes(junk)));
            }

            foreach (var literal in new[] { "NaN", "Infinity", "-Infinity" })
            {
                corpus.Add(Json("nan", feed, Encoding.UTF8.GetBytes(json.Replace("}", $",\"x\":{literal}}}", StringComparison.Ordinal))));
            }

            foreach (var root in new[] { "[]", "[{}]", "\"text\"", "42", "null", "true", "false", "-1", "1e999", "[null]", "[[]]", "\"\"" })
            {
                corpus.Add(Json("not-an-object", feed, Encoding.UTF8.GetBytes(root)));
            }

            foreach (var depth in new[] { 17, 18, 20, 32, 64, 100, 500, 1000, 5000, 20000 })
            {
                corpus.Add(Json("deep-nesting", feed, Encoding.UTF8.GetBytes(json.TrimEnd('}') + ",\"deep\":" + new string('[', depth) + new string(']', depth) + "}")));
            }

            var quotes = Enumerable.Range(0, bytes.Length).Where(i => bytes[i] == (byte)'"').ToList();
            foreach (var bad in new byte[][] { [0xC3, 0x28], [0xA0, 0xA1], [0xE2, 0x28, 0xA1], [0xF0, 0x90, 0x28, 0xBC], [0xFF], [0xED, 0xA0, 0x80] })
            {
                foreach (var at in new[] { quotes[1], quotes[3], quotes[^2] }) // just inside strings: a name, a value, the last value
                {
                    corpus.Add(Json("invalid-utf8", feed, [.. bytes[..at], .. bad, .. bytes[at..]]));
                }
            }

            foreach (var field in Required[feed])
            {
                // An item with a location is placed by it (a crowd area by its bounds): without a jurisdiction it must lack a
                // location too, or lie outside every grid, to be placeless.
                var missing = Without(body, field);
                corpus.Add(Json("missing-field", feed, (field, feed) switch
                {
                    ("jurisdiction", "crowd") => With(missing, "bounds", new JsonObject { ["south"] = 10.0, ["west"] = 10.0, ["north"] = 10.002, ["east"] = 10.003 }),
                    ("jurisdiction", _) => Without(missing, "location"),
                    _ => missing,
                }));
            }

            foreach (var field in fields)
            {
                foreach (var wrong in new JsonNode?[] { JsonValue.Create(12345), JsonValue.Create(true), new JsonArray(), new JsonObject() })
                {
                    if (body[field] is JsonValue v && v.GetValueKind() == wrong?.GetValueKind())
                    {
                        continue;
                    }

                    corpus.Add(Json("wrong-type", feed, With(body, field, wrong)));
                }

                if (body[field] is JsonValue s && s.GetValueKind() == JsonValueKind.String)
                {
                    corpus.Add(Json("huge-string", feed, With(body, field, new string('长', 100_000))));
                    corpus.Add(Json("huge-string", feed, With(body, field, new string('x', 5000))));
                    foreach (var control in new[] { "abc\u0007\u001b[31m", "\u0000", "a\u0008b", "\u001f\u007f" })
                    {
                        corpus.Add(Json("control-characters", feed, With(body, field, control)));
                    }
                }
                else if (body[field] is JsonValue n && n.GetValueKind() == JsonValueKind.Number)
                {
                    corpus.Add(Json("wrong-type", feed, With(body, field, n.ToJsonString())));
                }
            }

            corpus.Add(new Malformed("wrong-content-type", feed, () => Request(feed, bytes, "text/plain")));
            corpus.Add(new Malformed("wrong-content-type", feed, () => Request(feed, bytes, "application/x-www-form-urlencoded")));
            corpus.Add(new Malformed("wrong-content-type", feed, () => Request(feed, bytes, null)));
            corpus.Add(new Malformed("missing-key", feed, () => Request(feed, bytes, "application/json", key: null)));
            corpus.Add(new Malformed("wrong-key", feed, () => Request(feed, bytes, "application/json", key: "not-the-key")));
            corpus.Add(new Malformed("bad-signature", feed, () => Signed(feed, bytes, $"msg-bad-{Guid.NewGuid():N}", now, tamper: true)));
            corpus.Add(new Malformed("stale-signature", feed, () => Signed(feed, bytes, $"msg-old-{Guid.NewGuid():N}", now.AddMinutes(-20))));
            corpus.Add(new Malformed("unknown-feed", feed + "x", () => Request(feed + "x", bytes, "application/json")));
        }

        corpus.AddRange(Specific(now));
        corpus.Add(new Malformed("too-large", "tickets", () => Request("tickets", new byte[10 * 1024 * 1024], "application/json")));
        corpus.Add(new Malformed("too-large", "alarms", () => Request("alarms", Encoding.UTF8.GetBytes("{\"description\":\"" + new string('x', 2 * 1024 * 1024) + "\"}"), "application/json")));
        return corpus;
    }

    /// <summary>Breaks that need the meaning of a field: ranges, enums, swapped and far-off values, huge arrays, XML attacks.</summary>
    private static IEnumerable<Malformed> Specific(DateTimeOffset now)
    {
        var v = ValidBodies(now).ToDictionary(x => x.Feed + (x.Body["type"]?.GetValue<string>() ?? ""), x => x.Body);
        foreach (var (lat, lon) in new[] { (120.55, 31.30), (91.0, 120.0), (-91.0, 0.0), (31.0, 181.0), (31.0, -180.5), (1e308, 1.0) })
        {
            yield return Json("out-of-range-coordinates", "drones", With(With(v["drones"], "lat", lat), "lon", lon));
            yield return Json("out-of-range-coordinates", "tickets", With(v["tickets"], "location", new JsonObject { ["lat"] = lat, ["lon"] = lon }));
        }

        yield return Json("swapped-coordinates", "crowd", With(v["crowd"], "bounds", new JsonObject { ["south"] = 31.302, ["west"] = 120.560, ["north"] = 31.300, ["east"] = 120.563 }));
        foreach (var days in new[] { 1, 30, 365, 3650 })
        {
            var future = now.AddDays(days).ToString("O", CultureInfo.InvariantCulture);
            yield return Json("far-future-timestamp", "alarms", With(v["alarms"], "at", future));
            yield return Json("far-future-timestamp", "drones", With(v["drones"], "at", future));
            yield return Json("far-future-timestamp", "tickets", With(v["tickets"], "reportedAt", future));
            yield return Json("far-past-timestamp", "alarms", With(v["alarms"], "at", now.AddDays(-days * 30).ToString("O", CultureInfo.InvariantCulture)));
            yield return Json("bad-timestamp", "video", With(v["videodetection"], "at", $"yesterday {days}"));
        }

        foreach (var (feed, field, value) in new[] { ("alarms", "kind", "teleport"), ("alarms", "severity", "apocalyptic"), ("alarms", "state", "maybe"),
                     ("tickets", "source", "fax"), ("tickets", "kind", "rumour"), ("tickets", "urgency", "1"), ("tickets", "source", "Hotline12345 "),
                     ("video", "type", "snapshot"), ("video", "label", "ufo"), ("video", "phase", "begin") })
        {
            var body = feed == "video" ? v["videodetection"] : v[feed];
            yield return Json("unknown-enum", feed, With(body, field, value));
        }

        foreach (var code in new[] { "110101", "3205050019", "320505009", "abc", "" })
        {
            yield return Json("unknown-jurisdiction", "tickets", With(v["tickets"], "jurisdiction", code));
            yield return Json("unknown-jurisdiction", "alarms", With(v["alarms"], "jurisdiction", code));
        }

        foreach (var id in new[] { "dev ice", "../../etc", "<script>", "设备一", new string('d', 65) })
        {
            yield return Json("bad-id", "alarms", With(v["alarms"], "deviceId", id));
            yield return Json("bad-id", "video", With(v["videodetection"], "cameraId", id));
        }

        yield return Json("huge-array", "crowd", With(With(With(v["crowd"], "rows", 200), "columns", 200), "counts", new JsonArray([.. Enumerable.Range(0, 40_000).Select(_ => (JsonNode?)JsonValue.Create(1))])));
        yield return Json("huge-array", "tickets", With(v["tickets"], "media", new JsonArray([.. Enumerable.Range(0, 1000).Select(_ => (JsonNode?)JsonValue.Create("https://x.example/1.jpg"))])));
        yield return Json("huge-array", "crowd", With(v["crowd"], "counts", new JsonArray(1, 2, 3)));
        foreach (var score in new[] { -0.1, 1.5, 1e9 })
        {
            yield return Json("out-of-range-number", "video", With(v["videodetection"], "score", score));
        }

        const string Bomb = """<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&lol2;</identifier></alert>""";
        const string External = """<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&x;</identifier></alert>""";
        foreach (var (kind, xml) in new[] { ("xml-entity-expansion", Bomb), ("xml-external-entity", External),
                     ("invalid-cap", "<alert><identifier>1</identifier></alert>"), ("invalid-cap", "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>1</identifier></alert>"),
                     ("invalid-xml", "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>"), ("invalid-xml", "<") })
        {
            yield return new Malformed(kind, "alarms", () => Request("alarms", Encoding.UTF8.GetBytes(xml), "application/cap+xml"));
        }
    }

    private static readonly Dictionary<string, string[]> Required = new()
    {
        ["tickets"] = ["source", "kind", "category", "description", "jurisdiction"],
        ["alarms"] = ["deviceId", "kind", "jurisdiction"],
        ["drones"] = ["droneId", "lat", "lon", "at"],
        ["crowd"] = ["areaId", "bounds", "cellSize", "rows", "columns", "counts", "at", "jurisdiction"],
        ["video"] = ["type", "phase", "detectionId", "cameraId", "label", "score", "at", "jurisdiction"],
    };

    public static IReadOnlyList<(string Feed, JsonNode Body)> ValidBodies(DateTimeOffset now)
    {
        var at = now.ToString("O", CultureInfo.InvariantCulture);
        return
        [
            ("tickets", JsonNode.Parse($$"""{"id":"T-1","source":"hotline12345","kind":"complaint","category":"06028","urgency":"normal","description":"噪声","jurisdiction":"320505001001001","location":{"lat":31.3,"lon":120.55},"reportedAt":"{{at}}"}""")!),
            ("alarms", JsonNode.Parse($$"""{"deviceId":"SMK-1","kind":"manholeCover","severity":"minor","description":"井盖位移","jurisdiction":"320505001001001","at":"{{at}}"}""")!),
            ("drones", JsonNode.Parse($$"""{"droneId":"UAV-1","lat":31.31,"lon":120.55,"alt":100,"heading":90,"speed":5,"battery":80,"mission":"巡查","at":"{{at}}"}""")!),
            ("crowd", JsonNode.Parse($$"""{"areaId":"AREA-1","areaName":"广场","bounds":{"south":31.3,"west":120.56,"north":31.302,"east":120.563},"cellSize":10,"rows":1,"columns":2,"counts":[1,2],"at":"{{at}}","jurisdiction":"320505001"}""")!),
            ("video", JsonNode.Parse($$"""{"type":"detection","phase":"new","detectionId":"D-1","cameraId":"32050500001320000001","label":"smoke","score":0.9,"at":"{{at}}","jurisdiction":"320505001001001"}""")!),
        ];
    }

    private static Malformed Json(string kind, string feed, JsonNode body) => Json(kind, feed, Encoding.UTF8.GetBytes(body.ToJsonString()));

    private static Malformed Json(string kind, string feed, byte[] body) => new(kind, feed, () => Request(feed, body, "application/json"));

    private static JsonNode Without(JsonNode body, string field)
    {
        var copy = body.DeepClone().AsObject();
        copy.Remove(field);
        return copy;
    }

    private static JsonNode With(JsonNode body, string field, JsonNode? value)
    {
        var copy = body.DeepClone().AsObject();
        copy[field] = value?.DeepClone();
        return copy;
    }

    public static HttpRequestMessage Request(string feed, byte[] body, string? contentType, string? key = IngestApp.ApiKey)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/ingest/{feed}") { Content = content };
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return request;
    }

    public static HttpRequestMessage Signed(string feed, byte[] body, string id, DateTimeOffset at, bool tamper = false)
    {
        var request = Request(feed, body, "application/json", key: null);
        var timestamp = at.ToUnixTimeSeconds();
        var signature = WebhookSignature.Sign(IngestApp.WebhookKey, id, timestamp, tamper ? [.. body, (byte)' '] : body);
        request.Headers.Add(WebhookSignature.IdHeader, id);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, signature);
        return request;
    }
}
