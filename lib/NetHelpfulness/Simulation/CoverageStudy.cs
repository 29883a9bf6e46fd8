using System.Globalization;
using NetHelpfulness.Estimation;
using NetHelpfulness.Randomness;

namespace NetHelpfulness.Simulation;

/// <summary>True shares of helpful, neutral and creepy answers in a simulated population.</summary>
/// <param name="Helpful">Share helpful.</param>
/// <param name="Neutral">Share neutral.</param>
/// <param name="Creepy">Share creepy.</param>
public sealed record ShareTriple(double Helpful, double Neutral, double Creepy)
{
    /// <summary>The true net score, helpful − creepy.</summary>
    public double Net => Helpful - Creepy;

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Helpful * 100:0}/{Neutral * 100:0}/{Creepy * 100:0}");
}

/// <summary>An interval method under study: a name and the interval it gives for per-respondent scores at a level.</summary>
/// <param name="Name">The method's name, as <c>--ci</c> spells it.</param>
/// <param name="Interval">Computes the interval from scores (+1/0/−1) at a confidence level.</param>
public sealed record CoverageMethod(string Name, Func<sbyte[], double, ConfidenceInterval> Interval);

/// <summary>How often one method's interval covered the true net score in one cell of the study.</summary>
/// <param name="Method">The method's name.</param>
/// <param name="Truth">The population's shares.</param>
/// <param name="N">Respondents per simulated sample.</param>
/// <param name="Replicates">Simulated samples.</param>
/// <param name="Covered">Samples whose interval contained the true net score.</param>
/// <param name="MeanWidth">Mean interval width (net-score units, 1 = 100 points).</param>
/// <param name="Level">Nominal coverage.</param>
public sealed record CoverageResult(string Method, ShareTriple Truth, int N, int Replicates, int Covered, double MeanWidth, double Level)
{
    /// <summary>Empirical coverage, Covered / Replicates.</summary>
    public double Coverage => (double)Covered / Replicates;

    /// <summary>Monte-Carlo standard error of the coverage, √(c(1 − c)/R) at the nominal level c.</summary>
    public double MonteCarloError => Math.Sqrt(Level * (1 - Level) / Replicates);
}

/// <summary>
/// A seeded Monte-Carlo study of interval coverage: for each true share triple and sample size, draw simple random
/// samples, compute every method's interval and count how often it contains the true net score.
/// </summary>
/// <remarks>
/// Sample r of cell (t, n) is drawn from its own generator, seeded from (seed, t, n, r), so results do not depend on
/// the number of threads. With R replicates the Monte-Carlo standard error of a 95% coverage is √(0.95·0.05/R)
/// (0.22 points at R = 10,000). Design after Rocks (2016), §4, who compares NPS intervals the same way.
/// </remarks>
public static class CoverageStudy
{
    /// <summary>Share triples of the study: the article's extremes (68/21/11 and 26/21/53), a balanced and a skewed case.</summary>
    public static IReadOnlyList<ShareTriple> DefaultTruths { get; } =
    [
        new(0.68, 0.21, 0.11),
        new(0.26, 0.21, 0.53),
        new(0.40, 0.20, 0.40),
        new(0.90, 0.08, 0.02),
    ];

    /// <summary>Sample sizes of the study, from 30 to 3,000.</summary>
    public static IReadOnlyList<int> DefaultSampleSizes { get; } = [30, 100, 300, 1000, 3000];

    /// <summary>The closed-form methods of the registry (<see cref="IntervalMethods"/>), on a simple random sample: wald, adjusted-wald, tango, linearized.</summary>
    public static IReadOnlyList<CoverageMethod> ClosedFormMethods { get; } =
        [.. ClosedFormOrder.Select(m => FromRegistry(IntervalMethods.Of(m), null))];

    /// <summary>
    /// The bootstrap methods of the registry, percentile and BCa, with <paramref name="replicates"/> replicates per sample,
    /// single-threaded (the study runs samples in parallel) and a fixed bootstrap seed (each sample differs, so its replicates do too).
    /// </summary>
    public static IReadOnlyList<CoverageMethod> BootstrapMethods(int replicates = 999)
    {
        var options = new BootstrapOptions { Replicates = replicates, MaxDegreeOfParallelism = 1 };
        return [.. IntervalMethods.All.Where(m => m.IsBootstrap).Select(m => FromRegistry(m, options))];
    }

