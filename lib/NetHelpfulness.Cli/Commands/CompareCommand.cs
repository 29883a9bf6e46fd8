using System.Globalization;
using System.Text;
using NetHelpfulness.Estimation.Calibration;

namespace NetHelpfulness.Cli.Commands;

/// <summary>
/// <c>nethelp compare</c>: the paired difference of two scenarios' net scores (<c>--a</c>, <c>--b</c>), or any linear
/// combination of scenario net scores (<c>--contrast</c>), with its interval.
/// </summary>
internal sealed class CompareCommand : ICommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly string[] ContrastHeader = ["scenario", "coefficient", "n", "net", "SE"];

    public string Name => "compare";

    public string Summary => "paired difference of two scenarios' net scores, or any contrast of scenarios, with its interval";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        .. SurveyInput.EstimationOptions,
        new("a", "the first scenario", ValueName: "SCENARIO"),
        new("b", "the second scenario (the difference is a − b, over respondents who rated both)", ValueName: "SCENARIO"),
        new("contrast", "a linear combination of scenario net scores, e.g. \"A=1,B=-0.5,C=-0.5\" (each net score over the respondents who answered it; linearized)", ValueName: "S=C,..."),
        SurveyInput.MethodOption(EstimateTarget.PairedDifference),
        .. BootstrapInput.Options,
        SurveyInput.LevelOption,
        new("format", "table (default) or json", ValueName: "FORMAT"),
    ];

    public string Run(ParsedOptions options, TextWriter stderr)
    {
        var level = options.Double("level", Defaults.Level, 0, 1);
        var format = options.Choice("format", "table", "table", "json");
        if (options.Get("contrast") is { } contrastText)
        {
            if (options.Has("a") || options.Has("b"))
            {
                throw new UsageException("--contrast replaces --a and --b (the paired difference is the contrast \"A=1,B=-1\" over respondents who rated both); give one or the other");
            }

            return Contrast(options, stderr, ParseContrast(contrastText), level, format);
        }

        var a = options.Require("a");
        var b = options.Require("b");
        var method = SurveyInput.Method(options, EstimateTarget.PairedDifference);
        var bootstrap = BootstrapInput.Read(options, method);
        var survey = SurveyInput.Load(options, stderr);
        foreach (var (option, scenario) in new[] { ("a", a), ("b", b) })
        {
            RequireScenario(survey, "--" + option, scenario);
        }

        var design = survey.Design(SurveyInput.Spec(options));
        var result = PairedDifference.Compare(survey, a, b, design, method, level, bootstrap);
        var input = options.Require("input");
        if (format == "json")
        {
            var d = result.Difference;
            return JsonOutput.Write(new CompareJson(input, result.A, result.B, IntervalMethods.NameOf(d.Method), level, bootstrap?.Replicates, bootstrap?.Seed,
                d.N, d.Estimate, d.StandardError, d.Interval.Lower, d.Interval.Upper, CalibrationJson.From(design.CalibrationSpec)));
        }

        return ToTable(input, level, survey, bootstrap, result, design.CalibrationSpec);
    }

    /// <summary>Parses <c>A=1,B=-0.5</c>: scenario names and finite coefficients, each scenario once.</summary>
    internal static IReadOnlyList<(string Scenario, double Coefficient)> ParseContrast(string text)
    {
        var terms = new List<(string, double)>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var equals = part.LastIndexOf('=');
            var scenario = equals > 0 ? part[..equals].Trim() : "";
            if (scenario.Length == 0
                || !double.TryParse(part[(equals + 1)..], NumberStyles.Float, Inv, out var coefficient) || !double.IsFinite(coefficient))
            {
                throw new UsageException($"--contrast: '{part}' is not SCENARIO=COEFFICIENT (for example sale_alert=1; '.' as decimal point); got \"{text}\"");
            }

            if (terms.Any(t => t.Item1 == scenario))
            {
                throw new UsageException($"--contrast names scenario '{scenario}' twice");
            }

            terms.Add((scenario, coefficient));
        }

        return terms.All(t => t.Item2 == 0)
            ? throw new UsageException("--contrast: every coefficient is 0, so there is nothing to estimate")
            : terms;
    }

    private static string Contrast(ParsedOptions options, TextWriter stderr, IReadOnlyList<(string Scenario, double Coefficient)> terms, double level, string format)
    {
        if (options.Has("ci"))
        {
            SurveyInput.Method(options, EstimateTarget.Contrast);
        }

        BootstrapInput.Read(options, IntervalMethod.Linearized);
        var survey = SurveyInput.Load(options, stderr);
        foreach (var (scenario, _) in terms)
        {
            RequireScenario(survey, "--contrast", scenario);
        }

        var design = survey.Design(SurveyInput.Spec(options));
        var estimates = terms.Select(t =>
        {
            try
            {
                return NetScore.Estimate(survey.Scores(survey.ScenarioIndex(t.Scenario)), design, t.Scenario);
            }
            catch (InsufficientDataException e)
            {
                throw new InsufficientDataException($"scenario '{t.Scenario}' in {survey.Source}: {e.Message}");
            }
        }).ToList();
        var contrast = DesignEstimates.Contrast(estimates, [.. terms.Select(t => t.Coefficient)]);
        var summary = contrast.Summarize(level);
        double? z = contrast.StandardError > 0 ? contrast.Estimate / contrast.StandardError : null;
        var input = options.Require("input");
        if (format == "json")
        {
            return JsonOutput.Write(new ContrastOutputJson(input, summary.Method, level, new ContrastJson(
                [.. terms.Select((t, k) => new ContrastTermJson(t.Scenario, t.Coefficient, estimates[k].N, estimates[k].Estimate, estimates[k].StandardError))],
                summary.N, summary.EffectiveN, summary.Estimate, summary.StandardError, summary.Interval.Lower, summary.Interval.Upper,
                z, z is null ? null : contrast.PValue()), CalibrationJson.From(design.CalibrationSpec)));
        }

        var levelText = Format.Level(level);
        var rows = new List<string[]> { ContrastHeader };
        rows.AddRange(terms.Select((t, k) => new[]
        {
            t.Scenario, t.Coefficient.ToString("R", Inv), estimates[k].N.ToString(Inv), Format.Points(estimates[k].Estimate), Format.PointsUnsigned(estimates[k].StandardError),
        }));
        var text = new StringBuilder();
        text.Append("Contrast of net helpfulness scores: Σ coefficient × net score, each over the respondents who answered it (percentage points)\n");
        text.Append(Inv, $"input: {input} ({survey.RespondentCount} respondents, scale {survey.Scale})\n");
        text.Append(Inv, $"interval: {ScoreReport.Describe(IntervalMethod.Linearized, survey, null, design.CalibrationSpec)}; the scenarios' covariance is kept (svycontrast)\n\n");
        text.Append(TextTable.Render(rows, leftAligned: 1)).Append('\n');
        text.Append(Inv, $"contrast = {Format.Points(summary.Estimate)}, {levelText} CI [{Format.Points(summary.Interval.Lower)}, {Format.Points(summary.Interval.Upper)}], SE {Format.PointsUnsigned(summary.StandardError)}");
        text.Append(Inv, $", z = {(z is { } zz ? zz.ToString("0.00", Inv) : "–")}, n = {summary.N} respondents who answered any of them\n");
        return text.ToString();
    }

    private static void RequireScenario(SurveyResponses survey, string option, string scenario)
    {
        if (!survey.Scenarios.Contains(scenario, StringComparer.Ordinal))
        {
            throw new UsageException($"{option}: no scenario '{scenario}' in {survey.Source}; it has {string.Join(", ", survey.Scenarios)}");
        }
    }

    private static string ToTable(string input, double level, SurveyResponses survey, BootstrapOptions? bootstrap, PairedDifferenceEstimate result, CalibrationSpec? calibration)
    {
        var d = result.Difference;
        var rows = new List<string[]>
        {
            new[] { "a", "b", "n (answered both)", "a − b", $"{Format.Level(level)} CI", "SE" },
            new[] { result.A, result.B, d.N.ToString(Inv), Format.Points(d.Estimate), $"[{Format.Points(d.Interval.Lower)}, {Format.Points(d.Interval.Upper)}]", Format.PointsUnsigned(d.StandardError, 2) },
        };
        var text = new StringBuilder();
        text.Append(Inv, $"Paired difference of net helpfulness scores, a − b, over respondents who rated both (percentage points)\n");
        text.Append(Inv, $"input: {input} ({survey.RespondentCount} respondents, scale {survey.Scale})\n");
        text.Append(Inv, $"interval: {ScoreReport.Describe(d.Method, survey, bootstrap, calibration)}\n\n");
        text.Append(TextTable.Render(rows, leftAligned: 2));
        return text.ToString();
    }
}
