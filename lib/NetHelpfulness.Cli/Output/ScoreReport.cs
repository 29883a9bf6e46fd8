using System.Globalization;
using System.Text;
using NetHelpfulness.Estimation.Calibration;

namespace NetHelpfulness.Cli.Output;

/// <summary>The output of <c>nethelp score</c> in its three formats.</summary>
internal sealed record ScoreReport(string Input, IntervalMethod Method, double Level, SurveyResponses Survey, IReadOnlyList<ScenarioScore> Scores)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The bootstrap's settings when <see cref="Method"/> is a bootstrap method.</summary>
    public BootstrapOptions? Bootstrap { get; init; }

    /// <summary>The calibration of the design's weights, or null.</summary>
    public CalibrationSpec? Calibration { get; init; }

    public string ToJson() => JsonOutput.Write(new ScoreJson(Input, IntervalMethods.NameOf(Method), Level, Bootstrap?.Replicates, Bootstrap?.Seed,
        [.. Scores.Select(s => ScenarioScoreJson.From(s.Scenario, s.Score))], CalibrationJson.From(Calibration)));

    public string ToCsv()
    {
        var text = new StringBuilder();
        text.Append("scenario,n,helpful,neutral,creepy,net,se,ci_low,ci_high,design_effect,effective_n\n");
        foreach (var (scenario, s) in Scores)
        {
            text.Append(Csv.Quote(scenario));
            foreach (var value in new double[] { s.N, s.Helpful, s.Neutral, s.Creepy, s.Estimate, s.StandardError, s.Interval.Lower, s.Interval.Upper, s.DesignEffect, s.EffectiveN })
            {
                text.Append(',').Append(value.ToString("R", Inv));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    public string ToTable()
    {
        var levelText = Format.Level(Level);
        var rows = new List<string[]>
        {
            new[] { "scenario", "n", "helpful", "neutral", "creepy", "net", $"{levelText} CI", "SE", "deff", "n_eff" },
        };
        foreach (var (scenario, s) in Scores)
        {
            rows.Add(
            [
                scenario,
                s.N.ToString(Inv),
                Format.PercentNumber(s.Helpful),
                Format.PercentNumber(s.Neutral),
                Format.PercentNumber(s.Creepy),
                Format.Points(s.Estimate),
                $"[{Format.Points(s.Interval.Lower)}, {Format.Points(s.Interval.Upper)}]",
                Format.PointsUnsigned(s.StandardError, 2),
                Format.Decimal(s.DesignEffect, 2),
                Format.Decimal(s.EffectiveN, 0),
            ]);
        }

        var text = new StringBuilder();
        text.Append(Inv, $"Net helpfulness score by scenario: % helpful − % creepy (percentage points)\n");
        text.Append(Inv, $"input: {Input} ({Survey.RespondentCount} respondents, {Survey.ScenarioCount} scenarios, scale {Survey.Scale})\n");
        text.Append(Inv, $"interval: {Describe(Method, Survey, Bootstrap, Calibration)}\n\n");
        text.Append(TextTable.Render(rows, leftAligned: 1));
        return text.ToString();
    }

    /// <summary>The interval line of a table: the registry's method, and the design the survey was read with (calibrated when <paramref name="calibration"/> is given).</summary>
    internal static string Describe(IntervalMethod method, SurveyResponses survey, BootstrapOptions? bootstrap, CalibrationSpec? calibration)
    {
        var info = IntervalMethods.Of(method);
        if (!info.AppliesToWeighted)
        {
            return $"{info.Name} ({info.Citation}: {info.Description})";
        }

        var spec = survey.DefaultDesign;
        var design = string.Join(", ", new[]
        {
            spec.IsWeighted ? "weighted" : "unweighted",
            survey.Strata is { } s ? $"strata: {s.Name} ({s.Levels.Count})" : "no strata",
            survey.Clusters is { } c ? $"clusters: {c.Name} ({c.Levels.Count})" : "clusters: respondents",
            calibration?.Describe(),
        }.OfType<string>());
        if (bootstrap is not null)
        {
            return string.Create(Inv, $"{info.Name} ({bootstrap.Replicates} replicates, seed {bootstrap.Seed}; PSUs resampled within strata{(calibration is null ? "" : ", every replicate calibrated again")}; {design})");
        }

        return method switch
        {
            IntervalMethod.Linearized => $"{info.Name} (Taylor series{(calibration is null ? "" : " with the calibration residuals")}; {design})",
            _ when spec.HasDesign || calibration is not null => $"{info.Name} ({info.Citation}, on the design's effective n; {design})",
            _ => $"{info.Name} ({info.Citation}: {info.Description})",
        };
    }

}
