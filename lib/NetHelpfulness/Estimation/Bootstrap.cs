using System.Globalization;
using MathNet.Numerics.Statistics;
using NetHelpfulness.Data;
using NetHelpfulness.Estimation.Calibration;

namespace NetHelpfulness.Estimation;

/// <summary>Settings of a bootstrap run: how many replicates, the seed, and how many threads may run them.</summary>
public sealed record BootstrapOptions
{
    /// <summary>Replicates when none are asked for.</summary>
    public const int DefaultReplicates = Defaults.BootstrapReplicates;

    /// <summary>The seed when none is given, so that a default run is reproducible too.</summary>
    public const ulong DefaultSeed = Defaults.BootstrapSeed;

    private readonly int _replicates = DefaultReplicates;
    private readonly int _maxDegreeOfParallelism = -1;

    /// <summary>Number of bootstrap replicates B (at least 2, so that a standard deviation exists).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 2 replicates.</exception>
    public int Replicates
    {
        get => _replicates;
        init => _replicates = value >= 2 ? value : throw new ArgumentOutOfRangeException(nameof(Replicates), value, "the bootstrap needs at least 2 replicates");
    }

    /// <summary>The seed. The same seed gives the same replicates, whatever the number of threads.</summary>
    public ulong Seed { get; init; } = DefaultSeed;

    /// <summary>Threads that may run replicates: −1 for all cores (the default), or at least 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">0 or below −1.</exception>
    public int MaxDegreeOfParallelism
    {
        get => _maxDegreeOfParallelism;
        init => _maxDegreeOfParallelism = value == -1 || value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), value, "use −1 for all cores or a positive number of threads");
    }
}

/// <summary>
/// The stratified (cluster) bootstrap of weighted domain means: resamples primary sampling units with replacement
/// within strata and recomputes every column's weighted mean in each replicate.
/// </summary>
/// <remarks>
/// <para><b>Resampling.</b> In each replicate, every stratum h draws n_h of its n_h PSUs with replacement (respondents
/// are the PSUs when there are no clusters), as R <c>boot(..., strata = )</c> does (Davison and Hinkley 1997, §3.7).
/// A PSU drawn m times enters with multiplicity m; the respondents keep their design weights. The replicate estimate of
/// column j is Σ m_i w_i y_ij / Σ m_i w_i over the respondents in the column's domain (who answered, and belong to its
/// group). This n_h-out-of-n_h bootstrap has variance (n_h − 1)/n_h times the linearised one in each stratum; no
/// rescaling is applied. A stratum with a single PSU always redraws it and so adds no variability (as R's
/// <c>survey.lonely.psu = "certainty"</c>), whatever the design's <see cref="LonelyPsu"/> rule.</para>
/// <para><b>Speed.</b> Each PSU is reduced once to a row of weighted sums (numerator Σ w y and denominator Σ w per
/// column, per group present in the PSU). A batch of eight replicates records how often each PSU is drawn (its
/// multiplicity m_p) and adds m_p × row_p to each replicate's sums with vector arithmetic, reading the rows once per
/// batch, in order; batches run in parallel. Where the machine has AVX-512, the eight replicates draw together, one
/// per 64-bit lane (<see cref="Randomness.Xoshiro256StarStarLanes"/>), and the batch goes stratum by stratum (draws,
/// multiplicities, sums) while the stratum's counts are in the cache, with all of a row's columns (up to 24) for all
/// eight replicates in registers. Elsewhere it draws replicate by replicate and sums a vector of columns at a time. The
/// two paths make the same draws and the same floating-point operations in the same order: their replicates, and so
/// the intervals for a seed, are identical to the last bit (a test checks it).</para>
/// <para><b>Calibrated designs.</b> Every replicate is calibrated again: its weights m_i d_i (multiplicity × starting
/// weight) are post-stratified, raked or calibrated to the margins with the design's method, bounds, tolerance and
/// iterations, and its estimates use those weights; the jackknife deletions for BCa are calibrated again too. A replicate
/// that cannot be calibrated (a margin level nobody in it belongs to, or no convergence) is an error.</para>
/// <para><b>Determinism.</b> Replicate r uses its own xoshiro256** stream derived from (seed, r)
/// (<see cref="Randomness.Xoshiro256StarStar.ForReplicate"/>): in each stratum h in turn it draws n_h PSUs, two from each
/// 64-bit output (its low, then its high 32 bits, by Lemire's unbiased bounded method), and writes only its own results,
/// so the replicates do not depend on the number of threads, their scheduling, or the machine's vector instructions.</para>
/// <para><b>Jackknife.</b> For BCa intervals the engine also computes, for every PSU j of stratum h, the estimate with
/// that PSU deleted and the rest of its stratum reweighted by n_h/(n_h − 1) (the JKn jackknife; Rust and Rao 1996),
/// and the empirical influence values L_hj = (n_h − 1)(θ̂ − θ̂_(hj)), as R's <c>empinf(type = "jack")</c> computes them
/// (boot's <c>usual.jack</c>) for a statistic that reweights its strata. L = 0 in a single-PSU stratum.</para>
/// </remarks>
public static class Bootstrap
{
    /// <summary>Bootstraps the weighted mean of every column of a respondent × column value matrix.</summary>
    /// <param name="values">Row-major respondent × column values (for example net scores +1/0/−1);
    /// <see cref="SurveyResponses.Missing"/> marks a respondent outside that column's domain (not answered).</param>
    /// <param name="columnCount">Number of columns.</param>
    /// <param name="design">The sampling design (weights, strata, PSUs).</param>
    /// <param name="options">Replicates, seed and threads.</param>
    /// <param name="columnNames">Names of the columns, for messages (optional).</param>
    /// <exception cref="InsufficientDataException">A column has nobody in its domain, in the sample or in some replicate.</exception>
    public static BootstrapReplicates Replicate(ReadOnlySpan<sbyte> values, int columnCount, SurveyDesign design, BootstrapOptions options, IReadOnlyList<string>? columnNames = null) =>
        Run(values, columnCount, [], 1, design, options, columnNames);

