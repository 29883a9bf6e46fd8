using System.Buffers;
using System.Globalization;
using NetHelpfulness.Estimation.Calibration;

namespace NetHelpfulness.Estimation;

/// <summary>What to do with a stratum that has a single primary sampling unit, as R's <c>survey.lonely.psu</c> option.</summary>
public enum LonelyPsu
{
    /// <summary>Refuse: the variance cannot be estimated (R's default, <c>"fail"</c>).</summary>
    Fail,

    /// <summary>The stratum contributes nothing to the variance (<c>"certainty"</c>).</summary>
    Certainty,

    /// <summary>The stratum's contribution is the average of the other strata's (<c>"average"</c>).</summary>
    Average,

    /// <summary>The single PSU is centred at the grand mean instead of its stratum mean (<c>"adjust"</c>).</summary>
    Adjust,
}

/// <summary>A weighted mean with its design-based standard error.</summary>
/// <param name="Mean">The weighted mean over the domain.</param>
/// <param name="StandardError">Taylor-linearised standard error.</param>
/// <param name="N">Respondents in the domain (unweighted).</param>
/// <param name="WeightSum">Sum of the domain's weights.</param>
/// <param name="DesignEffect">Kish's design effect due to unequal weights, n·Σw²/(Σw)².</param>
public sealed record DesignMean(double Mean, double StandardError, int N, double WeightSum, double DesignEffect)
{
    /// <summary>Kish's effective sample size, (Σw)²/Σw² = n / deff.</summary>
    public double EffectiveN => N / DesignEffect;
}

/// <summary>
/// A survey design over respondents: weights, strata and clusters (PSUs), built once; estimators are applied to it.
/// PSUs are taken as sampled with replacement within strata, with no finite-population correction.
/// </summary>
/// <remarks>
/// <para>Variances follow the Taylor linearisation of R's <c>survey</c> package (Lumley 2010, ch. 2; Lumley 2004,
/// J. Stat. Softw. 9(8)): for an estimator with influence values z_i, Var = Σ_h n_h/(n_h − 1) Σ_j (Z_hj − Z̄_h)²,
/// where Z_hj is the total of z over PSU j of stratum h and n_h the number of PSUs of stratum h in the whole design.</para>
/// <para>Domain estimation keeps the full design: a respondent outside the domain (for instance one who skipped
/// the scenario) has z_i = 0 but still counts in n_h, as <c>svymean(..., na.rm = TRUE)</c> does.</para>
/// <para>Clusters are nested within strata: the same cluster code in two strata is two PSUs.</para>
/// </remarks>
public sealed class SurveyDesign
{
    private readonly double[] _weights;
    private readonly int[] _psuOf;
    private readonly int[] _psuStratum;
    private readonly int[] _psuCountInStratum;
    private readonly int[] _stratumOf;
    private readonly IVarianceProjection? _projection;
    private string[] _stratumNames = [];

    private SurveyDesign(double[] weights, bool isWeighted, int[] stratumOf, int[] psuOf, int[] psuStratum, int[] psuCountInStratum, LonelyPsu lonelyPsu, IVarianceProjection? projection = null, bool isSimpleRandomSample = false)
    {
        _projection = projection;
        IsSimpleRandomSample = isSimpleRandomSample;
        _weights = weights;
        IsWeighted = isWeighted;
        _stratumOf = stratumOf;
        _psuOf = psuOf;
        _psuStratum = psuStratum;
        _psuCountInStratum = psuCountInStratum;
        LonelyPsu = lonelyPsu;
    }

    /// <summary>Number of respondents (rows of the design).</summary>
    public int RespondentCount => _weights.Length;

    /// <summary>Number of strata (1 when unstratified).</summary>
    public int StratumCount => _psuCountInStratum.Length;

    /// <summary>Number of primary sampling units.</summary>
    public int PsuCount => _psuStratum.Length;

    /// <summary>True when the design carries unequal (or at least explicit) weights.</summary>
    public bool IsWeighted { get; }

    /// <summary>
    /// True when the design was given no weights, strata or clusters: a plain simple random sample of respondents, on
    /// which the closed-form intervals use counts rather than the design's effective sample size.
    /// </summary>
    public bool IsSimpleRandomSample { get; }

    /// <summary>The rule applied to strata with a single PSU.</summary>
    public LonelyPsu LonelyPsu { get; }

