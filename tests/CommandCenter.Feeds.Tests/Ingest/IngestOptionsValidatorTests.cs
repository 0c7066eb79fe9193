using CommandCenter.Feeds.Ingest;

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

        Assert.True(new IngestOptionsValidator().Validate(null, options).Succeeded);
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

        var result = new IngestOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    private static IngestOptions Options(params (string Name, IngestSourceOptions Source)[] sources)
    {
        var options = new IngestOptions();
        foreach (var (name, source) in sources)
        {
            options.Sources[name] = source;
        }

        return options;
    }
}
