using System.Globalization;
using System.Text.Json;
using System.Text;
using NetHelpfulness.Cli.Output;
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Cli.Commands;

/// <summary><c>nethelp compare</c>: the paired difference of two scenarios' net scores, rated by the same respondents.</summary>
internal sealed class CompareCommand : ICommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public string Name => "compare";

    public string Summary => "paired difference of two scenarios' net scores (same respondents), with its interval";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        .. SurveyInput.Options,
        new("a", "the first scenario", ValueName: "SCENARIO"),
        new("b", "the second scenario (the difference is a − b)", ValueName: "SCENARIO"),
        new("ci", "interval method: linearized (default), wald, bootstrap-percentile or bootstrap-bca", ValueName: "METHOD"),
        .. BootstrapInput.Options,
        new("level", "confidence level (default 0.95)", ValueName: "P"),
        new("format", "table (default) or json", ValueName: "FORMAT"),
    ];

    public string Run(ParsedOptions options, TextWriter stderr)
    {
        var a = options.Require("a");
        var b = options.Require("b");
        var ci = options.Choice("ci", "linearized", "linearized", "wald", "bootstrap-percentile", "bootstrap-bca");
        var method = BootstrapInput.BootstrapMethod(ci) ?? (ci == "wald" ? IntervalMethod.Wald : IntervalMethod.Linearized);
        var bootstrap = BootstrapInput.Read(options, method);
        var level = options.Double("level", 0.95, 0, 1);
        var format = options.Choice("format", "table", "table", "json");
        if (method == IntervalMethod.Wald && options.Has("weight"))
        {
            throw new UsageException("--ci wald is the unweighted textbook interval; drop --weight or use --ci linearized");
        }

        var lonely = SurveyInput.LonelyPsuRule(options);
        var survey = SurveyInput.Load(options);
        foreach (var (option, scenario) in new[] { ("a", a), ("b", b) })
        {
            if (!survey.Scenarios.Contains(scenario, StringComparer.Ordinal))
            {
                throw new UsageException($"--{option}: no scenario '{scenario}' in {survey.Source}; it has {string.Join(", ", survey.Scenarios)}");
            }
        }

        var result = PairedDifference.Compare(survey, a, b, method, level, lonely, bootstrap);
        var input = options.Require("input");
        return format == "json" ? ToJson(input, level, bootstrap, result) : ToTable(input, level, survey, bootstrap, result);
    }

    private static string ToJson(string input, double level, BootstrapOptions? bootstrap, PairedDifferenceEstimate result)
    {
        var d = result.Difference;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("input", input);
            json.WriteString("a", result.A);
            json.WriteString("b", result.B);
            json.WriteString("method", ScoreReport.MethodName(d.Method));
            json.WriteNumber("level", level);
            if (bootstrap is not null)
            {
                json.WriteNumber("replicates", bootstrap.Replicates);
                json.WriteNumber("seed", bootstrap.Seed);
            }

            json.WriteNumber("n", d.N);
            json.WriteNumber("estimate", d.Estimate);
            json.WriteNumber("se", d.StandardError);
            json.WriteNumber("ci_low", d.Interval.Lower);
            json.WriteNumber("ci_high", d.Interval.Upper);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static string ToTable(string input, double level, NetHelpfulness.Data.SurveyResponses survey, BootstrapOptions? bootstrap, PairedDifferenceEstimate result)
    {
        var d = result.Difference;
        var levelText = (level * 100).ToString("0.##", Inv) + "%";
        var rows = new List<string[]>
        {
            new[] { "a", "b", "n (answered both)", "a − b", $"{levelText} CI", "SE" },
            new[] { result.A, result.B, d.N.ToString(Inv), Points(d.Estimate), $"[{Points(d.Interval.Lower)}, {Points(d.Interval.Upper)}]", (d.StandardError * 100).ToString("0.00", Inv) },
        };
        var text = new StringBuilder();
        text.Append(Inv, $"Paired difference of net helpfulness scores, a − b, over respondents who rated both (percentage points)\n");
        text.Append(Inv, $"input: {input} ({survey.RespondentCount} respondents, scale {survey.Scale})\n");
        text.Append(Inv, $"interval: {ScoreReport.Describe(d.Method, survey, bootstrap)}\n\n");
        text.Append(TextTable.Render(rows, leftAligned: 2));
        return text.ToString();
    }

    private static string Points(double net) => (net * 100).ToString("+0.0;−0.0;0.0", Inv);
}
