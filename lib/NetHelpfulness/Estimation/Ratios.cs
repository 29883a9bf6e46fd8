using System.Globalization;

namespace NetHelpfulness.Estimation;

/// <summary>How an effect measure's interval was computed.</summary>
public enum EffectMethod
{
    /// <summary>Risk ratio, Katz et al. (1978) log interval on counts.</summary>
    KatzLog,

    /// <summary>Odds ratio, Woolf (1955) logit interval on counts.</summary>
    WoolfLogit,

    /// <summary>Risk difference, Wald interval on counts.</summary>
    Wald,

    /// <summary>Ratio interval on the log scale, SE by the delta method on the survey design (Taylor linearisation).</summary>
    LinearizedLog,

    /// <summary>Odds-ratio interval on the logit scale, SE by the delta method on the survey design.</summary>
    LinearizedLogit,

    /// <summary>Difference interval, SE by Taylor linearisation on the survey design.</summary>
    Linearized,
}

/// <summary>The ratio methods' names, for tables and machine-readable output.</summary>
public static class EffectMethods
{
    /// <summary>The method's name: <c>katz-log</c>, <c>woolf-logit</c>, <c>wald</c>, <c>linearized-log</c>, <c>linearized-logit</c> or <c>linearized</c>.</summary>
    public static string NameOf(EffectMethod method) => method switch
    {
        EffectMethod.KatzLog => "katz-log",
        EffectMethod.WoolfLogit => "woolf-logit",
        EffectMethod.Wald => "wald",
        EffectMethod.LinearizedLog => "linearized-log",
        EffectMethod.LinearizedLogit => "linearized-logit",
        EffectMethod.Linearized => "linearized",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "unknown effect method"),
    };
}

/// <summary>An effect measure (ratio or difference) with its interval.</summary>
/// <param name="Estimate">The ratio, or the difference, on its natural scale.</param>
/// <param name="StandardError">Standard error on the scale the interval is built on: log(ratio) for ratios, the difference itself for differences.</param>
/// <param name="Interval">Confidence interval on the natural scale (a ratio's is exp of the log-scale interval).</param>
/// <param name="Method">How the interval was computed.</param>
public sealed record EffectEstimate(double Estimate, double StandardError, ConfidenceInterval Interval, EffectMethod Method) : IEstimateResult
{
    /// <summary>Respondents the measure rests on (both groups); 0 when not given.</summary>
    public int N { get; init; }

    /// <summary>Kish's effective sample size of those respondents (N when unweighted or not given).</summary>
    public double EffectiveN { get; init; } = double.NaN;

    /// <inheritdoc />
    public EstimateSummary Summary => new(Estimate, StandardError, Interval, EffectMethods.NameOf(Method), N, double.IsNaN(EffectiveN) ? N : EffectiveN);

    /// <summary>True for a ratio (interval built on the log scale), false for a difference.</summary>
    public bool IsRatio => Method is EffectMethod.KatzLog or EffectMethod.WoolfLogit or EffectMethod.LinearizedLog or EffectMethod.LinearizedLogit;

    /// <summary>Two-sided p-value of the Wald test of no effect (ratio 1, difference 0), on the interval's scale.</summary>
    /// <remarks>See <see cref="PValues.TwoSidedNormal"/>: 2·Φ(−|log ratio| / SE) or 2·Φ(−|difference| / SE).</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The SE is 0 and the estimate shows no effect (p undefined).</exception>
    public double PValue() => PValues.TwoSidedNormal(IsRatio ? Math.Log(Estimate) : Estimate, StandardError);
}

/// <summary>A 2×2 table of a binary exposure by a binary outcome (unweighted counts).</summary>
/// <param name="ExposedWithOutcome">a: exposure 1, outcome 1.</param>
/// <param name="ExposedWithoutOutcome">b: exposure 1, outcome 0.</param>
/// <param name="UnexposedWithOutcome">c: exposure 0, outcome 1.</param>
/// <param name="UnexposedWithoutOutcome">d: exposure 0, outcome 0.</param>
public sealed record TwoByTwoTable(int ExposedWithOutcome, int ExposedWithoutOutcome, int UnexposedWithOutcome, int UnexposedWithoutOutcome)
{
    /// <summary>Respondents exposed (a + b).</summary>
    public int Exposed => ExposedWithOutcome + ExposedWithoutOutcome;

