using CommandCenter.Benchmarks;

// dotnet run -c Release --project tests/CommandCenter.Benchmarks -- store [--orders 1000000] [--db-profile]
// dotnet run -c Release --project tests/CommandCenter.Benchmarks -- pipeline [--seconds 20] [--posters 8] [--clients 4] [--rate N]
// dotnet run -c Release --project tests/CommandCenter.Benchmarks -- ingest [--seconds 15] [--connections 16] [--rate 5000]
// dotnet run -c Release --project tests/CommandCenter.Benchmarks -- storm [--factor 0.05] [--seconds 20] [--clients 50] [--backlog 1000] [--connections 16] [--walls 3] [--naive] [--surge 10] [--trace FILE]
// dotnet run -c Release --project tests/CommandCenter.Benchmarks -- coldstart [--orders 1000000] [--open 20000] [--store both|postgres|sqlite] [--keep]
// dotnet run -c Release --project tests/CommandCenter.Benchmarks -- map [--orders 2000] [--seconds 20]
// dotnet run -c Release --project tests/CommandCenter.Benchmarks -- snapshot (BenchmarkDotNet: a scope's snapshot with 1,000 and 100,000 cameras)
// dotnet run -c Release --project tests/CommandCenter.Benchmarks -- locate   (BenchmarkDotNet: grid placement, 840 and 20,000 grids)
// need CC_TEST_POSTGRES / CC_TEST_REDIS (./test.sh --run … starts private servers and sets them).
var command = args.FirstOrDefault() ?? "store";
double Real(string name, double fallback) =>
    args.SkipWhile(a => a != name).Skip(1).Select(a => double.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault(fallback);
int Option(string name, int fallback) => args.SkipWhile(a => a != name).Skip(1).Select(int.Parse).FirstOrDefault(fallback);
return command switch
{
    "map" => await MapBenchmark.RunAsync(Option("--orders", 2000), Option("--seconds", 20)),
    "store" => await StoreBenchmark.RunAsync(Option("--orders", 1_000_000), args.Contains("--db-profile")),
    "pipeline" => await PipelineBenchmark.RunAsync(Option("--seconds", 20), Option("--posters", 8), Option("--clients", 4), Option("--rate", 0)),
    "ingest" => await IngestBenchmark.RunAsync(Option("--seconds", 15), Option("--connections", 16), Option("--rate", 5000)),
    "storm" => await StormBenchmark.RunAsync(new StormBenchmark.Options(Real("--factor", 0.05), Option("--seconds", 20), Option("--clients", 50),
        Option("--backlog", 1000), Option("--connections", 16), args.SkipWhile(a => a != "--trace").Skip(1).FirstOrDefault(),
        Option("--walls", 0), args.Contains("--naive"), Real("--surge", 0))),
    "coldstart" => await ColdStartBenchmark.RunAsync(Option("--orders", 1_000_000), Option("--open", 20_000),
        args.SkipWhile(a => a != "--store").Skip(1).FirstOrDefault() ?? "both", args.Contains("--keep")),
    "locate" => LocateBenchmark.Run(),
    "snapshot" => SnapshotBenchmark.Run(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: CommandCenter.Benchmarks store [--orders N] [--db-profile] | pipeline [--seconds S] [--posters P] [--clients C] [--rate N] | ingest [--seconds S] [--connections C] [--rate N] | storm [--factor F] [--seconds S] [--clients C] [--backlog N] [--connections K] | coldstart [--orders N] [--open N] [--store S] | map [--orders N] [--seconds S] | snapshot | locate");
    return 2;
}
