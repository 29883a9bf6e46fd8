using System.Globalization;
using System.Text;

namespace NetHelpfulness.Cli.Commands;

/// <summary><c>nethelp plan</c>: the sample size for a net score's (or a paired difference's) margin of error.</summary>
internal sealed class PlanCommand : ICommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public string Name => "plan";

    public string Summary => "sample size for a net score's margin of error (or a paired difference's)";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("margin", "half-width of the interval on the -1..1 scale, e.g. 0.03 for ±3 points", ValueName: "M"),
        new("helpful", "anticipated helpful share (scenario A with --paired), 0..1", ValueName: "P"),
        new("creepy", "anticipated creepy share (scenario A with --paired), 0..1", ValueName: "P"),
        new("design-effect", "anticipated design effect (default 1: simple random sample)", ValueName: "D"),
        SurveyInput.LevelOption,
        new("paired", "plan for the paired difference A - B of two scenarios rated by the same respondents", IsFlag: true),
        new("helpful-b", "with --paired: anticipated helpful share of scenario B", ValueName: "P"),
        new("creepy-b", "with --paired: anticipated creepy share of scenario B", ValueName: "P"),
        new("correlation", "with --paired: anticipated correlation of a respondent's scores on A and B, -1..1", ValueName: "R"),
        new("format", "table (default) or json", ValueName: "FORMAT"),
    ];

    public string Run(ParsedOptions options, TextWriter stderr)
    {
        var margin = Number(options, "margin", 0, 1, lowInclusive: false);
        var helpful = Number(options, "helpful", 0, 1);
        var creepy = Number(options, "creepy", 0, 1);
        var designEffect = options.Has("design-effect") ? Number(options, "design-effect", 0, 1000, lowInclusive: false) : 1.0;
        var level = options.Double("level", Defaults.Level, 0, 1);
        var format = options.Choice("format", "table", "table", "json");
        CheckSum(helpful, creepy, "--helpful", "--creepy");
        var paired = options.Has("paired");
        var pairedOptions = new[] { "helpful-b", "creepy-b", "correlation" };
        if (!paired)
        {
            var stray = pairedOptions.Where(options.Has).Select(o => "--" + o).ToList();
            if (stray.Count > 0)
            {
                throw new UsageException($"{string.Join(", ", stray)} apply to a paired difference only; add --paired");
            }

            var plan = SampleSize.ForNetScore(margin, helpful, creepy, designEffect, level);
            return format == "json" ? ToJson(plan, helpful, creepy, null) : ToTable(plan, helpful, creepy, null);
        }

        var missing = pairedOptions.Where(o => !options.Has(o)).Select(o => "--" + o).ToList();
        if (missing.Count > 0)
        {
            throw new UsageException($"--paired needs {string.Join(", ", missing)}");
        }

        var helpfulB = Number(options, "helpful-b", 0, 1);
        var creepyB = Number(options, "creepy-b", 0, 1);
        var correlation = Number(options, "correlation", -1, 1);
        CheckSum(helpfulB, creepyB, "--helpful-b", "--creepy-b");
        var pairedPlan = SampleSize.ForPairedDifference(margin, helpful, creepy, helpfulB, creepyB, correlation, designEffect, level);
        return format == "json"
            ? ToJson(pairedPlan, helpful, creepy, (helpfulB, creepyB, correlation))
            : ToTable(pairedPlan, helpful, creepy, (helpfulB, creepyB, correlation));
    }

    private static double Number(ParsedOptions options, string name, double low, double high, bool lowInclusive = true)
    {
        var text = options.Require(name);
        var ok = double.TryParse(text, NumberStyles.Float, Inv, out var value) && (lowInclusive ? value >= low : value > low) && value <= high;
        return ok
            ? value
            : throw new UsageException(string.Create(Inv,
                $"--{name} must be a number {(lowInclusive ? "from" : "above")} {low} {(lowInclusive ? "to" : "up to")} {high} ('.' as decimal point); got '{text}'"));
    }

    private static void CheckSum(double helpful, double creepy, string helpfulName, string creepyName)
    {
        if (helpful + creepy > 1 + 1e-12)
        {
            throw new UsageException(string.Create(Inv, $"{helpfulName} ({helpful}) and {creepyName} ({creepy}) are shares of one sample and must sum to at most 1"));
        }
    }

    private static string ToJson(SampleSizePlan plan, double helpful, double creepy, (double Helpful, double Creepy, double Correlation)? b) =>
        JsonOutput.Write(b is { } other
            ? new PlanJson("paired_difference", plan.Margin, plan.Level, plan.DesignEffect, null, null, helpful, creepy, other.Helpful, other.Creepy, other.Correlation,
                plan.Variance, plan.SimpleRandomSampleN, plan.RequiredN)
            : new PlanJson("net_score", plan.Margin, plan.Level, plan.DesignEffect, helpful, creepy, null, null, null, null, null,
                plan.Variance, plan.SimpleRandomSampleN, plan.RequiredN));

    private static string ToTable(SampleSizePlan plan, double helpful, double creepy, (double Helpful, double Creepy, double Correlation)? b)
    {
        string Pct(double share) => (share * 100).ToString("0.#", Inv) + "%";
        var points = (plan.Margin * 100).ToString("0.##", Inv);
        var levelText = (plan.Level * 100).ToString("0.##", Inv) + "%";
        var text = new StringBuilder();
        if (b is { } other)
        {
            text.Append(Inv, $"Sample size for the paired difference of two net scores (A − B, same respondents)\n");
            text.Append(Inv, $"assumed: A {Pct(helpful)} helpful / {Pct(creepy)} creepy; B {Pct(other.Helpful)} helpful / {Pct(other.Creepy)} creepy; ");
            text.Append(Inv, $"correlation of a respondent's scores {other.Correlation.ToString("0.###", Inv)}\n");
        }
        else
        {
            text.Append(Inv, $"Sample size for a net score\n");
            text.Append(Inv, $"assumed: {Pct(helpful)} helpful, {Pct(creepy)} creepy (net {((helpful - creepy) * 100).ToString("+0.#;−0.#;0", Inv)} points)\n");
        }

        text.Append(Inv, $"target: {levelText} interval of ±{points} points; per-respondent variance {plan.Variance.ToString("0.####", Inv)}\n\n");
        List<string[]> rows =
        [
            ["design", "respondents"],
            ["simple random sample", plan.SimpleRandomSampleN.ToString(Inv)],
        ];
        if (plan.DesignEffect != 1)
        {
            rows.Add([$"design effect {plan.DesignEffect.ToString("0.###", Inv)}", plan.RequiredN.ToString(Inv)]);
        }

        text.Append(TextTable.Render(rows, leftAligned: 1));
        return text.ToString();
    }
}