    /// <summary>Respondents not exposed (c + d).</summary>
    public int Unexposed => UnexposedWithOutcome + UnexposedWithoutOutcome;

    /// <summary>Counts the table from one 0/1 exposure and one 0/1 outcome per respondent.</summary>
    /// <exception cref="ArgumentException">The lengths differ or a value is not 0 or 1.</exception>
    public static TwoByTwoTable Count(ReadOnlySpan<byte> exposure, ReadOnlySpan<byte> outcome)
    {
        Ratios.CheckBinary(exposure, outcome);
        int a = 0, b = 0, c = 0, d = 0;
        for (var i = 0; i < exposure.Length; i++)
        {
            switch ((exposure[i], outcome[i]))
            {
                case (1, 1): a++; break;
                case (1, 0): b++; break;
                case (0, 1): c++; break;
                default: d++; break;
            }
        }

        return new TwoByTwoTable(a, b, c, d);
    }
}

/// <summary>Risk ratio, odds ratio and risk difference of a binary outcome between exposed and unexposed respondents.</summary>
/// <param name="ExposedCount">Respondents exposed (unweighted).</param>
/// <param name="UnexposedCount">Respondents not exposed (unweighted).</param>
/// <param name="RiskExposed">(Weighted) share of the exposed with the outcome, p₁.</param>
/// <param name="RiskUnexposed">(Weighted) share of the unexposed with the outcome, p₀.</param>
/// <param name="RiskRatio">p₁/p₀ with its interval.</param>
/// <param name="OddsRatio">[p₁/(1 − p₁)] / [p₀/(1 − p₀)] with its interval.</param>
/// <param name="RiskDifference">p₁ − p₀ with its interval.</param>
public sealed record BinaryComparison(
    int ExposedCount,
    int UnexposedCount,
    double RiskExposed,
    double RiskUnexposed,
    EffectEstimate RiskRatio,
    EffectEstimate OddsRatio,
    EffectEstimate RiskDifference);

/// <summary>
/// Ratios ("customers are 2.5× more likely to …") and differences of a binary outcome between an exposed and an
/// unexposed group, with confidence intervals: from counts for a simple random sample, by the delta method on a survey design.
/// </summary>
/// <remarks>
/// Every cell of the 2×2 table must hold at least one respondent: with an empty cell the risk ratio or odds ratio is
/// 0 or infinite and its log-scale interval undefined. Rather than silently apply a continuity correction, which changes
/// the estimate, an <see cref="InsufficientDataException"/> names the empty cell.
/// </remarks>
public static class Ratios
{
    /// <summary>Closed-form intervals from a 2×2 table of counts (a simple random sample).</summary>
    /// <remarks>
    /// With n₁ = a + b, n₀ = c + d, p₁ = a/n₁, p₀ = c/n₀ and z the normal quantile:
    /// <list type="bullet">
    /// <item>risk ratio p₁/p₀, SE(log RR) = √(1/a − 1/n₁ + 1/c − 1/n₀), CI = exp(log RR ± z·SE) (Katz, Baptista, Azen and
    /// Pike 1978, "Obtaining confidence intervals for the risk ratio in cohort studies", Biometrics 34:469–474);</item>
    /// <item>odds ratio ad/(bc), SE(log OR) = √(1/a + 1/b + 1/c + 1/d), CI = exp(log OR ± z·SE) (Woolf 1955);</item>
    /// <item>risk difference p₁ − p₀, SE = √(p₁(1 − p₁)/n₁ + p₀(1 − p₀)/n₀), CI = RD ± z·SE (Wald).</item>
    /// </list>
    /// </remarks>
    /// <exception cref="InsufficientDataException">A cell of the table is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or the level is not strictly between 0 and 1.</exception>
    public static BinaryComparison FromCounts(TwoByTwoTable table, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(table);
        ConfidenceInterval.CheckLevel(level);
        if (table.ExposedWithOutcome < 0 || table.ExposedWithoutOutcome < 0 || table.UnexposedWithOutcome < 0 || table.UnexposedWithoutOutcome < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(table), table, "counts cannot be negative");
        }

