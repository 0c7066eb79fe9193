using System.Globalization;
using CommandCenter.Domain.Categories;
using CommandCenter.Domain.Sla;
using CommandCenter.Domain.WorkOrders;

namespace CommandCenter.Domain.Reference;

/// <summary>
/// <c>sla.csv</c>, header <c>stage,category,kind,urgency,limit</c>: the deadline rules. <c>stage</c> is one of
/// <c>dispatch</c>, <c>sign-off</c>, <c>handling</c>, <c>verification</c>; <c>category</c> (a code in the catalogue),
/// <c>kind</c> (<c>inquiry</c>, <c>help</c>, <c>complaint</c>, <c>report</c>, <c>suggestion</c>) and <c>urgency</c>
/// (<c>normal</c>, <c>urgent</c>) narrow a rule, empty for any; <c>limit</c> is a positive number with <c>m</c> (minutes),
/// <c>h</c> (hours) or <c>d</c> (working days of the calendar). Every stage needs a catch-all row; the most specific
/// matching rule wins.
/// </summary>
public static class SlaFile
{
    public const string Name = "sla.csv";
    public const string Header = "stage,category,kind,urgency,limit";

    private static readonly (SlaStage Stage, string Name)[] Stages =
        [(SlaStage.Dispatch, "dispatch"), (SlaStage.SignOff, "sign-off"), (SlaStage.Handling, "handling"), (SlaStage.Verification, "verification")];

    public static IReadOnlyList<SlaRule> Read(string text, CategoryCatalog categories, TimeSpan workingDay, List<ReferenceProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(categories);
        var rules = new List<SlaRule>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in CsvRows.Read(Name, text, Header, problems))
        {
            var before = problems.Count;
            void Fail(string rule) => problems.Add(new(Name, row.Where, rule));
            var stage = Stages.FirstOrDefault(s => s.Name == row[0]).Stage;
            if (stage == SlaStage.None)
            {
                Fail($"stage '{row[0]}' must be one of {string.Join(", ", Stages.Select(s => s.Name))}");
            }

            CategoryCode? category = null;
            if (row[1].Length > 0)
            {
                if (!CategoryCode.TryFrom(row[1], out var code, out var error))
                {
                    Fail(error);
                }
                else if (categories.Find(code) is null)
                {
                    Fail($"category {code} is not in {CategoryFile.Name}");
                }
                else
                {
                    category = code;
                }
            }

            WorkOrderKind? kind = null;
            if (row[2].Length > 0)
            {
                kind = Enum.TryParse<WorkOrderKind>(row[2], ignoreCase: true, out var k) && !int.TryParse(row[2], out _) ? k : null;
                if (kind is null)
                {
                    Fail($"kind '{row[2]}' must be one of inquiry, help, complaint, report, suggestion, or empty");
                }
            }

            Urgency? urgency = row[3] switch
            {
                "" => null,
                "normal" => Urgency.Normal,
                "urgent" => Urgency.Urgent,
                _ => null,
            };
            if (row[3].Length > 0 && urgency is null)
            {
                Fail($"urgency '{row[3]}' must be normal, urgent or empty");
            }

            var limit = Limit(row[4], workingDay);
            if (limit is null)
            {
                Fail($"limit '{row[4]}' must be a number with m (minutes), h (hours) or d (working days), e.g. 30m, 2h, 15d");
            }
            else if (limit <= TimeSpan.Zero)
            {
                Fail($"limit '{row[4]}' must be more than zero");
            }

            var key = string.Join(',', row.Fields.Take(4));
            if (seen.TryGetValue(key, out var first))
            {
                Fail($"the same stage, category, kind and urgency as line {first}");
            }

            seen.TryAdd(key, row.Line);
            if (problems.Count == before)
            {
                rules.Add(new SlaRule(stage, limit!.Value, category, kind, urgency));
            }
        }

        foreach (var (stage, name) in Stages.Where(s => !rules.Any(r => r.Stage == s.Stage && r.Specificity == 0)))
        {
            if (!problems.Any(p => p.File == Name))
            {
                problems.Add(new(Name, "end of file", $"stage {name} needs a catch-all row (no category, kind or urgency)"));
            }
        }

        return rules;
    }

    public static string Write(IEnumerable<SlaRule> rules, TimeSpan workingDay) => ReferenceIds.Lines(Header, rules.Select(r =>
        $"{Stages.First(s => s.Stage == r.Stage).Name},{r.Category?.Value},{r.Kind?.ToString().ToLowerInvariant()},{r.Urgency?.ToString().ToLowerInvariant()},{LimitText(r.Limit, workingDay)}"));

    private static TimeSpan? Limit(string text, TimeSpan workingDay)
    {
        if (text.Length < 2 || !decimal.TryParse(text[..^1], NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }

        return text[^1] switch
        {
            'm' => TimeSpan.FromMinutes((double)n),
            'h' => TimeSpan.FromHours((double)n),
            'd' => workingDay * (double)n,
            _ => null,
        };
    }

    private static string LimitText(TimeSpan limit, TimeSpan workingDay) =>
        limit.Ticks % workingDay.Ticks == 0 && limit >= workingDay ? $"{limit.Ticks / workingDay.Ticks}d"
        : limit.Ticks % TimeSpan.TicksPerHour == 0 ? $"{limit.Ticks / TimeSpan.TicksPerHour}h"
        : string.Create(CultureInfo.InvariantCulture, $"{limit.TotalMinutes:0.##}m");
}