    private static IntervalMethod[] ClosedFormOrder => [IntervalMethod.Wald, IntervalMethod.AdjustedWald, IntervalMethod.Tango, IntervalMethod.Linearized];

    private static CoverageMethod FromRegistry(IntervalMethodInfo method, BootstrapOptions? options) =>
        new(method.Name, (s, level) => method.Compute(s, SurveyDesign.SimpleRandomSample(s.Length), level, options).Interval);

    /// <summary>Runs the study.</summary>
    /// <param name="methods">Interval methods to compare.</param>
    /// <param name="truths">Population share triples.</param>
    /// <param name="sampleSizes">Respondents per sample (each ≥ 2).</param>
    /// <param name="replicates">Samples per cell (≥ 1).</param>
    /// <param name="level">Nominal confidence level.</param>
    /// <param name="seed">Seed of the study.</param>
    /// <param name="progress">Called after each cell with a short description (may be null).</param>
    /// <param name="cancellationToken">Stops the study (between samples) with <see cref="OperationCanceledException"/>.</param>
    /// <returns>One result per method, truth and sample size, in that nesting order (truth, size, method).</returns>
    public static IReadOnlyList<CoverageResult> Run(
        IReadOnlyList<CoverageMethod> methods,
        IReadOnlyList<ShareTriple> truths,
        IReadOnlyList<int> sampleSizes,
        int replicates,
        double level = 0.95,
        ulong seed = Defaults.CoverageSeed,
        Action<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(methods);
        ArgumentNullException.ThrowIfNull(truths);
        ArgumentNullException.ThrowIfNull(sampleSizes);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicates, 1);
        ConfidenceInterval.CheckLevel(level);
        foreach (var t in truths)
        {
            if (t.Helpful < 0 || t.Neutral < 0 || t.Creepy < 0 || Math.Abs(t.Helpful + t.Neutral + t.Creepy - 1) > 1e-9)
            {
                throw new ArgumentException($"shares {t} must be non-negative and sum to 1", nameof(truths));
            }
        }

        if (sampleSizes.Any(n => n < 2))
        {
            throw new ArgumentException("every sample size must be at least 2", nameof(sampleSizes));
        }

        var results = new List<CoverageResult>();
        for (var t = 0; t < truths.Count; t++)
        {
            for (var k = 0; k < sampleSizes.Count; k++)
            {
                results.AddRange(RunCell(methods, truths[t], sampleSizes[k], replicates, level, CellSeed(seed, t, k), cancellationToken));
                progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"coverage: truth {truths[t]}, n = {sampleSizes[k]} done"));
            }
        }

        return results;
    }

    private static List<CoverageResult> RunCell(IReadOnlyList<CoverageMethod> methods, ShareTriple truth, int n, int replicates, double level, ulong cellSeed, CancellationToken cancellationToken)
    {
        var covered = new bool[replicates, methods.Count];
        var widths = new double[replicates, methods.Count];
        Parallel.For(0, replicates, new ParallelOptions { CancellationToken = cancellationToken }, r =>
        {
            var random = new Xoshiro256StarStar(cellSeed ^ (0x9E3779B97F4A7C15UL * (ulong)(r + 1)));
            var scores = new sbyte[n];
            for (var i = 0; i < n; i++)
            {
                var u = random.NextDouble();
                scores[i] = u < truth.Helpful ? (sbyte)1 : u < truth.Helpful + truth.Creepy ? (sbyte)-1 : (sbyte)0;
            }

            for (var m = 0; m < methods.Count; m++)
            {
                var interval = methods[m].Interval(scores, level);
                covered[r, m] = interval.Contains(truth.Net);
                widths[r, m] = interval.Width;
            }
        });

        var results = new List<CoverageResult>(methods.Count);
        for (var m = 0; m < methods.Count; m++)
        {
            var count = 0;
            var width = new CompensatedSum();
            for (var r = 0; r < replicates; r++)
            {
                count += covered[r, m] ? 1 : 0;
                width.Add(widths[r, m]);
            }

            results.Add(new CoverageResult(methods[m].Name, truth, n, replicates, count, width.Value / replicates, level));
        }

        return results;
    }

    private static ulong CellSeed(ulong seed, int truth, int size)
    {
        var state = seed ^ ((ulong)truth << 32) ^ (ulong)size;
        return Xoshiro256StarStar.SplitMix64(ref state);
    }
}
