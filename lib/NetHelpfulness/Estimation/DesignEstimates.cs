using System.Globalization;

namespace NetHelpfulness.Estimation;

/// <summary>
/// Combinations of design estimates of one design — contrasts, differences, ratios and smooth functions — each an
/// estimate again, with influence values, so that combinations combine further (R <c>survey</c>'s <c>svycontrast</c>).
/// </summary>
/// <remarks>
/// <para>Linear: θ = Σ c_k θ_k has influence Σ c_k z_k, so its variance is c′Σc with Σ the design covariance of the
/// θ_k (<see cref="SurveyDesign.Covariance"/>). Smooth: θ = g(θ₁, …, θ_K) has influence Σ ∂g/∂θ_k · z_k evaluated at
/// the estimates (the delta method; Lumley 2010, §2.3; Binder 1983). Equals R
/// <c>svycontrast(svymean(~a + b + c, design), c(...))</c> and, for a function, <c>svycontrast(stat, quote(...))</c>.</para>
/// <para>The domain of a combination is the union of the domains, and its N the number of respondents in that union;
/// Kish's design effect of a combination is that of its union's weights.</para>
/// </remarks>
public static class DesignEstimates
{
    /// <summary>The linear combination Σ c_k θ_k.</summary>
    /// <param name="estimates">Estimates of one design.</param>
    /// <param name="coefficients">One coefficient per estimate.</param>
    /// <param name="name">The combination's name (default: the coefficients and names written out).</param>
    /// <exception cref="ArgumentException">No estimate, coefficients of another length, a coefficient not finite, or estimates of different designs.</exception>
    public static DesignEstimate Contrast(IReadOnlyList<DesignEstimate> estimates, IReadOnlyList<double> coefficients, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(estimates);
        ArgumentNullException.ThrowIfNull(coefficients);
        if (coefficients.Count != estimates.Count)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"a contrast needs one coefficient per estimate: {estimates.Count} estimates, {coefficients.Count} coefficients"), nameof(coefficients));
        }

        foreach (var c in coefficients)
        {
            if (!double.IsFinite(c))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"contrast coefficient {c} is not finite"), nameof(coefficients));
            }
        }

        var value = 0.0;
        for (var k = 0; k < estimates.Count; k++)
        {
            value += coefficients[k] * estimates[k].Estimate;
        }

        return Combine(estimates, coefficients, value, name ?? Describe(estimates, coefficients));
    }

    /// <summary>The difference θ_a − θ_b.</summary>
    public static DesignEstimate Difference(DesignEstimate a, DesignEstimate b, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Combine([a, b], [1.0, -1.0], a.Estimate - b.Estimate, name ?? $"{a.Name} − {b.Name}");
    }

    /// <summary>The ratio θ_a / θ_b, by the delta method: influence (z_a − r z_b)/θ_b.</summary>
    /// <exception cref="InsufficientDataException">θ_b is 0.</exception>
    public static DesignEstimate Ratio(DesignEstimate a, DesignEstimate b, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (b.Estimate == 0)
        {
            throw new InsufficientDataException($"the ratio {a.Name} / {b.Name} is undefined: the denominator is 0");
        }

        var ratio = a.Estimate / b.Estimate;
        return Combine([a, b], [1 / b.Estimate, -ratio / b.Estimate], ratio, name ?? $"{a.Name} / {b.Name}");
    }

    /// <summary>A smooth function g of several estimates, by the delta method.</summary>
    /// <param name="estimates">Estimates of one design.</param>
    /// <param name="value">g(θ₁, …, θ_K) at the estimates.</param>
    /// <param name="gradient">∂g/∂θ_k at the estimates, one per estimate.</param>
    /// <param name="name">The function's name.</param>
    /// <exception cref="ArgumentException">The gradient has another length or a value that is not finite.</exception>
    public static DesignEstimate Function(IReadOnlyList<DesignEstimate> estimates, double value, IReadOnlyList<double> gradient, string name)
    {
        ArgumentNullException.ThrowIfNull(estimates);
        ArgumentNullException.ThrowIfNull(gradient);
        if (gradient.Count != estimates.Count || gradient.Any(g => !double.IsFinite(g)))
        {
            throw new ArgumentException("the gradient needs one finite derivative per estimate", nameof(gradient));
        }

        return Combine(estimates, gradient, value, name);
    }

    /// <summary>g(θ) for one estimate with derivative g′(θ): for example log θ with 1/θ.</summary>
    public static DesignEstimate Function(DesignEstimate estimate, Func<double, double> value, Func<double, double> derivative, string name)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(derivative);
        return Function([estimate], value(estimate.Estimate), [derivative(estimate.Estimate)], name);
    }

    private static DesignEstimate Combine(IReadOnlyList<DesignEstimate> estimates, IReadOnlyList<double> coefficients, double value, string name)
    {
        if (estimates.Count == 0)
        {
            throw new ArgumentException("a combination needs at least one estimate", nameof(estimates));
        }

        var design = estimates[0].Design;
        var n = design.RespondentCount;
        var influence = new double[n];
        var inDomain = new bool[n];
        for (var k = 0; k < estimates.Count; k++)
        {
            design.RequireSameDesign(estimates[k]);
            var z = estimates[k].Influence;
            var domain = estimates[k].InDomain;
            var c = coefficients[k];
            for (var i = 0; i < n; i++)
            {
                influence[i] += c * z[i];
                inDomain[i] |= domain[i];
            }
        }

        var weights = design.Weights;
        CompensatedSum weightSum = default, weightSquares = default;
        for (var i = 0; i < n; i++)
        {
            if (inDomain[i])
            {
                weightSum.Add(weights[i]);
                weightSquares.Add(weights[i] * weights[i]);
            }
        }

        return new DesignEstimate(design, name, value, influence, inDomain, weightSum.Value, weightSquares.Value);
    }

    private static string Describe(IReadOnlyList<DesignEstimate> estimates, IReadOnlyList<double> coefficients) =>
        string.Join(" + ", estimates.Select((e, k) => string.Create(CultureInfo.InvariantCulture, $"{coefficients[k]:R}·{e.Name}")));
}
