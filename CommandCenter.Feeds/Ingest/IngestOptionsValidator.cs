using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CommandCenter.Feeds.Ingest;

/// <summary>
/// Refuses to start with a source that could be guessed or could not be told apart: a name that cannot namespace its
/// ids, an empty or short API key, a webhook secret that is not <c>whsec_</c> + base64 of at least 24 bytes. Each
/// failure names the setting. Outside Development, the public demo key is refused too.
/// </summary>
public sealed class IngestOptionsValidator(IHostEnvironment environment) : IValidateOptions<IngestOptions>
{
    /// <summary>The shortest API key accepted: 16 characters (a random hex key of 64 bits at the very least).</summary>
    public const int MinApiKeyLength = 16;

    /// <summary>The shortest webhook secret accepted, in bytes (Standard Webhooks asks for 24 to 64).</summary>
    public const int MinWebhookSecretBytes = 24;

    public ValidateOptionsResult Validate(string? name, IngestOptions options)
    {
        var failures = new List<string>();
        foreach (var (source, settings) in options.Sources)
        {
            var prefix = $"{IngestOptions.Section}:Sources:{source}";
            if (SourceScope.Problem(source) is { } problem)
            {
                failures.Add($"{prefix}: {problem} (it namespaces the source's ids)");
            }

            if (settings.ApiKey is { } key && key.Trim().Length < MinApiKeyLength)
            {
                failures.Add($"{prefix}:ApiKey must be at least {MinApiKeyLength} characters (a random key; `openssl rand -hex 24` makes one)");
            }

            if (settings.ApiKey?.Trim() == IngestOptions.DemoApiKey && !environment.IsDevelopment())
            {
                failures.Add($"{prefix}:ApiKey is the public demo key ({IngestOptions.DemoApiKey}); outside Development set a secret of your own");
            }

            foreach (var code in settings.Jurisdictions)
            {
                if (!Domain.Jurisdictions.JurisdictionCode.TryFrom(code, out _, out var codeProblem))
                {
                    failures.Add($"{prefix}:Jurisdictions: {codeProblem}");
                }
            }

            foreach (var channel in settings.Channels)
            {
                if (!SourceBounds.TryChannel(channel, out _))
                {
                    failures.Add($"{prefix}:Channels: '{channel}' is not a channel; use one of {string.Join(", ", SourceBounds.ChannelNames)}");
                }
            }

            if (settings.WebhookSecret is { } secret && (WebhookSignature.KeyOf(secret) is not { } bytes || bytes.Length < MinWebhookSecretBytes))
            {
                failures.Add($"{prefix}:WebhookSecret must be whsec_ followed by the base64 of at least {MinWebhookSecretBytes} random bytes");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.MqttServer) && (string.IsNullOrWhiteSpace(options.MqttUsername) || string.IsNullOrEmpty(options.MqttPassword)))
        {
            failures.Add($"{IngestOptions.Section}:MqttUsername and {IngestOptions.Section}:MqttPassword must be set with {IngestOptions.Section}:MqttServer (the broker is reached with credentials)");
        }

        if (!string.IsNullOrWhiteSpace(options.MqttCaFile) && !File.Exists(options.MqttCaFile))
        {
            failures.Add($"{IngestOptions.Section}:MqttCaFile '{options.MqttCaFile}' does not exist");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
