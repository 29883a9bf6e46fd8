using System.Globalization;
using NetHelpfulness.Data;
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Cli;

/// <summary>The options every command that reads a survey shares, and the loading they drive.</summary>
internal static class SurveyInput
{
    public static IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("input", "survey file (CSV; see data/README.md)", ValueName: "FILE"),
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
        new("max-errors", "stop reading after this many problems (default 50)", ValueName: "N"),
    ];

    /// <summary>
    /// Reads the survey once, keeping the design columns (validated as they are read), <paramref name="groupColumns"/>
    /// (required, validated) and <paramref name="keepColumns"/> (kept when the file has them, checked by their user).
    /// </summary>
    public static SurveyResponses Load(ParsedOptions options, TextWriter? stderr, IReadOnlyList<string>? groupColumns = null, IReadOnlyList<string>? keepColumns = null)
    {
        var path = options.Require("input");
        var layout = options.Choice("layout", options.Has("scenario-columns") || options.Has("scenario-prefix") ? "wide" : "long", "long", "wide");
        if (layout == "long" && (options.Has("scenario-columns") || options.Has("scenario-prefix")))
        {
            throw new UsageException("--scenario-columns and --scenario-prefix apply to the wide layout only");
        }

        var spec = Spec(options);
        var read = new SurveyReadOptions
        {
            Layout = layout == "wide" ? SurveyLayout.Wide : SurveyLayout.Long,
            Scale = Scale(options),
            IdColumn = options.Get("id"),
            WeightColumn = spec.Weight,
            StrataColumn = spec.Strata,
            ClusterColumn = spec.Cluster,
            GroupColumns = groupColumns ?? [],
            KeepColumns = [.. (groupColumns ?? []).Concat(keepColumns ?? [])],
            ScenarioColumns = options.Get("scenario-columns")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [],
            ScenarioPrefix = options.Get("scenario-prefix"),
            MaxIssues = options.Int("max-errors", 50, 1, 1_000_000),
        };
        return SurveyReader.ReadFile(path, read);
    }

    /// <summary>The design the options describe: --weight, --strata, --cluster, --lonely-psu.</summary>
    public static DesignSpec Spec(ParsedOptions options) => new()
    {
        Weight = options.Get("weight"),
        Strata = options.Get("strata"),
        Cluster = options.Get("cluster"),
        LonelyPsu = LonelyPsuRule(options),
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
        if (method.WhyNot(target, options.Has("weight")) is { } why)
        {
            throw new UsageException($"--ci {name}: {why} (drop --weight or use --ci {allowed[0].Name})");
        }

        return method.Method;
    }

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
