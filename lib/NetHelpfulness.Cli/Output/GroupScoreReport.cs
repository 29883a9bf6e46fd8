using System.Globalization;
using System.Text.Json;
using System.Text;
using NetHelpfulness.Data;
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Cli.Output;

/// <summary>The output of <c>nethelp score --by COL</c>: each group's scores and its differences from the reference group.</summary>
/// <remarks>
/// Small cells are suppressed: a group × scenario with fewer than <see cref="MinimumCell"/> respondents shows no estimate
/// (respondent-level data are personal data), nor does a difference that involves one; every output that suppresses says so.
/// </remarks>
internal sealed record GroupScoreReport(string Input, IntervalMethod Method, double Level, SurveyResponses Survey, GroupComparisonResult Result, BootstrapOptions? Bootstrap, int MinimumCell)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Run(ParsedOptions options, string by, IntervalMethod method, double level, string format, LonelyPsu lonely, BootstrapOptions? bootstrap)
    {
        if (method is not (IntervalMethod.Wald or IntervalMethod.Linearized or IntervalMethod.BootstrapPercentile or IntervalMethod.BootstrapBca))
        {
            throw new UsageException("--by works with --ci linearized, wald, bootstrap-percentile or bootstrap-bca");
        }

        var survey = SurveyInput.Load(options, [by]);
        var groups = survey.Groups.Single(g => g.Name == by);
        var reference = options.Get("reference");
        if (reference is not null && !groups.Levels.Contains(reference, StringComparer.Ordinal))
        {
            throw new UsageException($"--reference: no group '{reference}' in column '{by}'; it has {string.Join(", ", groups.Levels.Order(StringComparer.Ordinal))}");
        }

        var minimumCell = options.Int("min-cell", 30, 1, 1_000_000);
        var result = GroupComparison.ByGroup(survey, groups, method, reference, level, lonely, bootstrap);
        var report = new GroupScoreReport(options.Require("input"), method, level, survey, result, bootstrap, minimumCell);
        return format switch
        {
            "json" => report.ToJson(),
            "csv" => report.ToCsv(),
            _ => report.ToTable(),
        };
    }

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("input", Input);
            json.WriteString("method", ScoreReport.MethodName(Method));
            json.WriteNumber("level", Level);
            if (Bootstrap is not null)
            {
                json.WriteNumber("replicates", Bootstrap.Replicates);
                json.WriteNumber("seed", Bootstrap.Seed);
            }

            json.WriteString("by", Result.Column);
            json.WriteString("reference", Result.Reference);
            json.WriteNumber("min_cell", MinimumCell);
            json.WriteStartArray("groups");
            foreach (var (group, scenario, s) in Result.Scores)
            {
                json.WriteStartObject();
                json.WriteString("group", group);
                json.WriteString("scenario", scenario);
                json.WriteNumber("n", s.N);
                if (Suppressed(group, scenario))
                {
                    json.WriteString("note", SuppressedNote);
                    json.WriteEndObject();
                    continue;
                }

                json.WriteNumber("helpful", s.Helpful);
                json.WriteNumber("neutral", s.Neutral);
                json.WriteNumber("creepy", s.Creepy);
                json.WriteNumber("net", s.Estimate);
                json.WriteNumber("se", s.StandardError);
                json.WriteNumber("ci_low", s.Interval.Lower);
                json.WriteNumber("ci_high", s.Interval.Upper);
                json.WriteNumber("design_effect", s.DesignEffect);
                json.WriteNumber("effective_n", s.EffectiveN);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("differences");
            foreach (var (group, reference, scenario, d) in Result.Differences)
            {
                json.WriteStartObject();
                json.WriteString("group", group);
                json.WriteString("reference", reference);
                json.WriteString("scenario", scenario);
                json.WriteNumber("n", d.N);
                if (Suppressed(group, scenario) || Suppressed(reference, scenario))
                {
                    json.WriteString("note", SuppressedNote);
                    json.WriteEndObject();
                    continue;
                }

                json.WriteNumber("estimate", d.Estimate);
                json.WriteNumber("se", d.StandardError);
                json.WriteNumber("ci_low", d.Interval.Lower);
                json.WriteNumber("ci_high", d.Interval.Upper);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

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
        var levelText = (Level * 100).ToString("0.##", Inv) + "%";
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
                (s.Helpful * 100).ToString("0.0", Inv),
                (s.Creepy * 100).ToString("0.0", Inv),
                Points(s.Estimate),
                $"[{Points(s.Interval.Lower)}, {Points(s.Interval.Upper)}]",
                d is null ? "(reference)" : referenceSuppressed ? SuppressedNote : Points(d.Estimate),
                d is null || referenceSuppressed ? "" : $"[{Points(d.Interval.Lower)}, {Points(d.Interval.Upper)}]",
            ]);
        }

        var text = new StringBuilder();
        text.Append(Inv, $"Net helpfulness score by {Result.Column} and scenario, and each group minus {Result.Reference} (percentage points)\n");
        text.Append(Inv, $"input: {Input} ({Survey.RespondentCount} respondents, {Result.Groups.Count} groups, {Survey.ScenarioCount} scenarios, scale {Survey.Scale})\n");
        text.Append(Inv, $"each group is a domain of the whole design; interval: {ScoreReport.Describe(Method, Survey, Bootstrap)}\n\n");
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

    private static string Points(double net) => (net * 100).ToString("+0.0;−0.0;0.0", Inv);
}
