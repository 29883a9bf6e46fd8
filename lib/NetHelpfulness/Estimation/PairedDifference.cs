using NetHelpfulness.Data;

namespace NetHelpfulness.Estimation;

/// <summary>A difference of two net scores with its uncertainty, on the [−2, 2] scale (percentage points for display only).</summary>
/// <param name="N">Respondents the difference rests on.</param>
/// <param name="Estimate">The difference.</param>
/// <param name="StandardError">Its standard error under <paramref name="Method"/>.</param>
/// <param name="Interval">Its confidence interval.</param>
/// <param name="Method">How the interval was computed.</param>
public sealed record DifferenceEstimate(int N, double Estimate, double StandardError, ConfidenceInterval Interval, IntervalMethod Method) : IEstimateResult
{
    private readonly double? _effectiveN;

    /// <summary>Kish's effective sample size of the respondents the difference rests on (N when unweighted or not given).</summary>
    public double EffectiveN
    {
        get => _effectiveN ?? N;
        init => _effectiveN = value;
    }

    /// <inheritdoc />
    public EstimateSummary Summary => new(Estimate, StandardError, Interval, IntervalMethods.NameOf(Method), N, EffectiveN);

    /// <summary>A design estimate of a difference, with its linearized interval.</summary>
    public static DifferenceEstimate From(DesignEstimate estimate, double level)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        return new DifferenceEstimate(estimate.N, estimate.Estimate, estimate.StandardError, estimate.Interval(level), IntervalMethod.Linearized) { EffectiveN = estimate.EffectiveN };
    }
}

/// <summary>The paired difference of two scenarios' net scores, net(A) − net(B), over the respondents who rated both.</summary>
/// <param name="A">The first scenario.</param>
/// <param name="B">The second scenario.</param>
/// <param name="Difference">The difference and its uncertainty.</param>
public sealed record PairedDifferenceEstimate(string A, string B, DifferenceEstimate Difference);

/// <summary>
/// Paired differences of two scenarios rated by the same respondents: D_i = s_iA − s_iB per respondent (each s in
/// {−1, 0, +1}), over the respondents who answered both, so that the pairing within respondents is used.
/// </summary>
/// <remarks>
/// The mean of D is net(A) − net(B) computed over the respondents who answered both. Its intervals:
/// <list type="bullet">
/// <item><b>Wald</b> (unweighted): SE = √((mean(D²) − mean(D)²)/n), the maximum-likelihood (multinomial) variance as in
/// Rocks' (2016) Wald interval for one score.</item>
/// <item><b>Linearized</b>: the design-based domain mean of D (Lumley 2010, §2.2): equals R
/// <c>svycontrast(svymean(~sA + sB, design, na.rm = TRUE), c(1, -1))</c>, that is <c>svymean(~D, design, na.rm = TRUE)</c>,
/// on a one-row-per-respondent design.</item>
/// <item><b>Bootstrap</b> percentile or BCa: the stratified PSU bootstrap of the weighted mean of D (see <see cref="Bootstrap"/>).</item>
/// </list>
/// A scenario compared with itself gives 0 with standard error 0.
/// </remarks>
public static class PairedDifference
{
    /// <summary>The per-respondent differences s_A − s_B, or <see cref="SurveyResponses.Missing"/> where either is missing.</summary>
    /// <exception cref="ArgumentException">Lengths differ, or a score is not −1, 0, +1 or Missing.</exception>
    public static sbyte[] Differences(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException("both scenarios need one score per respondent", nameof(b));
        }

        var d = new sbyte[a.Length];
        for (var i = 0; i < d.Length; i++)
        {
            if (a[i] == SurveyResponses.Missing || b[i] == SurveyResponses.Missing)
            {
                d[i] = SurveyResponses.Missing;
                continue;
            }

            ScoreCounts.Check(a[i]);
            ScoreCounts.Check(b[i]);
            d[i] = (sbyte)(a[i] - b[i]);
        }

