using System.Globalization;
using System.Text;

namespace NetHelpfulness.Cli.Commands;

/// <summary><c>nethelp ratio</c>: risk ratio, odds ratio and risk difference of a 0/1 outcome by a 0/1 exposure.</summary>
internal sealed class RatioCommand : ICommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public string Name => "ratio";

    public string Summary => "risk ratio, odds ratio and risk difference of a 0/1 outcome by a 0/1 exposure";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("input", "file with respondent_id, 0/1 columns and optional country/design columns (CSV)", ValueName: "FILE"),
        new("exposure", "0/1 exposure column (1 = exposed)", ValueName: "COL"),
        new("outcome", "0/1 outcome column (1 = outcome present)", ValueName: "COL"),
        new("weight", "design-weight column (default: unweighted)", ValueName: "COL"),
        new("strata", "strata column (default: none)", ValueName: "COL"),
        new("cluster", "cluster (PSU) column (default: each respondent)", ValueName: "COL"),
        new("lonely-psu", "single-PSU strata: fail (default), certainty, average, adjust", ValueName: "RULE"),
        SurveyInput.LevelOption,
        new("format", "table (default) or json", ValueName: "FORMAT"),
        new("max-errors", "stop reading after this many problems (default 50)", ValueName: "N"),
    ];

    public string Run(ParsedOptions options, TextWriter stderr)
    {
        var path = options.Require("input");
        var exposure = options.Require("exposure");
        var outcome = options.Require("outcome");
        if (exposure == outcome)
        {
            throw new UsageException($"--exposure and --outcome name the same column '{exposure}'");
        }

        var level = options.Double("level", Defaults.Level, 0, 1);
        var format = options.Choice("format", "table", "table", "json");
        var lonely = SurveyInput.LonelyPsuRule(options);
        var data = BinaryOutcomeReader.ReadFile(path, new BinaryOutcomeReadOptions
        {
            Columns = [exposure, outcome],
            WeightColumn = options.Get("weight"),
            StrataColumn = options.Get("strata"),
            ClusterColumn = options.Get("cluster"),
            MaxIssues = options.Int("max-errors", 50, 1, 1_000_000),
        });

        BinaryComparison result;
        try
        {
            result = data.HasDesign
                ? Ratios.Compare(data.Column(exposure), data.Column(outcome), data.Design(lonely), level)
                : Ratios.Compare(data.Column(exposure), data.Column(outcome), level);
        }
        catch (InsufficientDataException e)
        {
            throw new InsufficientDataException($"{path}: exposure '{exposure}' by outcome '{outcome}': {e.Message}");
        }

        return format == "json" ? ToJson(exposure, outcome, result) : ToTable(path, exposure, outcome, level, data, result);
    }

    private static string ToJson(string exposure, string outcome, BinaryComparison result) =>
        JsonOutput.Write(new RatioJson(exposure, outcome, result.ExposedCount, result.UnexposedCount,
            RatioMeasureJson.From(result.RiskRatio), RatioMeasureJson.From(result.OddsRatio), RatioMeasureJson.From(result.RiskDifference)));

    private static string ToTable(string path, string exposure, string outcome, double level, BinaryOutcomes data, BinaryComparison result)
    {
        var levelText = Format.Level(level);
        List<string[]> rows = [["measure", "estimate", $"{levelText} CI", "SE", "p", "method"]];
        rows.Add(Row("risk ratio", result.RiskRatio, "log scale"));
        rows.Add(Row("odds ratio", result.OddsRatio, "log scale"));
        rows.Add(Row("risk difference (points)", result.RiskDifference, null));

        var design = data.HasDesign
            ? string.Join(", ", new[]
            {
                data.IsWeighted ? "weighted" : "unweighted",
                data.Strata is { } s ? $"strata: {s.Name} ({s.Levels.Count})" : "no strata",
                data.Clusters is { } c ? $"clusters: {c.Name} ({c.Levels.Count})" : "clusters: respondents",
            }) + "; delta method (Taylor linearisation)"
            : "unweighted simple random sample; Katz log, Woolf logit and Wald intervals";
        var text = new StringBuilder();
        text.Append(Inv, $"Outcome '{outcome}' by exposure '{exposure}'\n");
        text.Append(Inv, $"input: {path} ({data.RespondentCount} respondents; {design})\n");
        text.Append(Inv, $"exposed: n = {result.ExposedCount}, {Format.Percent(result.RiskExposed)} with the outcome; ");
        text.Append(Inv, $"unexposed: n = {result.UnexposedCount}, {Format.Percent(result.RiskUnexposed)} with the outcome\n\n");
        text.Append(TextTable.Render(rows, leftAligned: 1));
        return text.ToString();

        static string[] Row(string name, EffectEstimate effect, string? seNote)
        {
            var scale = effect.IsRatio ? 1.0 : 100.0;
            string Show(double value) => effect.IsRatio ? Format.Decimal(value, 3) : Format.Points(value);
            return
            [
                name,
                Show(effect.Estimate),
                $"[{Show(effect.Interval.Lower)}, {Show(effect.Interval.Upper)}]",
                Format.Decimal(effect.StandardError * scale, 3) + (seNote is null ? "" : $" ({seNote})"),
                FormatP(effect),
                EffectMethods.NameOf(effect.Method),
            ];
        }
    }

    private static string FormatP(EffectEstimate effect)
    {
        if (effect.StandardError == 0)
        {
            return "–";
        }

        return Format.PValue(effect.PValue());
    }

}
