using System.Globalization;
using NetHelpfulness.Cli.Output;
using NetHelpfulness.Data;
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Cli.Commands;

/// <summary><c>nethelp banner</c>: a banner table — net scores by the levels of several variables side by side, with design-based significance letters.</summary>
internal sealed class BannerCommand : ICommand
{
    private static readonly string[] Formats = ["table", "csv", "json", "md", "html", "xlsx"];

    public string Name => "banner";

    public string Summary => "banner table: net scores by age, gender, country… side by side, with design-based significance letters";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        .. SurveyInput.EstimationOptions,
        new("by", "banner variables: respondent-level columns, comma-separated (empty values form an '(unknown)' column)", ValueName: "VAR1,VAR2"),
        new("levels", "column order of a variable's levels, e.g. \"age_band=18-34,35-54,55+\"; several variables separated by ';' (default: sorted by name, '(unknown)' last)", ValueName: "VAR=a,b;..."),
        new("scenarios", "rows: these scenarios in this order (default: every scenario)", ValueName: "A,B,..."),
        new("adjust", "adjustment of each scenario's and variable's pairwise tests: none, holm (default), bonferroni, bh", ValueName: "METHOD"),
        SurveyInput.LevelOption,
        new("alpha", "significance level of the letters, after adjustment (default 0.05)", ValueName: "A"),
        new("min-cell", $"suppress (and never test) cells with fewer respondents who answered (default {Defaults.MinimumCell})", ValueName: "N"),
        new("format", "table (default), csv, json, md, html or xlsx (xlsx needs --out)", ValueName: "FORMAT"),
        new("out", "write to FILE (temporary file beside it, then moved into place; nothing on error) instead of stdout", ValueName: "FILE"),
        new("force", "with --out: replace FILE if it exists", IsFlag: true),
    ];

    public string Run(ParsedOptions options, TextWriter stderr)
    {
        // Every option is checked before the file is read.
        var variables = List(options.Require("by"), "--by");
        var levels = LevelOrders(options.Get("levels"), variables);
        var scenarios = options.Get("scenarios") is { } s ? List(s, "--scenarios") : null;
        var adjustment = options.Choice("adjust", "holm", "none", "holm", "bonferroni", "bh") switch
        {
            "none" => PAdjustment.None,
            "bonferroni" => PAdjustment.Bonferroni,
            "bh" => PAdjustment.BenjaminiHochberg,
            _ => PAdjustment.Holm,
        };
        var bannerOptions = new BannerOptions
        {
            Scenarios = scenarios,
            Levels = levels,
            Adjustment = adjustment,
            Level = options.Double("level", Defaults.Level, 0, 1),
            Alpha = options.Double("alpha", 0.05, 0, 1),
            MinimumCell = options.Int("min-cell", Defaults.MinimumCell, 1, 1_000_000),
        };
        var format = options.Choice("format", "table", Formats);
        var input = options.Require("input");
        var outPath = options.Get("out");
        if (outPath is null && options.Has("force"))
        {
            throw new UsageException("--force applies with --out only");
        }

        if (format == "xlsx" && outPath is null)
        {
            throw new UsageException("--format xlsx writes a binary workbook: give --out FILE.xlsx");
        }

        var target = outPath is null ? null : OutputFile.CheckTarget(outPath, options.Has("force"));
        if (target is not null && string.Equals(target, Path.GetFullPath(input), StringComparison.Ordinal))
        {
            throw new UsageException($"--out '{outPath}' is the input file; name another file");
        }

        var survey = SurveyInput.Load(options, stderr, keepColumns: variables);
        foreach (var variable in variables.Where(v => !survey.HasColumn(v)))
        {
            throw new SurveyDataException(new DataIssue(input, 1, variable, "", survey.FileColumns.Contains(variable)
                ? "a respondent-level column (named in --by); it holds the ratings or scenarios"
                : $"a column named '{variable}' (named in --by); the header has: {string.Join(", ", survey.FileColumns)}"));
        }

        foreach (var scenario in scenarios ?? [])
        {
            if (!survey.Scenarios.Contains(scenario))
            {
                throw new UsageException($"--scenarios: no scenario '{scenario}' in {input}; it has {string.Join(", ", survey.Scenarios)}");
            }
        }

        var spec = SurveyInput.Spec(options);
        var result = Banner.Compute(survey, survey.Design(spec), variables, bannerOptions);
        // Shipped synthetic files say so in their names (data/README.md); their banners say so too.
        var source = new BannerSource(input, spec.Describe(), IsSynthetic: input.Contains("synthetic", StringComparison.OrdinalIgnoreCase));
        var report = new BannerReport(result, source);
        if (target is null)
        {
            return Render(report, format);
        }

        var hash = OutputFile.WriteAtomically(target, stream => Write(report, format, stream), options.Has("force"));
        return string.Create(CultureInfo.InvariantCulture,
            $"wrote {outPath}: banner of {result.Scenarios.Count} scenarios × {result.Columns.Count} columns ({format}), sha256 {hash}\n");
    }

    /// <summary>Writes a banner in one of the file formats (xlsx as a workbook, the others as UTF-8 text).</summary>
    internal static void Write(BannerReport report, string format, Stream stream)
    {
        if (format == "xlsx")
        {
            BannerWorkbook.Write(report.Result, report.Source, stream);
            return;
        }

        var bytes = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(Render(report, format));
        stream.Write(bytes);
    }

    private static string Render(BannerReport report, string format) => format switch
    {
        "csv" => report.ToCsv(),
        "json" => report.ToJson(),
        "md" => report.ToMarkdown(),
        "html" => BannerLayout.ToHtmlDocument(report.Result, report.Source),
        _ => report.ToTable(),
    };

    private static List<string> List(string text, string option)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries).ToList();
        if (items.Any(i => i.Length == 0))
        {
            throw new UsageException($"{option} must be a comma-separated list of names without empty entries; got '{text}'");
        }

        if (items.GroupBy(i => i, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            throw new UsageException($"{option} names '{repeated.Key}' twice");
        }

        return items;
    }

    /// <summary>Parses <c>age_band=18-34,35-54,55+;gender=female,male</c>.</summary>
    private static Dictionary<string, IReadOnlyList<string>> LevelOrders(string? text, List<string> variables)
    {
        var orders = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (text is null)
        {
            return orders;
        }

        foreach (var part in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var variable = equals > 0 ? part[..equals].Trim() : "";
            if (variable.Length == 0 || equals == part.Length - 1)
            {
                throw new UsageException($"--levels must be VAR=a,b,c (several separated by ';'); got '{part}'");
            }

            if (!variables.Contains(variable))
            {
                throw new UsageException($"--levels: '{variable}' is not a --by variable ({string.Join(", ", variables)})");
            }

            if (!orders.TryAdd(variable, List(part[(equals + 1)..], $"--levels {variable}")))
            {
                throw new UsageException($"--levels gives the order of '{variable}' twice");
            }
        }

        return orders;
    }
}