    /// <summary>
    /// Bootstraps the weighted mean of every column within every group: column <c>g·columnCount + j</c> of the result is
    /// column j over the respondents of group g (a domain of the whole design).
    /// </summary>
    /// <param name="values">Row-major respondent × column values; <see cref="SurveyResponses.Missing"/> where not answered.</param>
    /// <param name="columnCount">Number of value columns.</param>
    /// <param name="groupOf">Each respondent's group, 0 ≤ g &lt; <paramref name="groupCount"/>.</param>
    /// <param name="groupCount">Number of groups.</param>
    /// <param name="design">The sampling design.</param>
    /// <param name="options">Replicates, seed and threads.</param>
    /// <param name="columnNames">Names of the result's columns (groups × columns), for messages (optional).</param>
    /// <exception cref="InsufficientDataException">A group × column domain is empty, in the sample or in some replicate.</exception>
    public static BootstrapReplicates ReplicateByGroup(ReadOnlySpan<sbyte> values, int columnCount, ReadOnlySpan<int> groupOf, int groupCount, SurveyDesign design, BootstrapOptions options, IReadOnlyList<string>? columnNames = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(groupCount, 1);
        if (groupOf.Length != design.RespondentCount)
        {
            throw new ArgumentException("one group per respondent is required", nameof(groupOf));
        }

        foreach (var g in groupOf)
        {
            if ((uint)g >= (uint)groupCount)
            {
                throw new ArgumentException($"group {g} lies outside 0..{groupCount - 1}", nameof(groupOf));
            }
        }

        return Run(values, columnCount, groupOf, groupCount, design, options, columnNames);
    }

    private static BootstrapReplicates Run(ReadOnlySpan<sbyte> values, int width, ReadOnlySpan<int> groupOf, int groupCount, SurveyDesign design, BootstrapOptions options, IReadOnlyList<string>? columnNames)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        var n = design.RespondentCount;
        if (values.Length != n * width)
        {
            throw new ArgumentException("values must hold respondents × columns values", nameof(values));
        }

        var columns = groupCount * width;
        if (columnNames is not null && columnNames.Count != columns)
        {
            throw new ArgumentException($"expected {columns} column names, got {columnNames.Count}", nameof(columnNames));
        }

        var layout = BootstrapRows.Build(values, width, groupOf, groupCount, design);
        var estimates = layout.FullSampleEstimates(out var emptyColumn);
        if (emptyColumn >= 0)
        {
            throw new InsufficientDataException($"{Name(columnNames, emptyColumn)}: nobody is in the estimate's domain (nobody answered), so it cannot be bootstrapped");
        }