    /// <summary>Each respondent's weight (all 1 when unweighted).</summary>
    public ReadOnlySpan<double> Weights => _weights;

    /// <summary>Each respondent's stratum code (0-based).</summary>
    public ReadOnlySpan<int> StratumOf => _stratumOf;

    /// <summary>Each respondent's PSU index (0-based, unique across strata).</summary>
    public ReadOnlySpan<int> PsuOf => _psuOf;

    /// <summary>True when the weights were calibrated to population margins (<see cref="SurveyCalibration"/>).</summary>
    public bool IsCalibrated => _projection is not null;

    /// <summary>The calibration the weights come from, or null.</summary>
    public CalibrationSpec? CalibrationSpec => Calibration?.Spec;

    internal DesignCalibration? Calibration => _projection as DesignCalibration;

    /// <summary>A simple random sample of <paramref name="respondentCount"/> respondents, unweighted.</summary>
    public static SurveyDesign SimpleRandomSample(int respondentCount) => Create(respondentCount);

    /// <summary>Builds a design.</summary>
    /// <param name="respondentCount">Number of respondents.</param>
    /// <param name="weights">One weight per respondent (finite, &gt; 0), or null for equal weights.</param>
    /// <param name="strata">One stratum code per respondent (any integers), or null for a single stratum.</param>
    /// <param name="clusters">One cluster code per respondent, or null when each respondent is its own PSU.</param>
    /// <param name="lonelyPsu">What to do with a stratum that has a single PSU.</param>
    /// <param name="stratumNames">Names of the stratum codes, for messages.</param>
    /// <exception cref="ArgumentException">Lengths disagree or a weight is not finite and positive.</exception>
    /// <exception cref="SurveyDesignException">A stratum has a single PSU and <paramref name="lonelyPsu"/> is <see cref="LonelyPsu.Fail"/>.</exception>
    public static SurveyDesign Create(
        int respondentCount,
        double[]? weights = null,
        int[]? strata = null,
        int[]? clusters = null,
        LonelyPsu lonelyPsu = LonelyPsu.Fail,
        IReadOnlyList<string>? stratumNames = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(respondentCount);
        if ((weights is not null && weights.Length != respondentCount)
            || (strata is not null && strata.Length != respondentCount)
            || (clusters is not null && clusters.Length != respondentCount))
        {
            throw new ArgumentException("weights, strata and clusters need one value per respondent");
        }

        var w = new double[respondentCount];
        for (var i = 0; i < respondentCount; i++)
        {
            var wi = weights is null ? 1.0 : weights[i];
            if (!double.IsFinite(wi) || wi <= 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"weight {wi} of respondent {i} is not finite and positive"), nameof(weights));
            }

