using CommandCenter.Domain.Audit;
using CommandCenter.Domain.Security;
using CommandCenter.Web.Storage;
using Microsoft.Extensions.Options;

namespace CommandCenter.Web.Security;

/// <summary>
/// The demo accounts of the embedded default, created once when the store has no users (<c>Security:DemoAccounts</c>,
/// on in Development only: any other environment refuses to start with it). The README lists them.
/// </summary>
public sealed partial class DemoAccounts(IAccountStore store, IAuditLog audit, StoreGate gate, IOptions<SecurityOptions> options, TimeProvider time,
    ILogger<DemoAccounts> logger) : BackgroundService
{
    public const string Password = "CommandCenter-2026";
    public const string WallToken = "wall-320505-demo-token";

    public static IReadOnlyList<(string Id, string Name, Role Role, string Jurisdiction, string Secret)> All { get; } =
    [
        ("commander", "区指挥中心 指挥长", Role.Commander, "320505", Password),
        ("analyst", "研判分析员", Role.Analyst, "320505", Password),
        ("op-shishan", "狮山横塘街道 操作员", Role.Operator, "320505001", Password),
        ("op-fengqiao", "枫桥街道 操作员", Role.Operator, "320505002", Password),
        ("op-district", "区指挥中心 值班员", Role.Operator, "320505", Password),
        ("admin", "系统管理员", Role.Admin, "320505", Password),
        ("wall-01", "指挥大厅大屏 1", Role.WallDisplay, "320505", WallToken),
    ];

    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Ready => _ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await gate.Ready.WaitAsync(stoppingToken).ConfigureAwait(false);
        if (options.Value.DemoAccounts && (await store.UsersAsync(stoppingToken).ConfigureAwait(false)).Count == 0)
        {
            foreach (var (id, name, role, jurisdiction, secret) in All)
            {
                var user = new StoredUser(id, name, role.ToString(), jurisdiction, null, 0, null, 1, time.GetUtcNow().ToUnixTimeMilliseconds());
                await store.CreateUserAsync(user with { PasswordHash = AccountService.Hash(user, secret) }, stoppingToken).ConfigureAwait(false);
                await audit.AppendAuditAsync(new AuditRecord("system", "user.created", id, $"demo account, {role}, {jurisdiction}"), stoppingToken).ConfigureAwait(false);
            }

            LogCreated(All.Count);
        }

        _ready.TrySetResult();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created {Count} demo accounts with the public passwords of the README (Development only: any other environment refuses to start with them)")]
    private partial void LogCreated(int count);
}