        var b = options.Replicates;
        var replicates = new double[(long)columns * b];
        var uncalibrated = new bool[b];
        const int Batch = BootstrapRows.Batch;
        var batches = (b + Batch - 1) / Batch;
        Parallel.For(
            0,
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism },
            () => layout.CreateBuffers(),
            (batch, _, buffers) =>
            {
                layout.RunBatch(options.Seed, batch * Batch, Math.Min(b, (batch + 1) * Batch), buffers, replicates, b, uncalibrated);
                return buffers;
            },
            _ => { });

        var failed = uncalibrated.Count(x => x);
        if (failed > 0)
        {
            throw new InsufficientDataException(string.Create(CultureInfo.InvariantCulture,
                $"the bootstrap calibrates every replicate to the margins ({design.CalibrationSpec!.Describe()}), and {failed} of {b} replicates could not be: a margin level nobody was drawn for, or {CalibrationSpec.NameOf(design.CalibrationSpec.Method)} not converging on the resampled weights; use the linearized interval, or margins with fewer, larger levels"));
        }

        for (var c = 0; c < columns; c++)
        {
            var empty = 0;
            foreach (var t in replicates.AsSpan(c * b, b))
            {
                if (double.IsNaN(t))
                {
                    empty++;
                }
            }

            if (empty > 0)
            {
                throw new InsufficientDataException(string.Create(CultureInfo.InvariantCulture,
                    $"{Name(columnNames, c)}: in {empty} of {b} bootstrap replicates nobody in the estimate's domain was drawn, so the bootstrap cannot estimate it; too few respondents answered (use the linearized interval)"));
            }
        }

        return new BootstrapReplicates(columnNames ?? [.. Enumerable.Range(0, columns).Select(c => Name(null, c))], estimates, replicates, b,
            () => layout.JackknifeInfluence(estimates), design.PsuCount, options.Seed);
    }

    private static string Name(IReadOnlyList<string>? names, int column) =>
        names is null ? string.Create(CultureInfo.InvariantCulture, $"column {column}") : names[column];
}

/// <summary>
/// The outcome of a bootstrap run: for every column its full-sample estimate, its B replicates and its jackknife
/// influence values; intervals and standard errors are computed from them on request, the influence values (a pass of
/// jackknife deletions, needed only by BCa) on first use.
/// </summary>
public sealed class BootstrapReplicates
{
    private readonly double[] _estimates;
    private readonly double[] _replicates;
    private readonly Lazy<double[]> _influence;
    private readonly int _psuCount;

    internal BootstrapReplicates(IReadOnlyList<string> columns, double[] estimates, double[] replicates, int replicateCount, Func<double[]> influence, int psuCount, ulong seed)
    {
        Columns = columns;
        _estimates = estimates;
        _replicates = replicates;
        ReplicateCount = replicateCount;
        _influence = new Lazy<double[]>(influence);
        _psuCount = psuCount;
        Seed = seed;
    }

    /// <summary>The columns' names.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Number of replicates B.</summary>
    public int ReplicateCount { get; }

    /// <summary>The seed the replicates were drawn with.</summary>
    public ulong Seed { get; }

    /// <summary>Full-sample estimate of each column.</summary>
    public ReadOnlySpan<double> Estimates => _estimates;

    /// <summary>The B replicate estimates of one column, in replicate order.</summary>
    public ReadOnlySpan<double> Replicates(int column) => _replicates.AsSpan(CheckColumn(column) * ReplicateCount, ReplicateCount);

    /// <summary>The jackknife empirical influence values of one column, one per PSU of the design.</summary>
    public ReadOnlySpan<double> JackknifeInfluence(int column) => _influence.Value.AsSpan(CheckColumn(column) * _psuCount, _psuCount);

    /// <summary>Summarises one column: its estimate, the replicates' standard deviation and an interval.</summary>
    /// <param name="column">The column.</param>
    /// <param name="method"><see cref="IntervalMethod.BootstrapPercentile"/> or <see cref="IntervalMethod.BootstrapBca"/>.</param>
    /// <param name="level">Confidence level.</param>
    public BootstrapEstimate Summarize(int column, IntervalMethod method, double level = 0.95) =>
        Summarize(_estimates[CheckColumn(column)], Replicates(column), method == IntervalMethod.BootstrapBca ? JackknifeInfluence(column) : [], method, level, Columns[column]);

    /// <summary>Summarises the difference of two columns, <paramref name="column"/> − <paramref name="reference"/>,
    /// from the replicates' differences (and the differences of their influence values for BCa).</summary>
    public BootstrapEstimate SummarizeDifference(int column, int reference, IntervalMethod method, double level = 0.95)
    {
        var a = Replicates(column);
        var b = Replicates(reference);
        var difference = new double[ReplicateCount];
        for (var r = 0; r < difference.Length; r++)
        {
            difference[r] = a[r] - b[r];
        }

        var influence = new double[method == IntervalMethod.BootstrapBca ? _psuCount : 0];
        if (influence.Length > 0)
        {
            var la = JackknifeInfluence(column);
            var lb = JackknifeInfluence(reference);
            for (var p = 0; p < influence.Length; p++)
            {
                influence[p] = la[p] - lb[p];
            }
        }

        return Summarize(_estimates[column] - _estimates[reference], difference, influence, method, level, $"{Columns[column]} − {Columns[reference]}");
    }

