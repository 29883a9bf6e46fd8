using NetHelpfulness.Cli.Output;
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Cli.Commands;

/// <summary><c>nethelp score</c>: the net helpfulness score of every scenario with its interval.</summary>
internal sealed class ScoreCommand : ICommand
{
    public string Name => "score";

    public string Summary => "net helpfulness score of every scenario, with confidence intervals";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        .. SurveyInput.Options,
        new("ci", "interval method: linearized (default), wald, adjusted-wald, tango, bootstrap-percentile or bootstrap-bca (see docs/intervals.md)", ValueName: "METHOD"),
        .. BootstrapInput.Options,
        new("by", "score each group of this column (a domain of the design) and compare it with a reference group", ValueName: "COL"),
        new("reference", "with --by: the reference group (default: the first by name)", ValueName: "LEVEL"),
        new("min-cell", "with --by: suppress groups with fewer respondents (default 30)", ValueName: "N"),
        new("level", "confidence level (default 0.95)", ValueName: "P"),
        new("format", "table (default), csv or json", ValueName: "FORMAT"),
    ];

    public string Run(ParsedOptions options, TextWriter stderr)
    {
        var ci = options.Choice("ci", "linearized", "linearized", "wald", "adjusted-wald", "tango", "bootstrap-percentile", "bootstrap-bca");
        var method = BootstrapInput.BootstrapMethod(ci) ?? ci switch
        {
            "wald" => IntervalMethod.Wald,
            "adjusted-wald" => IntervalMethod.AdjustedWald,
            "tango" => IntervalMethod.Tango,
            _ => IntervalMethod.Linearized,
        };
        var bootstrap = BootstrapInput.Read(options, method);
        var level = options.Double("level", 0.95, 0, 1);
        var format = options.Choice("format", "table", "table", "csv", "json");
        if (method == IntervalMethod.Wald && options.Has("weight"))
        {
            throw new UsageException("--ci wald is the unweighted textbook interval; drop --weight or use --ci linearized");
        }

        var lonely = SurveyInput.LonelyPsuRule(options);
        if (options.Get("by") is { } by)
        {
            return GroupScoreReport.Run(options, by, method, level, format, lonely, bootstrap);
        }

        if (options.Has("reference") || options.Has("min-cell"))
        {
            throw new UsageException("--reference and --min-cell apply with --by only");
        }

        var survey = SurveyInput.Load(options);
        StartupReport.Mark("read");
        var scores = bootstrap is null
            ? NetScore.ForEachScenario(survey, method, level, lonely)
            : NetScore.BootstrapEachScenario(survey, method, bootstrap, level, lonely);
        StartupReport.Mark("estimate");
        var report = new ScoreReport(options.Require("input"), method, level, survey, scores) { Bootstrap = bootstrap };
        return format switch
        {
            "json" => report.ToJson(),
            "csv" => report.ToCsv(),
            _ => report.ToTable(),
        };
    }
}
