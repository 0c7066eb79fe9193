using System.Net.Http.Json;
using System.Text;
using CommandCenter.Web.Tests.Security;

namespace CommandCenter.Web.Tests.Ingest;

/// <summary>The web app with two feed sources: one with an API key, one that signs its messages (Standard Webhooks).</summary>
public sealed class IngestApp : SecuredApp
{
    public const string ApiKey = "ingest-test-key-0001";
    public static readonly byte[] WebhookKey = Encoding.UTF8.GetBytes("a webhook secret of thirty-two b");
    public static readonly string WebhookSecret = "whsec_" + Convert.ToBase64String(WebhookKey);

    public IngestApp(DateTimeOffset? start = null, string? mqtt = null) : base(start ?? DateTimeOffset.UtcNow)
    {
        Settings["Ingest:Sources:iot-platform:ApiKey"] = ApiKey;
        Settings["Ingest:Sources:video-platform:WebhookSecret"] = WebhookSecret;
        if (mqtt is not null)
        {
            Settings["Ingest:MqttServer"] = mqtt;
            Settings["Ingest:MqttUsername"] = "commandcenter";
            Settings["Ingest:MqttPassword"] = MqttPassword;
            foreach (var platform in new[] { "platform-a", "platform-b", "station-1" })
            {
                Settings[$"Ingest:Sources:{platform}:Feeds:0"] = "alarms";
                Settings[$"Ingest:Sources:{platform}:Feeds:1"] = "drones";
            }
        }
    }

    /// <summary>The password of the private broker's accounts (./test.sh makes one each run).</summary>
    public static string MqttPassword => Environment.GetEnvironmentVariable("CC_TEST_MQTT_PASSWORD")
        ?? throw new InvalidOperationException("CC_TEST_MQTT_PASSWORD is not set: run the tests through ./test.sh, which starts mosquitto");

    public HttpClient Feed()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    public static Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string feed, object body) =>
        client.PostAsJsonAsync($"/api/ingest/{feed}", body);
}
