using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Domain.WorkOrders;
using CommandCenter.Web.Dispatch;
using CommandCenter.Web.Hubs;
using CommandCenter.Web.Live;
using CommandCenter.Web.Security;
using CommandCenter.Web.Tests.Host;
using CommandCenter.Web.Tests.Hubs;
using CommandCenter.Web.Tests.Security;
using Dapper;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Dispatch;

/// <summary>One-click dispatch through REST and the hub: who may, what it records, and that an order goes out once.</summary>
public sealed class DispatchApiTests : IAsyncLifetime
{
    private readonly SecuredApp _app = new();

    public async Task InitializeAsync() => await _app.WithOrdersAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task One_click_dispatches_to_the_recommended_unit_and_the_wall_shows_pending_sign_off()
    {
        using var commander = await _app.SignedInAsync("commander");

        var response = await PostAsync(commander, SecuredApp.OrderA, "dialog-0001");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<DispatchResult>())!;
        Assert.Equal(("U-001-city", "狮山横塘街道城管中队", 1, "commander", false), (result.UnitId, result.UnitName, result.Round, result.Actor, result.AlreadyDispatched));
        Assert.Contains(result.Reasons, r => r.Contains("城管牵头", StringComparison.Ordinal));
        var live = _app.Services.GetRequiredService<LiveSituation>();
        await live.WaitForAsync(() => live.CardOf(WorkOrderId.From(SecuredApp.OrderA))?.State == WorkOrderState.Dispatched, TimeSpan.FromSeconds(10));
        Assert.Equal(WallBucket.PendingSignOff, live.CardOf(WorkOrderId.From(SecuredApp.OrderA))!.State.ToBucket());
        Assert.Equal(1, await _app.AuditCountAsync("commander", "work-order.dispatch"));
    }

    [Fact]
    public async Task Repeated_clicks_and_other_dialogs_get_the_same_dispatch_back()
    {
        using var commander = await _app.SignedInAsync("commander");
        using var operatorA = await _app.SignedInAsync("op-shishan");
        var first = await (await PostAsync(commander, SecuredApp.OrderA, "dialog-0002")).Content.ReadFromJsonAsync<DispatchResult>();

        var again = await PostAsync(commander, SecuredApp.OrderA, "dialog-0002");
        var other = await PostAsync(operatorA, SecuredApp.OrderA, "dialog-0003");

        foreach (var response in new[] { again, other })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var result = (await response.Content.ReadFromJsonAsync<DispatchResult>())!;
            Assert.True(result.AlreadyDispatched);
            Assert.Equal((first!.UnitId, first.Round, first.Actor, first.At), (result.UnitId, result.Round, result.Actor, result.At));
        }

        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM dispatch_commands"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM outbox WHERE event_id LIKE '%-dispatch'"));
    }

    [Fact]
    public async Task Ten_operators_dispatching_the_same_order_at_once_make_one_dispatch_and_all_get_it()
    {
        var clients = new List<HttpClient>();
        for (var i = 0; i < 10; i++)
        {
            clients.Add(await _app.SignedInAsync(i % 2 == 0 ? "commander" : "op-shishan"));
        }

        using var start = new SemaphoreSlim(0);
        var attempts = clients.Select(async (client, i) =>
        {
            await start.WaitAsync();
            return await PostAsync(client, SecuredApp.OrderA, $"dialog-op-{i:D4}");
        }).ToList();
        start.Release(10);
        var responses = await Task.WhenAll(attempts);

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{r.StatusCode}"));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var results = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<DispatchResult>()));
        Assert.Single(results.Select(r => (r!.UnitId, r.Round, r.Actor, r.At)).Distinct());
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM dispatch_commands"));
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task The_wall_display_cannot_dispatch_through_the_api_or_the_hub()
    {
        using var wall = await _app.SignedInAsync("wall-01", DemoAccounts.WallToken, device: true);
        var response = await PostAsync(wall, SecuredApp.OrderA, "dialog-wall-1");
        await using var hub = await HubClients.ConnectAsync(_app, "wall-01", DemoAccounts.WallToken, device: true);
        var refused = await Assert.ThrowsAsync<HubException>(() =>
            hub.InvokeAsync<DispatchResult>(nameof(WallHub.Dispatch), new DispatchRequestMessage(SecuredApp.OrderA, "dialog-wall-2")));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("may not dispatch", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2, await _app.AuditCountAsync("wall-01", "access.denied"));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM dispatch_commands"));
    }

    [Fact]
    public async Task A_street_operator_cannot_dispatch_the_other_streets_order_but_can_dispatch_their_own()
    {
        using var operatorA = await _app.SignedInAsync("op-shishan");
        var api = await PostAsync(operatorA, SecuredApp.OrderB, "dialog-b-0001");
        await using var hub = await HubClients.ConnectAsync(_app, "op-shishan");
        var refused = await Assert.ThrowsAsync<HubException>(() =>
            hub.InvokeAsync<DispatchResult>(nameof(WallHub.Dispatch), new DispatchRequestMessage(SecuredApp.OrderB, "dialog-b-0002")));
        var own = await hub.InvokeAsync<DispatchResult>(nameof(WallHub.Dispatch), new DispatchRequestMessage(SecuredApp.OrderA, "dialog-a-0001"));

        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.EndsWith($"HubException: workOrderId: no work order '{SecuredApp.OrderB}'", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2, await _app.AuditCountAsync("op-shishan", "access.denied"));
        Assert.Equal(("U-001-city", false), (own.UnitId, own.AlreadyDispatched));
    }

    [Theory]
    [InlineData(null, null, 400, "Idempotency-Key")]
    [InlineData("short", null, 400, "Idempotency-Key")]
    [InlineData("dialog-x-0001", "{\"unitId\": \"U-999-none\"}", 422, "unitId")]
    [InlineData("dialog-x-0002", "{\"unitId\": \"U-001-police\"}", 422, "unitId")]
    [InlineData("dialog-x-0003", "{\"unitId\": 7}", 400, "body")]
    [InlineData("dialog-x-0004", "not json", 400, "body")]
    public async Task A_bad_request_is_named(string? key, string? body, int status, string field)
    {
        using var commander = await _app.SignedInAsync("commander");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/incidents/{SecuredApp.OrderA}/dispatch");
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        var response = await commander.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(field, problem.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task Another_unit_can_be_picked_instead_of_the_recommended_one()
    {
        using var commander = await _app.SignedInAsync("commander");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/incidents/{SecuredApp.OrderA}/dispatch")
        {
            Content = JsonContent.Create(new { unitId = "U-001-env" }),
        };
        request.Headers.Add("Idempotency-Key", "dialog-pick-01");

        var result = await (await commander.SendAsync(request)).Content.ReadFromJsonAsync<DispatchResult>();

        Assert.Equal("狮山横塘街道环保所", result!.UnitName);
        Assert.Contains(result.Reasons, r => r.Contains("环保协办", StringComparison.Ordinal));
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string order, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/incidents/{order}/dispatch");
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await _app.Store.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>(sql);
    }
}
