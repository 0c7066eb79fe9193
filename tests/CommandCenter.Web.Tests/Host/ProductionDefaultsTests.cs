using System.Net;
using System.Net.Http.Json;
using CommandCenter.Feeds.Ingest;
using CommandCenter.Feeds.Simulator;
using CommandCenter.Web.Security;
using CommandCenter.Web.Storage;
using CommandCenter.Web.Tests.Security;
using CommandCenter.Web.Tests.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Tests.Host;

/// <summary>
/// Demo accounts, the demo feed key and the simulator come only with the Development environment (what `dotnet run`
/// uses); anywhere else the app starts without them and refuses to start while a demo credential is configured.
/// </summary>
public sealed class ProductionDefaultsTests
{
    [Theory]
    [InlineData("Production", "Security:DemoAccounts", "true", "Security:DemoAccounts is on outside Development")]
    [InlineData("Staging", "Security:DemoAccounts", "true", "Security:DemoAccounts is on outside Development")]
    [InlineData("Production", "Ingest:Sources:demo:ApiKey", IngestOptions.DemoApiKey, "Ingest:Sources:demo:ApiKey is the public demo key")]
    [InlineData("Production", "Ingest:Sources:hotline:ApiKey", IngestOptions.DemoApiKey, "Ingest:Sources:hotline:ApiKey is the public demo key")]
    public void Outside_Development_a_demo_credential_stops_the_start_naming_the_setting(string environment, string key, string value, string expected)
    {
        using var app = App(environment, (key, value));

        var refused = Assert.Throws<OptionsValidationException>(() => app.Services);

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_Production_there_are_no_demo_accounts_no_demo_key_and_no_simulator()
    {
        await using var app = App("Production");
        var services = app.Services;
        await services.GetRequiredService<DemoAccounts>().Ready.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Empty(await services.GetRequiredService<IAccountStore>().UsersAsync(CancellationToken.None));
        Assert.False(services.GetRequiredService<IOptions<SimulatorOptions>>().Value.Enabled);
        Assert.Empty(services.GetRequiredService<IOptions<IngestOptions>>().Value.Sources);
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", IngestOptions.DemoApiKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/ingest/tickets", new { id = "T-1" })).StatusCode);
    }

    [Fact]
    public async Task In_Development_the_demo_comes_with_it()
    {
        await using var app = App("Development", ("Simulator:BackfillHours", "0"));
        var services = app.Services;
        await services.GetRequiredService<DemoAccounts>().Ready.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(DemoAccounts.All.Count, (await services.GetRequiredService<IAccountStore>().UsersAsync(CancellationToken.None)).Count);
        Assert.True(services.GetRequiredService<IOptions<SimulatorOptions>>().Value.Enabled);
        Assert.Equal(IngestOptions.DemoApiKey, services.GetRequiredService<IOptions<IngestOptions>>().Value.Sources["demo"].ApiKey);
    }

    [Fact]
    public async Task The_first_admin_of_an_installation_is_made_from_the_command_line_and_must_change_its_password()
    {
        var path = TestDatabases.NewSqlitePath();
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Storage__SqlitePath"] = path,
            ["Security__KeyEncryption__CertificatePath"] = TestCertificate.Path, ["Security__KeyEncryption__CertificatePassword"] = TestCertificate.Password,
        };

        var created = await WebProcess.RunWithInputAsync(settings, "a-first-secret-1", "--create-admin", "chief-admin", "320505");
        var again = await WebProcess.RunWithInputAsync(settings, "a-first-secret-1", "--create-admin", "chief-admin", "320505");
        var badCode = await WebProcess.RunWithInputAsync(settings, "a-first-secret-1", "--create-admin", "other-admin", "32050");
        var shortPassword = await WebProcess.RunWithInputAsync(settings, "short", "--create-admin", "other-admin", "320505");

        Assert.True(created.ExitCode == 0, created.Output);
        Assert.Equal((1, true), (again.ExitCode, again.Output.Contains("id: 'chief-admin' is taken", StringComparison.Ordinal)));
        Assert.Equal((1, true), (badCode.ExitCode, badCode.Output.Contains("--create-admin: jurisdiction:", StringComparison.Ordinal)));
        Assert.Equal((1, true), (shortPassword.ExitCode, shortPassword.Output.Contains("password (standard input): at least 10 characters", StringComparison.Ordinal)));
        using var database = new SqliteDatabase(path, TimeProvider.System);
        var admin = await new StoreSet(database).Accounts.FindUserAsync("chief-admin", CancellationToken.None);
        Assert.Equal(("Admin", "320505", 1), (admin!.Role, admin.Jurisdiction, admin.MustChangePassword));
        Assert.Null(await new StoreSet(database).Accounts.FindUserAsync("other-admin", CancellationToken.None));
    }

    [Fact]
    public void Outside_Development_the_sign_in_keys_must_be_encrypted_at_rest()
    {
        using var app = App("Production", withCertificate: false);

        var refused = Assert.Throws<OptionsValidationException>(() => app.Services);

        Assert.Contains("Security:KeyEncryption: must name a usable certificate", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_that_cannot_be_loaded_stops_the_start_naming_the_setting()
    {
        using var app = App("Production", withCertificate: false, ("Security:KeyEncryption:CertificatePath", "/nonexistent/keys.pfx"));

        var refused = Assert.ThrowsAny<InvalidOperationException>(() => app.Services);

        Assert.Contains("Security:KeyEncryption:CertificatePath '/nonexistent/keys.pfx' could not be loaded", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_keys_are_stored_encrypted_with_the_certificate()
    {
        await using var app = new SecuredApp();
        await app.ReadyAsync();
        using var signedIn = await app.SignedInAsync("commander"); // the first cookie makes the first key

        await using var connection = await app.Store.OpenAsync(CancellationToken.None);
        var keys = (await Dapper.SqlMapper.QueryAsync<string>(connection, "SELECT xml FROM data_protection_keys")).ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, k =>
        {
            Assert.Contains("encryptedSecret", k, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", k, StringComparison.Ordinal);
        });
        Assert.Equal(System.Net.HttpStatusCode.OK, (await signedIn.GetAsync(new Uri("/api/kpis", UriKind.Relative))).StatusCode);
    }

    private static WebApplicationFactory<Program> App(string environment, params (string Key, string Value)[] settings) =>
        App(environment, withCertificate: true, settings);

    private static WebApplicationFactory<Program> App(string environment, bool withCertificate, params (string Key, string Value)[] settings) =>
        ProductionApp.Create(environment, withCertificate, settings);
}
