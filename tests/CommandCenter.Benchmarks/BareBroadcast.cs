using System.Diagnostics;
using HdrHistogram;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Benchmarks;

/// <summary>
/// The ceiling for feed-to-client latency on this machine: a bare SignalR hub in this process sending one small message at a
/// fixed rate to N WebSocket clients, with no product in between. Latency is from the send to each client's receipt.
/// </summary>
internal static class BareBroadcast
{
    public sealed class TickHub : Hub;

    public static async Task<LongHistogram> RunAsync(int clients, double perSecond, int seconds)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSignalR();
        await using var app = builder.Build();
        app.UseWebSockets();
        app.MapHub<TickHub>("/tick");
        await app.StartAsync();
        var address = new Uri(app.Urls.First());

        var latency = new LongHistogram(TimeStamp.Minutes(10), 3);
        var connections = new List<HubConnection>();
        for (var c = 0; c < clients; c++)
        {
            var connection = new HubConnectionBuilder().WithUrl(new Uri(address, "/tick"), o => o.Transports = HttpTransportType.WebSockets).Build();
            connection.On<long>("Tick", sent =>
            {
                var now = Stopwatch.GetTimestamp();
                lock (latency)
                {
                    latency.RecordValue(Math.Max(0, now - sent));
                }
            });
            await connection.StartAsync();
            connections.Add(connection);
        }

        var hub = app.Services.GetRequiredService<IHubContext<TickHub>>();
        var origin = Stopwatch.GetTimestamp();
        for (var i = 0; i < (int)(perSecond * seconds); i++)
        {
            var due = origin + (long)(i / perSecond * Stopwatch.Frequency);
            if (Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due) is { TotalMilliseconds: > 0 } wait)
            {
                await Task.Delay(wait);
            }

            await hub.Clients.All.SendAsync("Tick", Stopwatch.GetTimestamp());
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }

        await app.StopAsync();
        return latency;
    }
}