            w[i] = wi;
        }

        var stratumIndex = new Dictionary<int, int>();
        var stratumOf = new int[respondentCount];
        var stratumCodes = new List<int>();
        for (var i = 0; i < respondentCount && (strata is not null || i == 0); i++)
        {
            var code = strata is null ? 0 : strata[i];
            if (!stratumIndex.TryGetValue(code, out var s))
            {
                s = stratumIndex.Count;
                stratumIndex.Add(code, s);
                stratumCodes.Add(code);
            }

            stratumOf[i] = s;
        }

        var psuOf = new int[respondentCount];
        var psuStratum = new List<int>(clusters is null ? respondentCount : 16);
        if (clusters is null)
        {
            // Each respondent is its own PSU: no look-up needed.
            for (var i = 0; i < respondentCount; i++)
            {
                psuOf[i] = i;
                psuStratum.Add(stratumOf[i]);
            }
        }
        else
        {
            var psuIndex = new Dictionary<(int Stratum, int Cluster), int>();
            for (var i = 0; i < respondentCount; i++)
            {
                var key = (stratumOf[i], clusters[i]);
                if (!psuIndex.TryGetValue(key, out var p))
                {
                    p = psuIndex.Count;
                    psuIndex.Add(key, p);
                    psuStratum.Add(stratumOf[i]);
                }

                psuOf[i] = p;
            }
        }

        var psuCount = new int[stratumIndex.Count];
        foreach (var s in psuStratum)
        {
            psuCount[s]++;
        }

        // Strata and clusters given: a single-PSU stratum under the fail rule is a mistake in the design, said at once.
        // A plain sample of one respondent is refused only when a variance is asked of it (the counts-based intervals need none).
        var names = new string[psuCount.Length];
        for (var s = 0; s < names.Length; s++)
        {
            var code = stratumCodes[s];
            names[s] = stratumNames is not null && code >= 0 && code < stratumNames.Count ? stratumNames[code] : code.ToString(CultureInfo.InvariantCulture);
            if (lonelyPsu == LonelyPsu.Fail && psuCount[s] == 1 && (strata is not null || clusters is not null))
            {
                throw LonelyPsuError(names[s]);
            }
        }

        return new SurveyDesign(w, weights is not null, stratumOf, psuOf, [.. psuStratum], psuCount, lonelyPsu,
            isSimpleRandomSample: weights is null && strata is null && clusters is null) { _stratumNames = names };
    }

    /// <summary>The design-based (ratio) mean of <paramref name="values"/> over the respondents in the domain.</summary>
    /// <param name="values">One value per respondent; values outside the domain are ignored.</param>
    /// <param name="inDomain">True for respondents in the domain (for instance: answered the scenario).</param>
    /// <remarks>
    /// ȳ = Σ w_i d_i y_i / Σ w_i d_i, with influence values z_i = w_i d_i (y_i − ȳ) / Σ w_i d_i
    /// (Lumley 2010, §2.2; Woodruff 1971). Equals R <c>svymean(~y, design, na.rm = TRUE)</c>.
    /// </remarks>
    /// <exception cref="InsufficientDataException">The domain is empty.</exception>
    public DesignMean Mean(ReadOnlySpan<double> values, ReadOnlySpan<bool> inDomain)
    {
        var estimate = DomainMean(values, inDomain);
        return new DesignMean(estimate.Estimate, estimate.StandardError, estimate.N, estimate.WeightSum, estimate.DesignEffect);
    }

    /// <summary>The design-based mean of <paramref name="values"/> over a domain, as an estimate that carries its influence values.</summary>
    /// <param name="values">One value per respondent; values outside the domain are ignored.</param>
    /// <param name="inDomain">True for respondents in the domain (for instance: answered the scenario).</param>
    /// <param name="name">A name for messages and tables.</param>
    /// <remarks>
    /// ȳ = Σ w_i d_i y_i / Σ w_i d_i, z_i = w_i d_i (y_i − ȳ) / Σ w_i d_i (Lumley 2010, §2.2, §2.4; Woodruff 1971): the
    /// full design is kept, so respondents outside the domain still count in their strata. Equals R
    /// <c>svymean(~y, design, na.rm = TRUE)</c> (or <c>svyby</c> for a subgroup), and its influence values are those
    /// <c>svymean(..., influence = TRUE)</c> returns.
    /// </remarks>
    /// <exception cref="InsufficientDataException">The domain is empty.</exception>
    public DesignEstimate DomainMean(ReadOnlySpan<double> values, ReadOnlySpan<bool> inDomain, string name = "")
    {
        CheckLength(values.Length);
        CheckLength(inDomain.Length);
        CompensatedSum weightSum = default, weighted = default, weightSquares = default;
        for (var i = 0; i < values.Length; i++)
        {
            if (inDomain[i])
            {
                weightSum.Add(_weights[i]);
                weighted.Add(_weights[i] * values[i]);
                weightSquares.Add(_weights[i] * _weights[i]);
            }
        }

        if (weightSum.Value == 0)
        {
            throw new InsufficientDataException("no respondent is in the domain, so the mean is undefined");
        }

        var sw = weightSum.Value;
        var mean = weighted.Value / sw;
        var influence = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (inDomain[i])
            {
                influence[i] = _weights[i] * (values[i] - mean) / sw;
            }
        }

        return new DesignEstimate(this, name, mean, influence, inDomain.ToArray(), sw, weightSquares.Value);
    }

    /// <summary>The design-based total of <paramref name="values"/> over a domain, Σ w_i d_i y_i, with influence values z_i = w_i d_i y_i.</summary>
    /// <remarks>The Horvitz–Thompson total (Lumley 2010, §2.2); equals R <c>svytotal(~y, design, na.rm = TRUE)</c>.</remarks>
    public DesignEstimate Total(ReadOnlySpan<double> values, ReadOnlySpan<bool> inDomain, string name = "")
    {
        CheckLength(values.Length);
        CheckLength(inDomain.Length);
        CompensatedSum weightSum = default, total = default, weightSquares = default;
        var influence = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (inDomain[i])
            {
                weightSum.Add(_weights[i]);
                weightSquares.Add(_weights[i] * _weights[i]);
                influence[i] = _weights[i] * values[i];
                total.Add(influence[i]);
            }
        }

        return new DesignEstimate(this, name, total.Value, influence, inDomain.ToArray(), weightSum.Value, weightSquares.Value);
    }

    /// <summary>
    /// The linearised variance of an estimator whose influence values are <paramref name="influence"/>
    /// (zero outside <paramref name="inDomain"/>).
    /// </summary>
    /// <remarks>
    /// Var = Σ_h c_h Σ_j (Z_hj − Z̄_h)², c_h = n_h/(n_h − 1), as R <c>survey:::svyrecvar</c> with one stage and no fpc.
    /// A stratum with a single PSU follows <see cref="LonelyPsu"/>.
    /// </remarks>
    public double TotalVariance(ReadOnlySpan<double> influence, ReadOnlySpan<bool> inDomain)
    {
        CheckLength(influence.Length);
        CheckLength(inDomain.Length);
        return TotalVarianceOf(influence.ToArray(), inDomain);
    }

    /// <summary>As <see cref="TotalVariance(ReadOnlySpan{double}, ReadOnlySpan{bool})"/>, on an estimate's own array (not copied: one less array of n per variance).</summary>
    internal double TotalVarianceOf(double[] influence, ReadOnlySpan<bool> inDomain) => CovarianceOf([influence], inDomain)[0, 0];

    /// <summary>The linearised covariance matrix of several estimates of this design.</summary>
    /// <remarks>
    /// Cov(θ̂_a, θ̂_b) = Σ_h c_h Σ_j (Z^a_hj − Z̄^a_h)(Z^b_hj − Z̄^b_h), c_h = n_h/(n_h − 1), Z^a_hj the total of θ̂_a's
    /// influence values over PSU j of stratum h: R <c>survey:::svyrecvar</c> on the matrix of influence values, as
    /// <c>svyby(..., covmat = TRUE)</c> and <c>vcov(svymean(~a + b, design))</c> compute it. The variance of any contrast
    /// c′θ̂ is c′Σc. A stratum counts as present (for the lonely-PSU rules) when any of the estimates' domains reaches it.
    /// </remarks>
    /// <exception cref="ArgumentException">An estimate comes from another design.</exception>
    public double[,] Covariance(IReadOnlyList<DesignEstimate> estimates)
    {
        ArgumentNullException.ThrowIfNull(estimates);
        var present = new bool[RespondentCount];
        var influences = new double[estimates.Count][];
        for (var k = 0; k < estimates.Count; k++)
        {
            RequireSameDesign(estimates[k]);
            influences[k] = estimates[k].InfluenceArray;
            var domain = estimates[k].DomainArray;
            for (var i = 0; i < present.Length; i++)
            {
                present[i] |= domain[i];
            }
        }

        return CovarianceOf(influences, present);
    }

    internal void RequireSameDesign(DesignEstimate estimate)
    {
        if (!ReferenceEquals(estimate.Design, this))
        {
            throw new ArgumentException($"estimate '{estimate.Name}' comes from another design; estimates combine only within one design");
        }
    }

    private double[,] CovarianceOf(double[][] influences, ReadOnlySpan<bool> inDomain)
    {
        var k = influences.Length;
        var psuTotals = new double[k][];
        var stratumTotals = new double[k][];
        try
        {
            return CovarianceFromTotals(influences, inDomain, psuTotals, stratumTotals);
        }
        finally
        {
            // The PSU totals (one per respondent when each is its own PSU) live only for this computation: pooled, so
            // that the variances of a large file make no garbage of that size (issue 17).
            foreach (var totals in psuTotals)
            {
                if (totals is not null)
                {
                    ArrayPool<double>.Shared.Return(totals);
                }
            }
        }
    }

    private double[,] CovarianceFromTotals(double[][] influences, ReadOnlySpan<bool> inDomain, double[][] psuTotals, double[][] stratumTotals)
    {
        var k = influences.Length;
        for (var a = 0; a < k; a++)
        {
            var z = ProjectForVariance(influences[a]);
            var totals = ArrayPool<double>.Shared.Rent(PsuCount);
            psuTotals[a] = totals;
            Array.Clear(totals, 0, PsuCount);
            for (var i = 0; i < z.Length; i++)
            {
                totals[_psuOf[i]] += z[i];
            }

            var byStratum = new double[StratumCount];
            for (var p = 0; p < PsuCount; p++)
            {
                byStratum[_psuStratum[p]] += totals[p];
            }

            stratumTotals[a] = byStratum;
        }

        // A stratum counts when the domain reaches it. A calibrated design keeps every respondent in a domain (R gives
        // those outside weight 0 and keeps their rows), and the calibration residuals reach outside the domain, so
        // there every stratum counts.
        var stratumPresent = new bool[StratumCount];
        if (_projection is not null)
        {
            Array.Fill(stratumPresent, true);
        }

        for (var i = 0; i < inDomain.Length; i++)
        {
            if (inDomain[i])
            {
                stratumPresent[_stratumOf[i]] = true;
            }
        }

        var result = new double[k, k];
        for (var a = 0; a < k; a++)
        {
            for (var b = a; b < k; b++)
            {
                result[a, b] = result[b, a] = CrossProduct(psuTotals[a], stratumTotals[a], psuTotals[b], stratumTotals[b], stratumPresent);
            }
        }

        return result;
    }

    // The influence values the variance is computed from: as given, or, on a calibrated design, their calibration
    // residuals (as svyrecvar's postStrata step).
    private double[] ProjectForVariance(double[] influence) => _projection is null ? influence : _projection.Project(influence);

    private double CrossProduct(double[] psuA, double[] stratumA, double[] psuB, double[] stratumB, bool[] stratumPresent)
    {
        var squares = new double[StratumCount];
        for (var p = 0; p < PsuCount; p++)
        {
            var s = _psuStratum[p];
            var nh = _psuCountInStratum[s];
            var lonelyAdjusted = nh == 1 && LonelyPsu == LonelyPsu.Adjust;
            var deviationA = psuA[p] - (lonelyAdjusted ? 0.0 : stratumA[s] / nh);
            var deviationB = psuB[p] - (lonelyAdjusted ? 0.0 : stratumB[s] / nh);
            squares[s] += deviationA * deviationB;
        }

        var variance = new CompensatedSum();
        int present = 0, usable = 0;
        for (var s = 0; s < StratumCount; s++)
        {
            if (!stratumPresent[s])
            {
                continue;
            }

            present++;
            var nh = _psuCountInStratum[s];
            if (nh == 1 && LonelyPsu == LonelyPsu.Fail)
            {
                throw LonelyPsuError(_stratumNames[s]);
            }

            if (nh > 1)
            {
                variance.Add(squares[s] * nh / (nh - 1));
                usable++;
            }
            else if (LonelyPsu == LonelyPsu.Adjust)
            {
                variance.Add(squares[s]);
                usable++;
            }
            else if (LonelyPsu != LonelyPsu.Average)
            {
                usable++;
            }
        }

        if (LonelyPsu == LonelyPsu.Average && usable < present)
        {
            return usable == 0 ? throw new SurveyDesignException("every stratum has a single PSU, so no variance can be averaged") : variance.Value * present / usable;
        }

        return variance.Value;
    }

    /// <summary>
    /// The same sampling design (strata, PSUs, lonely-PSU rule) with other weights, and a projection of influence values
    /// applied before every variance: how a calibrated design is made from its starting design.
    /// </summary>
    internal SurveyDesign WithWeights(double[] weights, IVarianceProjection? projection)
    {
        CheckLength(weights.Length);
        return new SurveyDesign(weights, true, _stratumOf, _psuOf, _psuStratum, _psuCountInStratum, LonelyPsu, projection) { _stratumNames = _stratumNames };
    }

    private static SurveyDesignException LonelyPsuError(string stratum) =>
        new($"stratum '{stratum}' has a single primary sampling unit, so its variance cannot be estimated; "
            + "merge it with another stratum or choose a lonely-PSU rule (certainty, average, adjust)");

    private void CheckLength(int length)
    {
        if (length != RespondentCount)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"expected one value per respondent ({RespondentCount}), got {length}"));
        }
    }
}

/// <summary>
/// Replaces an estimator's influence values by those its variance is computed from — on a calibrated design, their
/// residuals from the calibration (Deville and Särndal 1992; R <c>survey:::svyrecvar</c>'s <c>postStrata</c> step).
/// </summary>
internal interface IVarianceProjection
{
    /// <summary>The projected influence values (a new array; the argument is not changed).</summary>
    double[] Project(double[] influence);
}
