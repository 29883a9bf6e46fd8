using System.Globalization;
using System.Text;
using NetHelpfulness.Estimation.Calibration;

namespace NetHelpfulness.Cli.Output;

/// <summary>The output of <c>nethelp score --by COL</c>: each group's scores and its differences from the reference group.</summary>
/// <remarks>
/// Small cells are suppressed: a group × scenario with fewer than <see cref="MinimumCell"/> respondents shows no estimate
/// (respondent-level data are personal data), nor does a difference that involves one; every output that suppresses says so.
/// </remarks>
internal sealed record GroupScoreReport(string Input, IntervalMethod Method, double Level, SurveyResponses Survey, GroupComparisonResult Result, BootstrapOptions? Bootstrap, int MinimumCell)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Run(ParsedOptions options, TextWriter stderr, string by, IntervalMethod method, double level, string format, BootstrapOptions? bootstrap)
    {
        var survey = SurveyInput.Load(options, stderr, [by]);
        var groups = survey.Groups.Single(g => g.Name == by);
        var reference = options.Get("reference");
        if (reference is not null && !groups.Levels.Contains(reference, StringComparer.Ordinal))
        {
            throw new UsageException($"--reference: no group '{reference}' in column '{by}'; it has {string.Join(", ", groups.Levels.Order(StringComparer.Ordinal))}");
        }

        var minimumCell = options.Int("min-cell", Defaults.MinimumCell, 1, 1_000_000);
        var design = survey.Design(SurveyInput.Spec(options));
        var result = GroupComparison.ByGroup(survey, groups, design, method, reference, level, bootstrap);
        var report = new GroupScoreReport(options.Require("input"), method, level, survey, result, bootstrap, minimumCell) { Calibration = design.CalibrationSpec };
        return format switch
        {
            "json" => report.ToJson(),
            "csv" => report.ToCsv(),
            _ => report.ToTable(),
        };
    }

    /// <summary>The calibration of the design's weights, or null.</summary>
    public CalibrationSpec? Calibration { get; init; }

    public string ToJson() => JsonOutput.Write(new GroupScoresJson(Input, IntervalMethods.NameOf(Method), Level, Bootstrap?.Replicates, Bootstrap?.Seed,
        Result.Column, Result.Reference, MinimumCell,
        [.. Result.Scores.Select(g => Suppressed(g.Group, g.Scenario)
            ? new GroupScoreJson(g.Group, g.Scenario, g.Score.N, SuppressedNote, null, null, null, null, null, null, null, null, null)
            : new GroupScoreJson(g.Group, g.Scenario, g.Score.N, null, g.Score.Helpful, g.Score.Neutral, g.Score.Creepy, g.Score.Estimate,
                g.Score.StandardError, g.Score.Interval.Lower, g.Score.Interval.Upper, g.Score.DesignEffect, g.Score.EffectiveN))],
        [.. Result.Differences.Select(d => Suppressed(d.Group, d.Scenario) || Suppressed(d.Reference, d.Scenario)
            ? new GroupDifferenceJson(d.Group, d.Reference, d.Scenario, d.Difference.N, SuppressedNote, null, null, null, null)
            : new GroupDifferenceJson(d.Group, d.Reference, d.Scenario, d.Difference.N, null, d.Difference.Estimate, d.Difference.StandardError,
                d.Difference.Interval.Lower, d.Difference.Interval.Upper))], CalibrationJson.From(Calibration)));

    /// <summary>One row per group × scenario; the difference columns are empty for the reference group.</summary>
    public string ToCsv()
    {
        var text = new StringBuilder();
        text.Append("group,scenario,n,helpful,neutral,creepy,net,se,ci_low,ci_high,design_effect,effective_n,reference,difference,difference_se,difference_ci_low,difference_ci_high,note\n");
        foreach (var (group, scenario, s) in Result.Scores)
        {
            text.Append(Csv.Quote(group)).Append(',').Append(Csv.Quote(scenario));
            if (Suppressed(group, scenario))
            {
                text.Append(Inv, $",{s.N},,,,,,,,,,{Csv.Quote(Result.Reference)},,,,,{SuppressedNote}\n");
                continue;
            }

            foreach (var value in new double[] { s.N, s.Helpful, s.Neutral, s.Creepy, s.Estimate, s.StandardError, s.Interval.Lower, s.Interval.Upper, s.DesignEffect, s.EffectiveN })
            {
                text.Append(',').Append(value.ToString("R", Inv));
            }

            text.Append(',').Append(Csv.Quote(Result.Reference));
            var d = Suppressed(Result.Reference, scenario) ? null : Difference(group, scenario);
            foreach (var value in d is null ? [] : new[] { d.Estimate, d.StandardError, d.Interval.Lower, d.Interval.Upper })
            {
                text.Append(',').Append(value.ToString("R", Inv));
            }

            text.Append(d is null ? ",,,," : "").Append(',').Append(d is null && group != Result.Reference ? SuppressedNote : "").Append('\n');
        }

        return text.ToString();
    }

    public string ToTable()
    {
        var levelText = Format.Level(Level);
        var rows = new List<string[]>
        {
            new[] { "scenario", Result.Column, "n", "helpful", "creepy", "net", $"{levelText} CI", $"vs {Result.Reference}", $"{levelText} CI" },
        };
        // Scenario by scenario, so that the groups of one scenario stand together.
        foreach (var (group, scenario, s) in Result.Scores.OrderBy(x => Survey.ScenarioIndex(x.Scenario)))
        {
            if (Suppressed(group, scenario))
            {
                rows.Add([scenario, group, s.N.ToString(Inv), "", "", SuppressedNote, "", "", ""]);
                continue;
            }

            var d = Difference(group, scenario);
            var referenceSuppressed = d is not null && Suppressed(Result.Reference, scenario);
            rows.Add(
            [
                scenario,
                group,
                s.N.ToString(Inv),
                Format.PercentNumber(s.Helpful),
                Format.PercentNumber(s.Creepy),
                Format.Points(s.Estimate),
                $"[{Format.Points(s.Interval.Lower)}, {Format.Points(s.Interval.Upper)}]",
                d is null ? "(reference)" : referenceSuppressed ? SuppressedNote : Format.Points(d.Estimate),
                d is null || referenceSuppressed ? "" : $"[{Format.Points(d.Interval.Lower)}, {Format.Points(d.Interval.Upper)}]",
            ]);
        }

        var text = new StringBuilder();
        text.Append(Inv, $"Net helpfulness score by {Result.Column} and scenario, and each group minus {Result.Reference} (percentage points)\n");
        text.Append(Inv, $"input: {Input} ({Survey.RespondentCount} respondents, {Result.Groups.Count} groups, {Survey.ScenarioCount} scenarios, scale {Survey.Scale})\n");
        text.Append(Inv, $"each group is a domain of the whole design; interval: {ScoreReport.Describe(Method, Survey, Bootstrap, Calibration)}\n\n");
        text.Append(TextTable.Render(rows, leftAligned: 2));
        if (Result.Scores.Any(x => Suppressed(x.Group, x.Scenario)))
        {
            text.Append(Inv, $"\n{SuppressedNote}: groups with fewer than {MinimumCell} respondents are not shown (--min-cell).\n");
        }

        return text.ToString();
    }

    private string SuppressedNote => string.Create(Inv, $"suppressed (n < {MinimumCell})");

    private bool Suppressed(string group, string scenario) =>
        Result.Scores.First(x => x.Group == group && x.Scenario == scenario).Score.N < MinimumCell;

    private DifferenceEstimate? Difference(string group, string scenario) =>
        Result.Differences.FirstOrDefault(d => d.Group == group && d.Scenario == scenario)?.Difference;

}