    // The influence values are needed, and given, for BCa only (empty otherwise).
    private static BootstrapEstimate Summarize(double estimate, ReadOnlySpan<double> replicates, ReadOnlySpan<double> influence, IntervalMethod method, double level, string name)
    {
        try
        {
            var interval = method switch
            {
                IntervalMethod.BootstrapPercentile => BootstrapIntervals.Percentile(replicates, level),
                IntervalMethod.BootstrapBca => BootstrapIntervals.Bca(replicates, estimate, influence, level),
                _ => throw new ArgumentOutOfRangeException(nameof(method), method, "not a bootstrap interval method"),
            };
            return new BootstrapEstimate(estimate, BootstrapIntervals.StandardDeviation(replicates), interval, method, replicates.Length);
        }
        catch (InsufficientDataException e)
        {
            throw new InsufficientDataException($"{name}: {e.Message}");
        }
    }

    private int CheckColumn(int column) =>
        (uint)column < (uint)_estimates.Length ? column : throw new ArgumentOutOfRangeException(nameof(column), column, "no such column");
}

/// <summary>A bootstrap summary of one estimate.</summary>
/// <param name="Estimate">The full-sample estimate.</param>
/// <param name="StandardError">The standard deviation of the replicates (denominator B − 1).</param>
/// <param name="Interval">The percentile or BCa interval.</param>
/// <param name="Method">Which interval.</param>
/// <param name="Replicates">Number of replicates B.</param>
public sealed record BootstrapEstimate(double Estimate, double StandardError, ConfidenceInterval Interval, IntervalMethod Method, int Replicates);

/// <summary>Percentile and BCa intervals from bootstrap replicates, as R <c>boot.ci(type = c("perc", "bca"))</c>.</summary>
/// <remarks>
/// <para><b>Order statistics</b> (boot's <c>norm.inter</c>; Davison and Hinkley 1997, eq. 5.8): for a tail probability
/// α and B sorted replicates t*₍₁₎ ≤ … ≤ t*₍B₎, let r = (B + 1)α and k = ⌊r⌋. If r is an integer the endpoint is
/// t*₍k₎; if k = 0 or k = B it is t*₍₁₎ or t*₍B₎; otherwise it interpolates on the normal scale,
/// t*₍k₎ + (Φ⁻¹(α) − Φ⁻¹(k/(B+1))) / (Φ⁻¹((k+1)/(B+1)) − Φ⁻¹(k/(B+1))) · (t*₍k+1₎ − t*₍k₎).</para>
/// <para><b>Percentile</b>: α = (1 ∓ level)/2.</para>
/// <para><b>BCa</b> (Efron 1987, JASA 82:171–185): bias correction w = Φ⁻¹(#{t* &lt; θ̂}/B); acceleration
/// a = Σ L³ / (6 (Σ L²)^{3/2}) from the jackknife influence values L (see <see cref="Bootstrap"/>);
/// α' = Φ(w + (w + z_α)/(1 − a(w + z_α))) with z_α = Φ⁻¹(α); endpoints at α' as above.</para>
/// <para>When every replicate has the same value v (no variability, for example a scenario compared with itself),
/// both intervals are [v, v].</para>
/// </remarks>
public static class BootstrapIntervals
{
    /// <summary>The standard deviation of the replicates, with denominator B − 1 (R <c>sd</c>).</summary>
    /// <exception cref="ArgumentException">Fewer than 2 replicates, or one is not finite.</exception>
    public static double StandardDeviation(ReadOnlySpan<double> replicates)
    {
        CheckReplicates(replicates);
        var sum = new CompensatedSum();
        foreach (var t in replicates)
        {
            sum.Add(t);
        }

        var mean = sum.Value / replicates.Length;
        var squares = new CompensatedSum();
        foreach (var t in replicates)
        {
            squares.Add((t - mean) * (t - mean));
        }

        return Math.Sqrt(squares.Value / (replicates.Length - 1));
    }

    /// <summary>The percentile interval (boot.ci type "perc").</summary>
    /// <exception cref="ArgumentException">Fewer than 2 replicates, or one is not finite.</exception>
    public static ConfidenceInterval Percentile(ReadOnlySpan<double> replicates, double level)
    {
        ConfidenceInterval.CheckLevel(level);
        CheckReplicates(replicates);
        var work = replicates.ToArray();
        return new ConfidenceInterval(OrderStatistic(work, (1 + -level) / 2), OrderStatistic(work, (1 + level) / 2), level);
    }

