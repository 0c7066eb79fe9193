namespace CommandCenter.Feeds.Simulator;

/// <summary>How reports spread over a day (local time): quiet at night, peaks mid-morning and afternoon.</summary>
internal static class DailyCurve
{
    private static readonly double[] HourWeights =
    [
        0.25, 0.18, 0.12, 0.10, 0.10, 0.18, 0.45, 0.9, 1.5, 1.9, 2.0, 1.7,
        1.2, 1.3, 1.7, 1.8, 1.7, 1.4, 1.1, 1.0, 0.9, 0.7, 0.5, 0.35,
    ];

    private static readonly double Sum = HourWeights.Sum();

    /// <summary>Expected events per hour at <paramref name="localHour"/> for a daily total.</summary>
    public static double PerHour(double perDay, int localHour) => perDay * HourWeights[localHour] / Sum;
}
