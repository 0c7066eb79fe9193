using CommandCenter.Web.Hubs;
using CommandCenter.Web.Security;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Hubs;

/// <summary>Connects a SignalR client to an in-process app's wall hub with a real session cookie.</summary>
internal static class HubClients
{
    public static async Task<HubConnection> ConnectAsync(WebApplicationFactory<Program> app, string user,
        string password = DemoAccounts.Password, bool device = false, bool messagePack = false)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var page = await client.GetAsync(new Uri(device ? "/device" : "/login", UriKind.Relative));
        var antiforgeryCookie = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = Host.TestSignIn.AntiforgeryToken(await page.Content.ReadAsStringAsync());
        using var post = new HttpRequestMessage(HttpMethod.Post, device ? "/account/device-sign-in" : "/account/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, [device ? "device" : "username"] = user, [device ? "token" : "password"] = password,
            }),
        };
        post.Headers.Add("Cookie", antiforgeryCookie);
        var signedIn = await client.SendAsync(post);
        var session = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cc.session=", StringComparison.Ordinal)).Split(';')[0];
        var hub = Build(app, session, messagePack);
        await hub.StartAsync();
        return hub;
    }

    public static HubConnection Build(WebApplicationFactory<Program> app, string? cookie, bool messagePack)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(app.Server.BaseAddress, WallHub.Path), o =>
        {
            o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
            o.Transports = HttpTransportType.LongPolling;
            if (cookie is not null)
            {
                o.Headers["Cookie"] = cookie;
            }
        });
        if (messagePack)
        {
            builder.AddMessagePackProtocol();
        }

        return builder.Build();
    }
}
