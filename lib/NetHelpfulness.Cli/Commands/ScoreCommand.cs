using NetHelpfulness.Cli.Output;

namespace NetHelpfulness.Cli.Commands;

/// <summary><c>nethelp score</c>: the net helpfulness score of every scenario with its interval.</summary>
internal sealed class ScoreCommand : ICommand
{
    public string Name => "score";

    public string Summary => "net helpfulness score of every scenario, with confidence intervals";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        .. SurveyInput.Options,
        new("ci", "interval method: linearized (default), wald, adjusted-wald or tango (see docs/intervals.md)", ValueName: "METHOD"),
        new("level", "confidence level (default 0.95)", ValueName: "P"),
        new("format", "table (default), csv or json", ValueName: "FORMAT"),
    ];

    public string Run(ParsedOptions options, TextWriter stderr)
    {
        var method = options.Choice("ci", "linearized", "linearized", "wald", "adjusted-wald", "tango") switch
        {
            "wald" => IntervalMethod.Wald,
            "adjusted-wald" => IntervalMethod.AdjustedWald,
            "tango" => IntervalMethod.Tango,
            _ => IntervalMethod.Linearized,
        };
        var level = options.Double("level", 0.95, 0, 1);
        var format = options.Choice("format", "table", "table", "csv", "json");
        if (method == IntervalMethod.Wald && options.Has("weight"))
        {
            throw new UsageException("--ci wald is the unweighted textbook interval; drop --weight or use --ci linearized");
        }

        var lonely = SurveyInput.LonelyPsuRule(options);
        var survey = SurveyInput.Load(options);
        var scores = NetScore.ForEachScenario(survey, method, level, lonely);
        var report = new ScoreReport(options.Require("input"), method, level, survey, scores);
        return format switch
        {
            "json" => report.ToJson(),
            "csv" => report.ToCsv(),
            _ => report.ToTable(),
        };
    }
}
