using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Feeds.Simulator;

/// <summary>Settings under <c>Simulator</c>: the demo data source of the embedded default.</summary>
public sealed class SimulatorOptions
{
    public const string Section = "Simulator";

    /// <summary>Runs the simulator: off unless configured; the Development settings (what <c>dotnet run</c> uses) turn it on.</summary>
    public bool Enabled { get; set; }

    /// <summary>Seed for every random choice: the same seed and start give the same events.</summary>
    public int Seed { get; set; } = 12345;

    /// <summary>Work orders a day for the whole district (one district handles about 2,200 a day).</summary>
    [Range(1, 1_000_000)]
    public int OrdersPerDay { get; set; } = 2400;

    /// <summary>Device alarms an hour for the district.</summary>
    [Range(0, 100_000)]
    public int AlarmsPerHour { get; set; } = 60;

    /// <summary>Patrol drones in the air.</summary>
    [Range(0, 100)]
    public int Drones { get; set; } = 4;

    /// <summary>Hours of history generated at start, so the wall opens on a realistic picture.</summary>
    [Range(0, 72)]
    public double BackfillHours { get; set; } = 24;

    /// <summary>
    /// Multiplies arrival rates and divides handling times; 1 is real time. Timestamps stay real, so the
    /// wall's clocks stay right. Use 10–60 for a lively demo or a quick test.
    /// </summary>
    [Range(0.1, 1000)]
    public double Speed { get; set; } = 1;
}
