using CommandCenter.Feeds.Ingest;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace CommandCenter.Feeds.Tests.Ingest;

/// <summary>A source that could be guessed, or could not be told apart, stops the start, naming the setting.</summary>
public sealed class IngestOptionsValidatorTests
{
    private static readonly string GoodSecret = "whsec_" + Convert.ToBase64String(new byte[32]);

    [Fact]
    public void Long_keys_and_secrets_pass()
    {
        var options = Options(("hotline", new IngestSourceOptions { ApiKey = "0123456789abcdef01234567" }),
            ("platform", new IngestSourceOptions { WebhookSecret = GoodSecret }));

        Assert.True(new IngestOptionsValidator(In(Environments.Production)).Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("hotline", "", null, "Ingest:Sources:hotline:ApiKey must be at least 16 characters")]
    [InlineData("hotline", "   ", null, "Ingest:Sources:hotline:ApiKey must be at least 16 characters")]
    [InlineData("hotline", "short-key", null, "Ingest:Sources:hotline:ApiKey must be at least 16 characters")]
    [InlineData("platform", null, "", "Ingest:Sources:platform:WebhookSecret must be whsec_")]
    [InlineData("platform", null, "whsec_c2hvcnQ=", "Ingest:Sources:platform:WebhookSecret must be whsec_")]
    [InlineData("platform", null, "not-a-secret-at-all-not-a-secret-at-all", "Ingest:Sources:platform:WebhookSecret must be whsec_")]
    [InlineData("city.hotline", "0123456789abcdef01234567", null, "Ingest:Sources:city.hotline: source name 'city.hotline' must be")]
    public void A_weak_or_misnamed_source_is_refused_naming_the_setting(string name, string? key, string? secret, string expected)
    {
        var options = Options((name, new IngestSourceOptions { ApiKey = key, WebhookSecret = secret }));

        var result = new IngestOptionsValidator(In(Environments.Production)).Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void The_public_demo_key_is_refused_outside_Development_naming_the_setting()
    {
        var options = Options(("demo", new IngestSourceOptions { ApiKey = IngestOptions.DemoApiKey }));

        Assert.True(new IngestOptionsValidator(In(Environments.Development)).Validate(null, options).Succeeded);
        foreach (var environment in new[] { Environments.Production, Environments.Staging, "Test" })
        {
            var result = new IngestOptionsValidator(In(environment)).Validate(null, options);
            Assert.Contains(result.Failures!, f => f.StartsWith("Ingest:Sources:demo:ApiKey is the public demo key", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Bad_bounds_and_a_broker_without_credentials_are_refused_naming_the_setting()
    {
        var options = Options(("hotline", new IngestSourceOptions { ApiKey = "0123456789abcdef01234567", Jurisdictions = ["3205"], Channels = ["fax"] }));
        options.MqttServer = "127.0.0.1:1883";

        var failures = new IngestOptionsValidator(In(Environments.Production)).Validate(null, options).Failures!;

        Assert.Contains(failures, f => f.StartsWith("Ingest:Sources:hotline:Jurisdictions: jurisdiction code '3205'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Ingest:Sources:hotline:Channels: 'fax' is not a channel; use one of hotline12345", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Ingest:MqttUsername and Ingest:MqttPassword must be set", StringComparison.Ordinal));
    }

    private static IHostEnvironment In(string name) => new Env { EnvironmentName = name };

    private static IngestOptions Options(params (string Name, IngestSourceOptions Source)[] sources)
    {
        var options = new IngestOptions();
        foreach (var (name, source) in sources)
        {
            options.Sources[name] = source;
        }

        return options;
    }

    private sealed class Env : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "";

        public string ApplicationName { get; set; } = "test";

        public string ContentRootPath { get; set; } = "";

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
