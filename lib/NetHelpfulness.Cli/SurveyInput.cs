using System.Globalization;

namespace NetHelpfulness.Cli;

/// <summary>The options every command that reads a survey shares, and the loading they drive.</summary>
internal static class SurveyInput
{
    public static IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("input", "survey file: CSV (long or wide; a Qualtrics export too) or SPSS .sav/.zsav (see data/README.md)", ValueName: "FILE"),
        new("id", "respondent identifier column (default respondent_id; a wide file without one numbers its rows)", ValueName: "COL"),
        new("weight", "design-weight column (default: unweighted)", ValueName: "COL"),
        new("strata", "strata column (default: none)", ValueName: "COL"),
        new("cluster", "cluster (PSU) column (default: each respondent)", ValueName: "COL"),
        new("lonely-psu", "single-PSU strata: fail (default), certainty, average, adjust", ValueName: "RULE"),
        new("layout", "long (default) or wide", ValueName: "LAYOUT"),
        new("scenario-columns", "wide layout: comma-separated scenario columns", ValueName: "A,B,..."),
        new("scenario-prefix", "wide layout: scenario columns start with this prefix", ValueName: "PREFIX"),
        new("scale-min", "lowest rating of the scale (default 1)", ValueName: "K"),
        new("scale-max", "highest rating of the scale (default 5)", ValueName: "K"),
        new("helpful", "ratings counted helpful (default 4-5)", ValueName: "A-B"),
        new("creepy", "ratings counted creepy (default 1-2)", ValueName: "C-D"),
        new("labels", "text answers: a CSV label,code (an empty code: not answered, e.g. Don't know)", ValueName: "FILE"),
        new("max-errors", "stop reading after this many problems (default 50)", ValueName: "N"),
    ];

    /// <summary>The options of the commands that estimate on a survey: <see cref="Options"/> and the calibration's (<c>--calibrate</c>).</summary>
    public static IReadOnlyList<OptionSpec> EstimationOptions { get; } = [.. Options, .. CalibrationInput.Options(CalibrationInput.SurveyCommand)];

    /// <summary>
    /// Reads the survey once, keeping the design columns (validated as they are read), <paramref name="groupColumns"/>
    /// (present, never empty), <paramref name="keepColumns"/> (kept as they are, empty values included) and the
    /// calibration's variables; notes on stderr when the file has a weight column but no weights were asked for, so that
    /// nobody gets unweighted numbers by accident.
    /// </summary>
    public static SurveyResponses Load(ParsedOptions options, TextWriter? stderr, IReadOnlyList<string>? groupColumns = null, IReadOnlyList<string>? keepColumns = null, CalibrationOptionNames? calibrationNames = null)
    {
        var path = options.Require("input");
        var layout = options.Choice("layout", options.Has("scenario-columns") || options.Has("scenario-prefix") ? "wide" : "long", "long", "wide");
        if (layout == "long" && (options.Has("scenario-columns") || options.Has("scenario-prefix")))
        {
            throw new UsageException("--scenario-columns and --scenario-prefix apply to the wide layout only");
        }

        var spec = Spec(options, calibrationNames);
        var scale = Scale(options);
        if (SurveyReader.IsSpssFile(path) && layout == "long" && !options.Has("layout"))
        {
            throw new UsageException($"{path} is an SPSS file, one case per respondent: name its rating variables with --scenario-columns A,B,... or --scenario-prefix PREFIX");
        }

        var read = new SurveyReadOptions
        {
            Layout = layout == "wide" ? SurveyLayout.Wide : SurveyLayout.Long,
            Scale = scale,
            AnswerLabels = options.Get("labels") is { } labels ? AnswerLabels.Read(labels, scale) : null,
            IdColumn = options.Get("id"),
            WeightColumn = spec.Weight,
            StrataColumn = spec.Strata,
            ClusterColumn = spec.Cluster,
            GroupColumns = groupColumns ?? [],
            KeepColumns = [.. groupColumns ?? [], .. keepColumns ?? [], .. CalibrationInput.Columns(spec.Calibration)],
            ScenarioColumns = options.Get("scenario-columns")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [],
            ScenarioPrefix = options.Get("scenario-prefix"),
            MaxIssues = options.Int("max-errors", 50, 1, 1_000_000),
        };
        var survey = SurveyReader.ReadFile(path, read);
        if (spec.Weight is null && UnusedWeight(survey) is { } column)
        {
            stderr?.WriteLine($"nethelp: note: {path} has a weight column '{column}', but no --weight was given, so the estimates are unweighted; add --weight {column} for weighted, design-based estimates");
        }

        return survey;
    }

    // A column that looks like design weights: the contract's `weight`, or an SPSS file's own WEIGHT BY variable.
    private static string? UnusedWeight(SurveyResponses survey) =>
        survey.FileWeight ?? (survey.FileColumns.Contains(SurveyResponses.WeightColumnName, StringComparer.Ordinal) ? SurveyResponses.WeightColumnName : null);

    /// <summary>The design the options describe: --weight, --strata, --cluster, --lonely-psu, and the calibration's options (--calibrate, or <paramref name="calibrationNames"/>).</summary>
    public static DesignSpec Spec(ParsedOptions options, CalibrationOptionNames? calibrationNames = null) => new()
    {
        Weight = options.Get("weight"),
        Strata = options.Get("strata"),
        Cluster = options.Get("cluster"),
        LonelyPsu = LonelyPsuRule(options),
        Calibration = CalibrationInput.Read(options, calibrationNames ?? CalibrationInput.SurveyCommand),
    };

    /// <summary>The interval method of --ci for <paramref name="target"/>, checked against the design once, from the registry.</summary>
    public static IntervalMethod Method(ParsedOptions options, EstimateTarget target)
    {
        var allowed = IntervalMethods.For(target);
        var name = options.Get("ci") ?? allowed[0].Name;
        var method = allowed.FirstOrDefault(m => m.Name == name)
            ?? throw new UsageException(IntervalMethods.All.Any(m => m.Name == name)
                ? $"--ci {name}: {IntervalMethods.Parse(name).WhyNot(target, false)}"
                : $"--ci must be one of {string.Join(", ", allowed.Select(m => m.Name))}; got '{name}'");
        if (method.WhyNot(target, options.Has("weight") || options.Has("calibrate")) is { } why)
        {
            throw new UsageException($"--ci {name}: {why} (drop {(options.Has("weight") ? "--weight" : "--calibrate")} or use --ci {allowed[0].Name})");
        }

        return method.Method;
    }

    /// <summary>The --level option every command with intervals shares.</summary>
    public static OptionSpec LevelOption { get; } = new("level", string.Create(CultureInfo.InvariantCulture, $"confidence level (default {Defaults.Level})"), ValueName: "P");

    /// <summary>The --ci option's line for a command's help, from the registry.</summary>
    public static OptionSpec MethodOption(EstimateTarget target) => new("ci", IntervalMethods.HelpText(target), ValueName: "METHOD");

    public static LonelyPsu LonelyPsuRule(ParsedOptions options) =>
        options.Choice("lonely-psu", "fail", "fail", "certainty", "average", "adjust") switch
        {
            "certainty" => LonelyPsu.Certainty,
            "average" => LonelyPsu.Average,
            "adjust" => LonelyPsu.Adjust,
            _ => LonelyPsu.Fail,
        };

    private static RatingScale Scale(ParsedOptions options)
    {
        if (!options.Has("scale-max") && !options.Has("scale-min") && !options.Has("helpful") && !options.Has("creepy"))
        {
            return RatingScale.FivePoint;
        }

        var min = options.Int("scale-min", 1, 0, 99);
        var max = options.Int("scale-max", 5, 1, 100);
        if (!options.Has("helpful") || !options.Has("creepy"))
        {
            if (min == 1 && max == 5)
            {
                var (hf, ht) = Range(options, "helpful", (4, 5));
                var (cf, ct) = Range(options, "creepy", (1, 2));
                return Make(min, max, hf, ht, cf, ct);
            }

            throw new UsageException("a scale other than 1..5 needs both --helpful A-B and --creepy C-D");
        }

        var (h1, h2) = Range(options, "helpful", default);
        var (c1, c2) = Range(options, "creepy", default);
        return Make(min, max, h1, h2, c1, c2);
    }

    private static RatingScale Make(int min, int max, int hf, int ht, int cf, int ct)
    {
        try
        {
            return new RatingScale(min, max, hf, ht, cf, ct);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message + (cf < min ? "; use --scale-min for a scale that starts below 1" : ""));
        }
    }

    private static (int From, int To) Range(ParsedOptions options, string name, (int, int) fallback)
    {
        var text = options.Get(name);
        if (text is null)
        {
            return fallback;
        }

        var parts = text.Split('-');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var to)
            ? (from, to)
            : throw new UsageException($"--{name} must be a range of ratings A-B, for example 6-7; got '{text}'");
    }
}
