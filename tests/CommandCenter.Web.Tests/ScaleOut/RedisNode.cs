using CommandCenter.Web.Tests.Host;
using Microsoft.AspNetCore.Hosting;

namespace CommandCenter.Web.Tests.ScaleOut;

/// <summary>A web node of a scale-out deployment: Redis bus and backplane, PostgreSQL store, simulator off.</summary>
internal sealed class RedisNode(string redis, string prefix, string database, string name) : WallHostFactory
{
    public string Name => name;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:Redis", redis);
        builder.UseSetting("ConnectionStrings:Postgres", database);
        builder.UseSetting("Bus:Prefix", prefix);
        builder.UseSetting("Bus:Node", name);
        builder.UseSetting("Bus:PollMilliseconds", "20");
        builder.UseSetting("Bus:ClaimAfterSeconds", "2");
    }

    public static string SharedRedis => Environment.GetEnvironmentVariable("CC_TEST_REDIS")
        ?? throw new InvalidOperationException("CC_TEST_REDIS is not set: run the tests through ./test.sh");
}
