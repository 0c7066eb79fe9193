using CommandCenter.Web.Security;
using CommandCenter.Web.Storage;
using Microsoft.Extensions.Hosting;

namespace CommandCenter.Web.Tests.Host;

/// <summary>
/// The test hosts run in Production, where there are no demo accounts. This seeds the same ids and secrets into an empty
/// store as accounts whose passwords were already changed (so the forced password change does not stand in the way),
/// the way an installation has its accounts made by an admin.
/// </summary>
internal sealed class TestAccounts(IAccountStore store, StoreGate gate, TimeProvider time) : BackgroundService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Ready => _ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await gate.Ready.WaitAsync(stoppingToken);
            if ((await store.UsersAsync(stoppingToken)).Count == 0)
            {
                foreach (var (id, name, role, jurisdiction, secret) in DemoAccounts.All)
                {
                    var user = new StoredUser(id, name, role.ToString(), jurisdiction, null, 0, null, 0, time.GetUtcNow().ToUnixTimeMilliseconds());
                    await store.CreateUserAsync(user with { PasswordHash = AccountService.Hash(user, secret) }, stoppingToken);
                }
            }

            _ready.TrySetResult();
        }
        catch (Exception ex)
        {
            _ready.TrySetException(ex);
        }
    }
}
