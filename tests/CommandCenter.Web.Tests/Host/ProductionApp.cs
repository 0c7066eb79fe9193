using CommandCenter.Web.Tests.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CommandCenter.Web.Tests.Host;

/// <summary>The app as a site runs it (an environment, its own SQLite file, the key-encryption certificate unless left out) with settings.</summary>
internal static class ProductionApp
{
    public static WebApplicationFactory<Program> Create(string environment, bool withCertificate, params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("Storage:SqlitePath", TestDatabases.NewSqlitePath());
            foreach (var (key, value) in (withCertificate ? TestCertificate.Settings : []).Concat(settings))
            {
                builder.UseSetting(key, value);
            }
        });

    public static WebApplicationFactory<Program> Create(params (string Key, string Value)[] settings) => Create("Production", withCertificate: true, settings);
}
