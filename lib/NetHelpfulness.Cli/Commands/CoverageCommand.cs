using System.Globalization;
using System.Text;
using NetHelpfulness.Simulation;

namespace NetHelpfulness.Cli.Commands;

/// <summary><c>nethelp coverage</c>: a seeded Monte-Carlo study of each interval method's coverage and width.</summary>
internal sealed class CoverageCommand : ICommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public string Name => "coverage";

    public string Summary => "Monte-Carlo coverage and width of every interval method, n from 30 to 3,000";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("replicates", "simulated samples per cell (default 2000)", ValueName: "R"),
        new("sizes", "comma-separated sample sizes (default 30,100,300,1000,3000)", ValueName: "N,N,..."),
        new("methods", "comma-separated methods (default: wald, adjusted-wald, tango, linearized; also bootstrap-percentile, bootstrap-bca with 999 replicates)", ValueName: "M,M,..."),
        SurveyInput.LevelOption,
        new("seed", $"seed of the study (default {Defaults.CoverageSeed})", ValueName: "N"),
        new("format", "table (default), csv or json", ValueName: "FORMAT"),
    ];

    /// <summary>Methods the study can run, by name.</summary>
    internal static IReadOnlyList<CoverageMethod> AvailableMethods { get; } = [.. CoverageStudy.ClosedFormMethods, .. CoverageStudy.BootstrapMethods()];

    /// <summary>The methods run when none are named: the closed forms (the bootstrap is slow; name it to include it).</summary>
    internal static IReadOnlyList<CoverageMethod> DefaultMethods => CoverageStudy.ClosedFormMethods;

    public string Run(ParsedOptions options, TextWriter stderr)
    {
        var replicates = options.Int("replicates", 2000, 1, 10_000_000);
        var level = options.Double("level", Defaults.Level, 0, 1);
        var format = options.Choice("format", "table", "table", "csv", "json");
        var seed = ParseSeed(options.Get("seed"));
        var sizes = options.Get("sizes") is { } text ? ParseSizes(text) : CoverageStudy.DefaultSampleSizes;
        var methods = SelectMethods(options.Get("methods"));
        var results = CoverageStudy.Run(methods, CoverageStudy.DefaultTruths, sizes, replicates, level, seed, stderr.WriteLine);
        return format switch
        {
            "json" => ToJson(results, seed),
            "csv" => ToCsv(results),
            _ => ToTable(results, seed),
        };
    }

    internal static IReadOnlyList<CoverageMethod> SelectMethods(string? list)
    {
        if (list is null)
        {
            return DefaultMethods;
        }

        var names = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return [.. names.Select(name => AvailableMethods.FirstOrDefault(m => m.Name == name)
            ?? throw new UsageException($"--methods: unknown method '{name}'; methods: {string.Join(", ", AvailableMethods.Select(m => m.Name))}"))];
    }

    private static ulong ParseSeed(string? text) =>
        text is null ? Defaults.CoverageSeed
        : ulong.TryParse(text, NumberStyles.None, Inv, out var seed) ? seed
        : throw new UsageException($"--seed must be a non-negative integer; got '{text}'");

    private static int[] ParseSizes(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var sizes = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, Inv, out sizes[i]) || sizes[i] < 2 || sizes[i] > 1_000_000)
            {
                throw new UsageException($"--sizes must be integers from 2 to 1000000, separated by commas; got '{parts[i]}'");
            }
        }

        return parts.Length > 0 ? sizes : throw new UsageException("--sizes needs at least one sample size");
    }

    internal static string ToTable(IReadOnlyList<CoverageResult> results, ulong seed)
    {
        var first = results[0];
        var text = new StringBuilder();
        text.Append(Inv, $"Coverage of {first.Level * 100:0.##}% intervals for the net score (simulated simple random samples; synthetic)\n");
        text.Append(Inv, $"{first.Replicates} samples per cell, seed {seed}; Monte-Carlo SE of a coverage ≈ {first.MonteCarloError * 100:0.00} points\n\n");
        var methods = results.Select(r => r.Method).Distinct().ToList();
        var header = new List<string> { "truth h/0/c", "net", "n" };
        header.AddRange(methods.Select(m => m + " cov%"));
        header.AddRange(methods.Select(m => m + " width"));
        var rows = new List<string[]> { header.ToArray() };
        foreach (var cell in results.GroupBy(r => (r.Truth, r.N)))
        {
            var row = new List<string> { cell.Key.Truth.ToString(), (cell.Key.Truth.Net * 100).ToString("+0;−0;0", Inv), cell.Key.N.ToString(Inv) };
            row.AddRange(methods.Select(m => (cell.Single(r => r.Method == m).Coverage * 100).ToString("0.0", Inv)));
            row.AddRange(methods.Select(m => (cell.Single(r => r.Method == m).MeanWidth * 100).ToString("0.0", Inv)));
            rows.Add([.. row]);
        }

        text.Append(TextTable.Render(rows, leftAligned: 1));
        text.Append("\nwidth: mean interval width in percentage points.\n");
        return text.ToString();
    }

    internal static string ToCsv(IReadOnlyList<CoverageResult> results)
    {
        var text = new StringBuilder("method,helpful,neutral,creepy,net,n,replicates,covered,coverage,mc_se,mean_width,level\n");
        foreach (var r in results)
        {
            text.Append(Inv, $"{r.Method},{r.Truth.Helpful:R},{r.Truth.Neutral:R},{r.Truth.Creepy:R},{r.Truth.Net:R},{r.N},{r.Replicates},{r.Covered},{r.Coverage:R},{r.MonteCarloError:R},{r.MeanWidth:R},{r.Level:R}\n");
        }

        return text.ToString();
    }

    private static string ToJson(IReadOnlyList<CoverageResult> results, ulong seed) =>
        JsonOutput.Write(new CoverageJson("synthetic: simulated simple random samples", seed,
            [.. results.Select(r => new CoverageCellJson(r.Method, r.Truth.Helpful, r.Truth.Neutral, r.Truth.Creepy, r.Truth.Net, r.N, r.Replicates,
                r.Coverage, r.MonteCarloError, r.MeanWidth, r.Level))]));
}
