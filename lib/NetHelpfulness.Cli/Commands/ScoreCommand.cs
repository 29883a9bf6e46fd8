namespace NetHelpfulness.Cli.Commands;

/// <summary><c>nethelp score</c>: the net helpfulness score of every scenario with its interval.</summary>
internal sealed class ScoreCommand : ICommand
{
    public string Name => "score";

    public string Summary => "net helpfulness score of every scenario, with confidence intervals";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        .. SurveyInput.EstimationOptions,
        SurveyInput.MethodOption(EstimateTarget.NetScore),
        .. BootstrapInput.Options,
        new("by", "score each group of this column (a domain of the design) and compare it with a reference group", ValueName: "COL"),
        new("reference", "with --by: the reference group (default: the first by name)", ValueName: "LEVEL"),
        new("min-cell", $"with --by: suppress groups with fewer respondents (default {Defaults.MinimumCell})", ValueName: "N"),
        SurveyInput.LevelOption,
        new("format", "table (default), csv or json", ValueName: "FORMAT"),
    ];

    public string Run(ParsedOptions options, TextWriter stderr)
    {
        var method = SurveyInput.Method(options, options.Has("by") ? EstimateTarget.Groups : EstimateTarget.NetScore);
        var bootstrap = BootstrapInput.Read(options, method);
        var level = options.Double("level", Defaults.Level, 0, 1);
        var format = options.Choice("format", "table", "table", "csv", "json");
        if (options.Get("by") is { } by)
        {
            return GroupScoreReport.Run(options, stderr, by, method, level, format, bootstrap);
        }

        if (options.Has("reference") || options.Has("min-cell"))
        {
            throw new UsageException("--reference and --min-cell apply with --by only");
        }

        var survey = SurveyInput.Load(options, stderr);
        StartupReport.Mark("read");
        var design = survey.Design(SurveyInput.Spec(options));
        var scores = NetScore.ForEachScenario(survey, design, method, level, bootstrap);
        StartupReport.Mark("estimate");
        var report = new ScoreReport(options.Require("input"), method, level, survey, scores) { Bootstrap = bootstrap, Calibration = design.CalibrationSpec };
        return format switch
        {
            "json" => report.ToJson(),
            "csv" => report.ToCsv(),
            _ => report.ToTable(),
        };
    }
}
