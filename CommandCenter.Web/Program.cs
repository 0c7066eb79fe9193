using CommandCenter.Feeds;
using CommandCenter.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddCommandCenterFeeds();
builder.AddCommandCenterWeb();

var app = builder.Build();
app.UseCommandCenterWeb();
app.Run();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