        CheckCells(table);
        double a = table.ExposedWithOutcome, b = table.ExposedWithoutOutcome, c = table.UnexposedWithOutcome, d = table.UnexposedWithoutOutcome;
        double n1 = a + b, n0 = c + d;
        var p1 = a / n1;
        var p0 = c / n0;
        var logRiskRatio = Math.Log(p1 / p0);
        var logOddsRatio = Math.Log(a * d / (b * c));
        var riskRatio = OnLogScale(logRiskRatio, Math.Sqrt((1 / a) - (1 / n1) + (1 / c) - (1 / n0)), level, EffectMethod.KatzLog);
        var oddsRatio = OnLogScale(logOddsRatio, Math.Sqrt((1 / a) + (1 / b) + (1 / c) + (1 / d)), level, EffectMethod.WoolfLogit);
        var differenceSe = Math.Sqrt((p1 * (1 - p1) / n1) + (p0 * (1 - p0) / n0));
        var difference = new EffectEstimate(p1 - p0, differenceSe, ConfidenceInterval.Normal(p1 - p0, differenceSe, level), EffectMethod.Wald);
        var n = table.Exposed + table.Unexposed;
        return new BinaryComparison(table.Exposed, table.Unexposed, p1, p0, riskRatio with { N = n }, oddsRatio with { N = n }, difference with { N = n });
    }

    /// <summary>Closed-form intervals (Katz, Woolf, Wald) from one 0/1 exposure and one 0/1 outcome per respondent.</summary>
    /// <exception cref="InsufficientDataException">A cell of the 2×2 table is empty.</exception>
    /// <exception cref="ArgumentException">The lengths differ or a value is not 0 or 1.</exception>
    public static BinaryComparison Compare(ReadOnlySpan<byte> exposure, ReadOnlySpan<byte> outcome, double level = 0.95) =>
        FromCounts(TwoByTwoTable.Count(exposure, outcome), level);

    /// <summary>Design-based intervals by the delta method (Taylor linearisation) for weighted, stratified or clustered data.</summary>
    /// <remarks>
    /// <para>p₁ and p₀ are the weighted means of the outcome in the domains exposure = 1 and exposure = 0, with
    /// influence values z₁ᵢ = xᵢwᵢ(yᵢ − p₁)/Σxw and z₀ᵢ = (1 − xᵢ)wᵢ(yᵢ − p₀)/Σ(1 − x)w over the whole design
    /// (domain estimation; Lumley 2010, §2.4). A smooth function g(p₁, p₀) has influence ∂g/∂p₁·z₁ + ∂g/∂p₀·z₀ and its
    /// variance is the design variance of that sum (<see cref="SurveyDesign.TotalVariance"/>; delta method, Lumley 2010, §2.3):</para>
    /// <list type="bullet">
    /// <item>log RR = log p₁ − log p₀: influence z₁/p₁ − z₀/p₀; CI = exp(log RR ± z·SE);</item>
    /// <item>log OR = logit p₁ − logit p₀: influence z₁/(p₁(1 − p₁)) − z₀/(p₀(1 − p₀)); CI = exp(log OR ± z·SE);</item>
    /// <item>RD = p₁ − p₀: influence z₁ − z₀; CI = RD ± z·SE.</item>
    /// </list>
    /// <para>Equals R: <c>by &lt;- svyby(~y, ~exposure, design, svymean, covmat = TRUE)</c> then
    /// <c>svycontrast(by, quote(log(exposed / unexposed)))</c>,
    /// <c>svycontrast(by, quote(log(exposed / (1 - exposed)) - log(unexposed / (1 - unexposed))))</c> and
    /// <c>svycontrast(by, quote(exposed - unexposed))</c>, with <c>exposure</c> a factor labelled unexposed/exposed.
    /// For an unweighted simple random sample the SEs differ slightly from the closed forms (n/(n − 1) factors): use
    /// <see cref="Compare(ReadOnlySpan{byte}, ReadOnlySpan{byte}, double)"/> there.</para>
    /// </remarks>
    /// <exception cref="InsufficientDataException">A cell of the unweighted 2×2 table is empty.</exception>
    /// <exception cref="ArgumentException">The lengths differ from the design or each other, or a value is not 0 or 1.</exception>
    public static BinaryComparison Compare(ReadOnlySpan<byte> exposure, ReadOnlySpan<byte> outcome, SurveyDesign design, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(design);
        ConfidenceInterval.CheckLevel(level);
        var table = TwoByTwoTable.Count(exposure, outcome);
        if (exposure.Length != design.RespondentCount)
        {
            throw new ArgumentException("exposure and outcome need one value per respondent of the design", nameof(exposure));
        }

        CheckCells(table);
        var n = exposure.Length;
        var y = new double[n];
        var exposed = new bool[n];
        var unexposed = new bool[n];
        for (var i = 0; i < n; i++)
        {
            y[i] = outcome[i];
            exposed[i] = exposure[i] == 1;
            unexposed[i] = !exposed[i];
        }

        var risk1 = design.DomainMean(y, exposed, "exposed");
        var risk0 = design.DomainMean(y, unexposed, "unexposed");
        var (p1, p0) = (risk1.Estimate, risk0.Estimate);
        var logRatio = DesignEstimates.Function([risk1, risk0], Math.Log(p1 / p0), [1 / p1, -1 / p0], "log risk ratio");
        var logOdds = DesignEstimates.Function([risk1, risk0], Math.Log(p1 / (1 - p1)) - Math.Log(p0 / (1 - p0)),
            [1 / (p1 * (1 - p1)), -1 / (p0 * (1 - p0))], "log odds ratio");
        var difference = DesignEstimates.Difference(risk1, risk0, "risk difference");
        var riskRatio = OnLogScale(logRatio.Estimate, logRatio.StandardError, level, EffectMethod.LinearizedLog);
        var oddsRatio = OnLogScale(logOdds.Estimate, logOdds.StandardError, level, EffectMethod.LinearizedLogit);
        var riskDifference = new EffectEstimate(difference.Estimate, difference.StandardError, difference.Interval(level), EffectMethod.Linearized);
        var (respondents, effective) = (difference.N, difference.EffectiveN);
        return new BinaryComparison(table.Exposed, table.Unexposed, p1, p0, riskRatio with { N = respondents, EffectiveN = effective },
            oddsRatio with { N = respondents, EffectiveN = effective }, riskDifference with { N = respondents, EffectiveN = effective });
    }

    internal static void CheckBinary(ReadOnlySpan<byte> exposure, ReadOnlySpan<byte> outcome)
    {
        if (exposure.Length != outcome.Length)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"exposure ({exposure.Length} values) and outcome ({outcome.Length} values) need one value per respondent each"), nameof(outcome));
        }

        for (var i = 0; i < exposure.Length; i++)
        {
            if (exposure[i] > 1 || outcome[i] > 1)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"respondent {i}: exposure {exposure[i]}, outcome {outcome[i]}; both must be 0 or 1"), nameof(exposure));
            }
        }
    }

    private static void CheckCells(TwoByTwoTable table)
    {
        var empty = new List<string>();
        if (table.Exposed == 0)
        {
            empty.Add("no respondent is exposed (exposure = 1)");
        }
        else
        {
            if (table.ExposedWithOutcome == 0)
            {
                empty.Add("no exposed respondent has the outcome (exposure = 1, outcome = 1)");
            }

            if (table.ExposedWithoutOutcome == 0)
            {
                empty.Add("every exposed respondent has the outcome (no exposure = 1, outcome = 0)");
            }
        }

        if (table.Unexposed == 0)
        {
            empty.Add("no respondent is unexposed (exposure = 0)");
        }
        else
        {
            if (table.UnexposedWithOutcome == 0)
            {
                empty.Add("no unexposed respondent has the outcome (exposure = 0, outcome = 1)");
            }

            if (table.UnexposedWithoutOutcome == 0)
            {
                empty.Add("every unexposed respondent has the outcome (no exposure = 0, outcome = 0)");
            }
        }

        if (empty.Count > 0)
        {
            throw new InsufficientDataException(string.Create(CultureInfo.InvariantCulture,
                $"the 2×2 table has an empty cell: {string.Join("; ", empty)}; the risk ratio and odds ratio and their "
                + $"intervals need at least one respondent in every cell (a={table.ExposedWithOutcome}, b={table.ExposedWithoutOutcome}, "
                + $"c={table.UnexposedWithOutcome}, d={table.UnexposedWithoutOutcome})"));
        }
    }

    private static EffectEstimate OnLogScale(double logEstimate, double standardError, double level, EffectMethod method)
    {
        var onLog = ConfidenceInterval.Normal(logEstimate, standardError, level);
        return new EffectEstimate(Math.Exp(logEstimate), standardError, new ConfidenceInterval(Math.Exp(onLog.Lower), Math.Exp(onLog.Upper), level), method);
    }
}