    /// <summary>The bias-corrected and accelerated interval (boot.ci type "bca" with the influence values given as <c>L</c>).</summary>
    /// <param name="replicates">The bootstrap replicates.</param>
    /// <param name="estimate">The full-sample estimate θ̂.</param>
    /// <param name="influence">Empirical influence values L (one per resampled unit) for the acceleration.</param>
    /// <param name="level">Confidence level.</param>
    /// <exception cref="InsufficientDataException">The estimate lies outside the replicates' range, so w is infinite,
    /// or the influence values are all zero or undefined, so a is.</exception>
    public static ConfidenceInterval Bca(ReadOnlySpan<double> replicates, double estimate, ReadOnlySpan<double> influence, double level)
    {
        ConfidenceInterval.CheckLevel(level);
        CheckReplicates(replicates);
        var work = replicates.ToArray();
        var smallest = ArrayStatistics.OrderStatisticInplace(work, 1);
        if (smallest == ArrayStatistics.OrderStatisticInplace(work, work.Length))
        {
            return new ConfidenceInterval(smallest, smallest, level);
        }

        var below = 0;
        foreach (var t in replicates)
        {
            if (t < estimate)
            {
                below++;
            }
        }

        if (below == 0 || below == replicates.Length)
        {
            throw new InsufficientDataException("the estimate lies outside the range of the bootstrap replicates, so the BCa bias correction is infinite; use more replicates or the percentile interval");
        }

        var w = Quantile((double)below / replicates.Length);
        var a = Acceleration(influence);
        var lower = Adjust((1 + -level) / 2);
        var upper = Adjust((1 + level) / 2);
        return new ConfidenceInterval(OrderStatistic(work, lower), OrderStatistic(work, upper), level);

        double Adjust(double alpha)
        {
            var z = w + Quantile(alpha);
            return MathNet.Numerics.Distributions.Normal.CDF(0, 1, w + (z / (1 - (a * z))));
        }
    }

    /// <summary>The BCa acceleration a = Σ L³ / (6 (Σ L²)^{3/2}) (Efron 1987; boot's <c>bca.ci</c>).</summary>
    /// <exception cref="InsufficientDataException">The influence values are all zero, or one is not finite.</exception>
    public static double Acceleration(ReadOnlySpan<double> influence)
    {
        var squares = new CompensatedSum();
        var cubes = new CompensatedSum();
        foreach (var l in influence)
        {
            if (!double.IsFinite(l))
            {
                throw new InsufficientDataException("a jackknife estimate is undefined (deleting one sampling unit leaves nobody in the domain), so the BCa acceleration is too; use the percentile interval");
            }

            squares.Add(l * l);
            cubes.Add(l * l * l);
        }

        return squares.Value > 0
            ? cubes.Value / (6 * Math.Pow(squares.Value, 1.5))
            : throw new InsufficientDataException("the jackknife influence values are all zero, so the BCa acceleration is undefined; use the percentile interval");
    }

    /// <summary>
    /// boot's <c>norm.inter</c>: the α end point of the replicates, interpolated on the normal scale. The order statistics
    /// it needs are selected (<paramref name="replicates"/> is reordered in place), which takes a fraction of a full sort.
    /// </summary>
    internal static double OrderStatistic(double[] replicates, double alpha)
    {
        var b = replicates.Length;
        var rank = (b + 1) * alpha;
        var k = Math.Truncate(rank);
        if (k == 0)
        {
            return ArrayStatistics.OrderStatisticInplace(replicates, 1);
        }

        if (k >= b)
        {
            return ArrayStatistics.OrderStatisticInplace(replicates, b);
        }

        var index = (int)k;
        if (k == rank)
        {
            return ArrayStatistics.OrderStatisticInplace(replicates, index);
        }

        var q = Quantile(alpha);
        var qk = Quantile(k / (b + 1));
        var qk1 = Quantile((k + 1) / (b + 1));
        var tk = ArrayStatistics.OrderStatisticInplace(replicates, index);
        var tk1 = ArrayStatistics.OrderStatisticInplace(replicates, index + 1);
        return tk + ((q - qk) / (qk1 - qk) * (tk1 - tk));
    }

    private static double Quantile(double p) => MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, p);

    private static void CheckReplicates(ReadOnlySpan<double> replicates)
    {
        if (replicates.Length < 2)
        {
            throw new ArgumentException("at least 2 bootstrap replicates are needed", nameof(replicates));
        }

        foreach (var t in replicates)
        {
            if (!double.IsFinite(t))
            {
                throw new ArgumentException("every bootstrap replicate must be finite", nameof(replicates));
            }
        }
    }
}
