using System.Globalization;
using CommandCenter.Domain.Jurisdictions;

namespace CommandCenter.Domain.Reference;

/// <summary>
/// <c>statistics.csv</c>, header <c>code,figure,value</c>: base statistics per jurisdiction as an open set of named figures
/// (人口, 户数, 小区, 网格, 网格员, 重点场所, 党群服务中心, 志愿者, 特殊人群, 困难群体, …), as the big screen lists them.
/// Values are non-negative numbers; a figure appears once per jurisdiction.
/// </summary>
public static class StatisticsFile
{
    public const string Name = "statistics.csv";
    public const string Header = "code,figure,value";

    public static BaseStatistics Read(string text, JurisdictionTree? tree, List<ReferenceProblem> problems)
    {
        var figures = new Dictionary<JurisdictionCode, Dictionary<string, decimal>>();
        var seen = new Dictionary<(JurisdictionCode, string), int>();
        foreach (var row in CsvRows.Read(Name, text, Header, problems))
        {
            void Fail(string rule) => problems.Add(new(Name, row.Where, rule));
            if (!JurisdictionCode.TryFrom(row[0], out var code, out var error))
            {
                Fail(error);
                continue;
            }

            if (tree is not null && tree.Find(code) is null)
            {
                Fail($"{code} is not in {JurisdictionFile.Name}");
                continue;
            }

            var figure = row[1];
            if (figure.Length is 0 or > 30)
            {
                Fail($"{code}: the figure's name must be 1–30 characters");
                continue;
            }

            if (!decimal.TryParse(row[2], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                Fail($"{code} {figure}: value '{row[2]}' must be a number of zero or more");
                continue;
            }

            if (seen.TryGetValue((code, figure), out var first))
            {
                Fail($"{code} {figure}: listed twice (already on line {first})");
                continue;
            }

            seen[(code, figure)] = row.Line;
            if (!figures.TryGetValue(code, out var of))
            {
                figures[code] = of = new Dictionary<string, decimal>(StringComparer.Ordinal);
            }

            of[figure] = value;
        }

        return new BaseStatistics(figures.ToDictionary(f => f.Key, f => (IReadOnlyDictionary<string, decimal>)f.Value));
    }

    public static string Write(BaseStatistics statistics) => ReferenceIds.Lines(Header, statistics.ByJurisdiction
        .OrderBy(j => j.Key).SelectMany(j => j.Value.Select(f => string.Create(CultureInfo.InvariantCulture, $"{j.Key},{f.Key},{f.Value}"))));
}

/// <summary>Base statistics per jurisdiction: named figures (人口 → 52,300) as the center's reference data lists them.</summary>
public sealed class BaseStatistics(IReadOnlyDictionary<JurisdictionCode, IReadOnlyDictionary<string, decimal>> byJurisdiction)
{
    public static BaseStatistics None { get; } = new(new Dictionary<JurisdictionCode, IReadOnlyDictionary<string, decimal>>());

    public IReadOnlyDictionary<JurisdictionCode, IReadOnlyDictionary<string, decimal>> ByJurisdiction => byJurisdiction;

    /// <summary>The figures listed for exactly this jurisdiction (empty when none).</summary>
    public IReadOnlyDictionary<string, decimal> Of(JurisdictionCode code) =>
        byJurisdiction.TryGetValue(code, out var figures) ? figures : new Dictionary<string, decimal>();
}
