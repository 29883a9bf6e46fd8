using System.Globalization;
using System.Text.Json;
using System.Text;
using NetHelpfulness.Data;
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Cli.Output;

/// <summary>The output of <c>nethelp score</c> in its three formats.</summary>
internal sealed record ScoreReport(string Input, IntervalMethod Method, double Level, SurveyResponses Survey, IReadOnlyList<ScenarioScore> Scores)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The bootstrap's settings when <see cref="Method"/> is a bootstrap method.</summary>
    public BootstrapOptions? Bootstrap { get; init; }

    public static string MethodName(IntervalMethod method) => method switch
    {
        IntervalMethod.Wald => "wald",
        IntervalMethod.Linearized => "linearized",
        IntervalMethod.AdjustedWald => "adjusted-wald",
        IntervalMethod.Tango => "tango",
        IntervalMethod.BootstrapPercentile => "bootstrap-percentile",
        IntervalMethod.BootstrapBca => "bootstrap-bca",
        _ => method.ToString().ToLowerInvariant(),
    };

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("input", Input);
            json.WriteString("method", MethodName(Method));
            json.WriteNumber("level", Level);
            if (Bootstrap is not null)
            {
                json.WriteNumber("replicates", Bootstrap.Replicates);
                json.WriteNumber("seed", Bootstrap.Seed);
            }

            json.WriteStartArray("scenarios");
            foreach (var (scenario, s) in Scores)
            {
                json.WriteStartObject();
                json.WriteString("scenario", scenario);
                json.WriteNumber("n", s.N);
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
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

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
        var levelText = (Level * 100).ToString("0.##", Inv) + "%";
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
                Percent(s.Helpful),
                Percent(s.Neutral),
                Percent(s.Creepy),
                Points(s.Estimate),
                $"[{Points(s.Interval.Lower)}, {Points(s.Interval.Upper)}]",
                (s.StandardError * 100).ToString("0.00", Inv),
                s.DesignEffect.ToString("0.00", Inv),
                s.EffectiveN.ToString("0", Inv),
            ]);
        }

        var text = new StringBuilder();
        text.Append(Inv, $"Net helpfulness score by scenario: % helpful − % creepy (percentage points)\n");
        text.Append(Inv, $"input: {Input} ({Survey.RespondentCount} respondents, {Survey.ScenarioCount} scenarios, scale {Survey.Scale})\n");
        text.Append(Inv, $"interval: {Describe(Method, Survey, Bootstrap)}\n\n");
        text.Append(TextTable.Render(rows, leftAligned: 1));
        return text.ToString();
    }

    internal static string Describe(IntervalMethod method, SurveyResponses survey, BootstrapOptions? bootstrap)
    {
        if (method == IntervalMethod.Wald)
        {
            return "wald (unweighted textbook interval, Rocks 2016)";
        }

        var parts = new List<string> { survey.IsWeighted ? "weighted" : "unweighted" };
        parts.Add(survey.Strata is { } s ? $"strata: {s.Name} ({s.Levels.Count})" : "no strata");
        parts.Add(survey.Clusters is { } c ? $"clusters: {c.Name} ({c.Levels.Count})" : "clusters: respondents");
        var design = string.Join(", ", parts);
        var onDesign = survey.IsWeighted || survey.Strata is not null || survey.Clusters is not null;
        if (bootstrap is not null)
        {
            return string.Create(Inv, $"{MethodName(method)} ({bootstrap.Replicates} replicates, seed {bootstrap.Seed}; PSUs resampled within strata; {design})");
        }

        return method switch
        {
            IntervalMethod.AdjustedWald => onDesign
                ? $"adjusted-wald (Rocks 2016, on the design's effective n; {design})"
                : "adjusted-wald (Rocks 2016: +0.75 helpful, +1.5 neutral, +0.75 creepy)",
            IntervalMethod.Tango => onDesign
                ? $"tango (Tango 1998 score interval, on the design's effective n; {design})"
                : "tango (Tango 1998 score interval)",
            _ => $"linearized (Taylor series; {design})",
        };
    }

    private static string Percent(double share) => (share * 100).ToString("0.0", Inv);

    private static string Points(double net) => (net * 100).ToString("+0.0;−0.0;0.0", Inv);
}
