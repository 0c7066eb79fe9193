using CommandCenter.Feeds;
using CommandCenter.Web;
using CommandCenter.Web.Security;
using CommandCenter.Web.Storage;

if (args.Contains("--layout-schema"))
{
    // The layout schema file, generated from the widget kinds: nothing else is started.
    Console.Out.Write(CommandCenter.Web.Walls.WallLayoutSchema.Text());
    return 0;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddCommandCenterStorage();
builder.AddCommandCenterSecurity();
builder.AddCommandCenterFeeds();
builder.AddCommandCenterWeb();

var app = builder.Build();
if (args.Contains("--migrate"))
{
    return await app.MigrateStoreAsync();
}

if (args.Contains("--create-admin"))
{
    return await app.CreateAdminAsync(args, Console.In);
}

if (args.Contains("--verify-audit"))
{
    return await app.VerifyAuditAsync(args);
}

if (args.Contains("--verify-store") || args.Contains("--repair-store"))
{
    return await app.VerifyStoreAsync(repair: args.Contains("--repair-store"));
}

app.UseCommandCenterWeb();
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
