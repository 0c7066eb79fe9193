using CommandCenter.Benchmarks;

// dotnet run -c Release --project tests/CommandCenter.Benchmarks -- store [--orders 1000000]
// needs CC_TEST_POSTGRES (./test.sh --run … starts a private server and sets it).
var command = args.FirstOrDefault() ?? "store";
var orders = args.SkipWhile(a => a != "--orders").Skip(1).Select(int.Parse).FirstOrDefault(1_000_000);
return command switch
{
    "store" => await StoreBenchmark.RunAsync(orders),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: CommandCenter.Benchmarks store [--orders N]");
    return 2;
}
