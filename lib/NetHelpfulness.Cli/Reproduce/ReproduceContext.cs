using System.Diagnostics;
using System.Security.Cryptography;
using NetHelpfulness.Figures;

namespace NetHelpfulness.Cli.Reproduce;

/// <summary>What <c>nethelp reproduce</c> was asked to do.</summary>
internal sealed record ReproduceSettings(
    string DataDirectory,
    string OutputDirectory,
    bool Images,
    string? ChromiumPath,
    double Level,
    int MinimumCell,
    int CoverageReplicates = ReproduceSteps.CoverageReplicates);

/// <summary>An input file and its checksum, for the manifest.</summary>
internal sealed record InputFile(string Role, string Path, string RelativePath, string Sha256, long Bytes)
{
    public static InputFile Of(string role, string path, string dataDirectory)
    {
        using var stream = File.OpenRead(path);
        var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        return new InputFile(role, System.IO.Path.GetFullPath(path), System.IO.Path.GetRelativePath(dataDirectory, path).Replace('\\', '/'), hash, stream.Length);
    }
}

/// <summary>One published number set beside its reproduction.</summary>
/// <param name="Item">What the number is, for example "sale_alert: net score".</param>
/// <param name="Published">As the article printed it, for example "+57".</param>
/// <param name="Unweighted">The unweighted estimate and interval, or null when not reproduced.</param>
/// <param name="Weighted">The design-based estimate and interval, or null.</param>
/// <param name="PublishedValue">The published value on the estimate's scale.</param>
/// <param name="IsPoints">True for net scores (shown in percentage points), false for shares.</param>
/// <param name="Pending">Why the number is not reproduced yet, when it is not.</param>
/// <param name="Kind">How the number is shown (a share or net score, or a ratio).</param>
internal sealed record Comparison(
    string Item,
    string Published,
    (double Estimate, ConfidenceInterval Interval)? Unweighted,
    (double Estimate, ConfidenceInterval Interval)? Weighted,
    double PublishedValue,
    bool IsPoints,
    string? Pending = null,
    ComparisonKind Kind = ComparisonKind.Proportion);

/// <summary>How a compared number is shown.</summary>
internal enum ComparisonKind
{
    /// <summary>A share or net score (percent or percentage points).</summary>
    Proportion,

    /// <summary>A ratio ("2.5×").</summary>
    Ratio,
}

/// <summary>Everything a reproduction step reads and adds: inputs, estimates, tables, figures, report notes.</summary>
internal sealed class ReproduceContext(ReproduceSettings settings, TextWriter progress)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public ReproduceSettings Settings { get; } = settings;

    /// <summary>Set when the user interrupts (Ctrl-C, SIGTERM); checked between steps and between images.</summary>
    public CancellationToken Interrupted { get; init; }

    public List<InputFile> Inputs { get; } = [];

    public SurveyResponses? Survey { get; set; }

    /// <summary>The study's design: weighted by the survey's weight column when it has one.</summary>
    public SurveyDesign? Design { get; set; }

    /// <summary>The unweighted design of the same respondents (for the textbook intervals).</summary>
    public SurveyDesign? UnweightedDesign { get; set; }

    /// <summary>Net scores by country, each a domain of the design, with each country's difference from the reference country.</summary>
    public GroupComparisonResult? Countries { get; set; }

    public bool IsSynthetic { get; set; }

    public ScenarioCatalogue? Catalogue { get; set; }

    /// <summary>The catalogue's columns as text, joined to the ratings by the models.</summary>
    public ScenarioAttributes? ScenarioAttributes { get; set; }

    public IReadOnlyList<PublishedNetScore> PublishedNetScores { get; set; } = [];

    public IReadOnlyList<PublishedRatio> PublishedRatios { get; set; } = [];

    public IReadOnlyList<ScenarioScore> Wald { get; set; } = [];

    public IReadOnlyList<ScenarioScore> Linearized { get; set; } = [];

    public IReadOnlyList<ScenarioRatingDistribution> Distributions { get; set; } = [];

    public IReadOnlyList<CountryScenarioCell> CountryCells { get; set; } = [];

    public IReadOnlyList<ScenarioScore> Tango { get; set; } = [];

    public IReadOnlyList<ContrastEffect> Effects { get; set; } = [];

    public List<(string Label, string Exposure, string Outcome, double? Published, BinaryComparison Unweighted, BinaryComparison Weighted)> TrustResults { get; } = [];

    public IReadOnlyList<NetHelpfulness.Simulation.CoverageResult> CoverageResults { get; set; } = [];

    public List<ResultTable> Tables { get; } = [];

    /// <summary>Banner tables, written under banners/ in CSV, Markdown, HTML and xlsx.</summary>
    public List<(string Name, NetHelpfulness.Cli.Output.BannerReport Report)> Banners { get; } = [];

    public List<Figure> Figures { get; } = [];

    public List<Comparison> Comparisons { get; } = [];

    /// <summary>Seeds of every random step, by step, for the manifest (none of the current steps draws).</summary>
    public SortedDictionary<string, long> Seeds { get; } = new(StringComparer.Ordinal);

    /// <summary>Lines for the report's "how this was made" section.</summary>
    public List<string> MethodNotes { get; } = [];

    public SurveyResponses RequireSurvey() => Survey ?? throw new InvalidOperationException("the survey is loaded by the first step");

    /// <summary>What the figures' subtitles say about the data.</summary>
    public string DataNote => IsSynthetic
        ? SpectrumOptions.SyntheticStudyNote
        : $"Bars: respondent data from {Inputs.FirstOrDefault()?.RelativePath ?? "the survey"}.";

    /// <summary>The scenario's label from the catalogue, else its identifier made readable.</summary>
    public string Label(string scenario)
    {
        var label = Catalogue?.Find(scenario)?.Label;
        return string.IsNullOrEmpty(label) ? scenario.Replace('_', ' ') : label;
    }

    public void Report(string message) => progress.WriteLine($"nethelp reproduce: {message}");

    public void ReportTimed(string message, TimeSpan elapsed) =>
        progress.WriteLine(FormattableString.Invariant($"nethelp reproduce: {message} ({elapsed.TotalSeconds:F1} s)"));

    public TimeSpan Elapsed => _clock.Elapsed;
}