        return d;
    }

    /// <summary>The unweighted Wald interval of the paired difference.</summary>
    /// <exception cref="InsufficientDataException">Nobody answered both.</exception>
    public static DifferenceEstimate Wald(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b, double level = 0.95)
    {
        ConfidenceInterval.CheckLevel(level);
        var d = Differences(a, b);
        var n = 0;
        CompensatedSum sum = default, squares = default;
        foreach (var v in d)
        {
            if (v != SurveyResponses.Missing)
            {
                n++;
                sum.Add(v);
                squares.Add(v * v);
            }
        }

        if (n == 0)
        {
            throw new InsufficientDataException("nobody answered both scenarios, so their difference is undefined");
        }

        var mean = sum.Value / n;
        var se = Math.Sqrt(Math.Max(0, (squares.Value / n) - (mean * mean)) / n);
        return new DifferenceEstimate(n, mean, se, ConfidenceInterval.Normal(mean, se, level), IntervalMethod.Wald);
    }

    /// <summary>The design-based (linearized) interval of the paired difference.</summary>
    /// <exception cref="InsufficientDataException">Nobody answered both.</exception>
    public static DifferenceEstimate Linearized(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b, SurveyDesign design, double level = 0.95)
    {
        ConfidenceInterval.CheckLevel(level);
        return DifferenceEstimate.From(Estimate(a, b, design), level);
    }

    /// <summary>The paired difference as a design estimate: the domain mean of s_A − s_B over the respondents who answered both.</summary>
    /// <exception cref="InsufficientDataException">Nobody answered both.</exception>
    public static DesignEstimate Estimate(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b, SurveyDesign design, string name = "")
    {
        ArgumentNullException.ThrowIfNull(design);
        var d = Differences(a, b);
        if (d.Length != design.RespondentCount)
        {
            throw new ArgumentException("scores need one value per respondent of the design", nameof(a));
        }

        var (values, both) = ScoreDomain.Of(d, checkScores: false);
        return both.Contains(true)
            ? design.DomainMean(values, both, name)
            : throw new InsufficientDataException("nobody answered both scenarios, so their difference is undefined");
    }

    /// <summary>The bootstrap (percentile or BCa) interval of the paired difference.</summary>
    /// <exception cref="InsufficientDataException">Nobody answered both, or too few to bootstrap.</exception>
    public static DifferenceEstimate Bootstrap(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b, SurveyDesign design, IntervalMethod method, BootstrapOptions options, double level = 0.95)
    {
        NetScore.CheckBootstrapMethod(method);
        var point = Linearized(a, b, design, level);
        var replicates = Estimation.Bootstrap.Replicate(Differences(a, b), 1, design, options, ["paired difference"]);
        var summary = replicates.Summarize(0, method, level);
        return point with { StandardError = summary.StandardError, Interval = summary.Interval, Method = method };
    }

    /// <summary>The paired difference net(<paramref name="a"/>) − net(<paramref name="b"/>) of two scenarios of a survey.</summary>
    /// <param name="survey">The survey.</param>
    /// <param name="a">The first scenario's identifier.</param>
    /// <param name="b">The second scenario's identifier (may equal the first: the difference is then 0 with SE 0).</param>
    /// <param name="method">The interval method.</param>
    /// <param name="level">Confidence level.</param>
    /// <param name="lonelyPsu">The design's rule for single-PSU strata.</param>
    /// <param name="bootstrap">Replicates and seed for the bootstrap methods (default: <see cref="BootstrapOptions"/>' defaults).</param>
    /// <exception cref="ArgumentException">An unknown scenario, or <see cref="IntervalMethod.Wald"/> on weighted data.</exception>
    /// <exception cref="InsufficientDataException">Nobody answered both.</exception>
    public static PairedDifferenceEstimate Compare(SurveyResponses survey, string a, string b, IntervalMethod method, double level = 0.95, LonelyPsu lonelyPsu = LonelyPsu.Fail, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(survey);
        return Compare(survey, a, b, survey.Design(lonelyPsu), method, level, bootstrap);
    }

    /// <summary>The paired difference net(<paramref name="a"/>) − net(<paramref name="b"/>) on a design built from the survey.</summary>
    /// <exception cref="ArgumentException">An unknown scenario, or a method that does not apply (Wald on a weighted design).</exception>
    /// <exception cref="InsufficientDataException">Nobody answered both.</exception>
    public static PairedDifferenceEstimate Compare(SurveyResponses survey, string a, string b, SurveyDesign design, IntervalMethod method, double level = 0.95, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(design);
        var sa = survey.Scores(survey.ScenarioIndex(a));
        var sb = survey.Scores(survey.ScenarioIndex(b));
        IntervalMethods.Require(method, EstimateTarget.PairedDifference, design);
        NetScore.RequireRespondents(survey, design);
        try
        {
            var difference = method switch
            {
                IntervalMethod.Wald => Wald(sa, sb, level),
                IntervalMethod.BootstrapPercentile or IntervalMethod.BootstrapBca => Bootstrap(sa, sb, design, method, bootstrap ?? new BootstrapOptions(), level),
                _ => Linearized(sa, sb, design, level),
            };
            return new PairedDifferenceEstimate(a, b, difference);
        }
        catch (InsufficientDataException e)
        {
            throw new InsufficientDataException($"'{a}' − '{b}' in {survey.Source}: {e.Message}");
        }
    }
}
