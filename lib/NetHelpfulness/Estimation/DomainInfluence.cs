namespace NetHelpfulness.Estimation;

/// <summary>A domain mean with its influence values, for linearized contrasts (the influence of a difference is the difference of influences).</summary>
/// <param name="Mean">ȳ = Σ w_i y_i / Σ w_i over the domain.</param>
/// <param name="WeightSum">Σ w_i over the domain.</param>
/// <param name="N">Respondents in the domain.</param>
/// <param name="Influence">z_i = w_i (y_i − ȳ) / Σ w over the domain, 0 outside it (Lumley 2010, §2.2; Woodruff 1971).</param>
/// <param name="InDomain">Membership of the domain.</param>
internal sealed record DomainInfluence(double Mean, double WeightSum, int N, double[] Influence, bool[] InDomain)
{
    /// <exception cref="InsufficientDataException">The domain is empty.</exception>
    public static DomainInfluence Of(ReadOnlySpan<double> values, ReadOnlySpan<bool> inDomain, SurveyDesign design)
    {
        var weights = design.Weights;
        if (values.Length != weights.Length || inDomain.Length != weights.Length)
        {
            throw new ArgumentException("expected one value per respondent of the design");
        }

        CompensatedSum weightSum = default, weighted = default;
        var n = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (inDomain[i])
            {
                weightSum.Add(weights[i]);
                weighted.Add(weights[i] * values[i]);
                n++;
            }
        }

        if (n == 0)
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
                influence[i] = weights[i] * (values[i] - mean) / sw;
            }
        }

        return new DomainInfluence(mean, sw, n, influence, inDomain.ToArray());
    }

    /// <summary>The linearized standard error of Σ_k c_k θ_k from the influence values of the θ_k.</summary>
    public static double StandardError(SurveyDesign design, ReadOnlySpan<double> coefficients, params DomainInfluence[] estimates)
    {
        var combined = new double[design.RespondentCount];
        var inAny = new bool[combined.Length];
        for (var k = 0; k < estimates.Length; k++)
        {
            var z = estimates[k].Influence;
            var inDomain = estimates[k].InDomain;
            for (var i = 0; i < combined.Length; i++)
            {
                combined[i] += coefficients[k] * z[i];
                inAny[i] |= inDomain[i];
            }
        }

        return Math.Sqrt(design.TotalVariance(combined, inAny));
    }
}
