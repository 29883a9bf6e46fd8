using System.Globalization;

namespace NetHelpfulness.Estimation;

/// <summary>What an interval method is asked to give an interval for.</summary>
public enum EstimateTarget
{
    /// <summary>One scenario's net score.</summary>
    NetScore,

    /// <summary>The paired difference of two scenarios rated by the same respondents.</summary>
    PairedDifference,

    /// <summary>Net scores of groups of respondents (domains) and their differences from a reference group.</summary>
    Groups,

    /// <summary>Any linear combination of scenario net scores.</summary>
    Contrast,
}

/// <summary>Computes one net score's interval from per-respondent scores.</summary>
/// <param name="scores">+1/0/−1 or <see cref="Data.SurveyResponses.Missing"/>, one per respondent.</param>
/// <param name="design">The design (<see cref="SurveyDesign.SimpleRandomSample"/> for plain counts).</param>
/// <param name="level">Confidence level.</param>
/// <param name="bootstrap">Replicates and seed, for the bootstrap methods.</param>
public delegate NetScoreEstimate NetScoreInterval(ReadOnlySpan<sbyte> scores, SurveyDesign design, double level, BootstrapOptions? bootstrap);

/// <summary>One interval method: its name on the command line, what it is, what it applies to and how it is computed.</summary>
/// <param name="Method">The method.</param>
/// <param name="Name">Its name on the command line and in machine-readable output (<c>linearized</c>, <c>tango</c>, ...).</param>
/// <param name="Description">One line for help texts and reports.</param>
/// <param name="Citation">Where the method comes from.</param>
/// <param name="AppliesToWeighted">False when the method is defined for unweighted counts only (it then ignores strata and clusters).</param>
/// <param name="Targets">What the method gives intervals for.</param>
/// <param name="Compute">How one net score's interval is computed.</param>
public sealed record IntervalMethodInfo(
    IntervalMethod Method,
    string Name,
    string Description,
    string Citation,
    bool AppliesToWeighted,
    IReadOnlyList<EstimateTarget> Targets,
    NetScoreInterval Compute)
{
    /// <summary>True for the resampling methods, which need <see cref="BootstrapOptions"/>.</summary>
    public bool IsBootstrap => Method is IntervalMethod.BootstrapPercentile or IntervalMethod.BootstrapBca;

    /// <summary>Why the method cannot be used for <paramref name="target"/> on a design that is (or is not) weighted, or null when it can.</summary>
    public string? WhyNot(EstimateTarget target, bool weighted)
    {
        if (!Targets.Contains(target))
        {
            var targets = IntervalMethods.All.Where(m => m.Targets.Contains(target)).Select(m => m.Name);
            return $"the {Name} interval does not apply to {Describe(target)}; use one of {string.Join(", ", targets)}";
        }

        return weighted && !AppliesToWeighted
            ? $"the {Name} interval is the unweighted textbook interval; drop the weights or use the linearized method"
            : null;
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    internal static string Describe(EstimateTarget target) => target switch
    {
        EstimateTarget.NetScore => "a net score",
        EstimateTarget.PairedDifference => "a paired difference",
        EstimateTarget.Groups => "groups and their differences",
        EstimateTarget.Contrast => "a contrast of scenarios",
        _ => target.ToString(),
    };
}

/// <summary>
/// The registry of interval methods: the one place that says each method's name, description, scope and computation.
/// The command line, the coverage study and the library's dispatch all read it.
/// </summary>
public static class IntervalMethods
{
    private static readonly EstimateTarget[] Everything = [EstimateTarget.NetScore, EstimateTarget.PairedDifference, EstimateTarget.Groups, EstimateTarget.Contrast];
    private static readonly EstimateTarget[] Resampled = [EstimateTarget.NetScore, EstimateTarget.PairedDifference, EstimateTarget.Groups];

    /// <summary>Every method, the default (linearized) first.</summary>
    public static IReadOnlyList<IntervalMethodInfo> All { get; } =
    [
        new(IntervalMethod.Linearized, "linearized",
            "design-based Taylor linearisation with weights, strata and clusters (R survey's svymean)", "Lumley 2010",
            true, Everything,
            (scores, design, level, _) => NetScore.Linearized(scores, design, level)),
        new(IntervalMethod.Wald, "wald",
            "unweighted textbook interval, SE = √((p_h + p_c − net²)/n)", "Rocks 2016",
            false, Resampled,
            (scores, _, level, _) => NetScore.Wald(scores, level)),
        new(IntervalMethod.AdjustedWald, "adjusted-wald",
            "adjusted Wald: pseudo-counts ¾ helpful, 1½ neutral, ¾ creepy (on the design's effective n when weighted)", "Rocks 2016",
            true, [EstimateTarget.NetScore],
            (scores, design, level, _) => design.IsSimpleRandomSample ? NetScore.AdjustedWald(scores, level) : NetScore.AdjustedWald(scores, design, level)),
        new(IntervalMethod.Tango, "tango",
            "Tango's score interval, helpful and creepy as discordant cells (on the design's effective n when weighted)", "Tango 1998",
            true, [EstimateTarget.NetScore],
            (scores, design, level, _) => design.IsSimpleRandomSample ? NetScore.Tango(scores, level) : NetScore.Tango(scores, design, level)),
        new(IntervalMethod.BootstrapPercentile, "bootstrap-percentile",
            "bootstrap percentile interval: PSUs resampled within strata, weights kept", "Efron 1987",
            true, Resampled,
            (scores, design, level, bootstrap) => NetScore.Bootstrap(scores, design, IntervalMethod.BootstrapPercentile, bootstrap ?? new BootstrapOptions(), level)),
        new(IntervalMethod.BootstrapBca, "bootstrap-bca",
            "bootstrap bias-corrected and accelerated (BCa) interval, jackknife acceleration", "Efron 1987",
            true, Resampled,
            (scores, design, level, bootstrap) => NetScore.Bootstrap(scores, design, IntervalMethod.BootstrapBca, bootstrap ?? new BootstrapOptions(), level)),
    ];

    /// <summary>The registry entry of a method.</summary>
    public static IntervalMethodInfo Of(IntervalMethod method) =>
        All.FirstOrDefault(m => m.Method == method) ?? throw new ArgumentOutOfRangeException(nameof(method), method, "unknown interval method");

    /// <summary>A method's command-line name.</summary>
    public static string NameOf(IntervalMethod method) => Of(method).Name;

    /// <summary>The methods that apply to <paramref name="target"/>.</summary>
    public static IReadOnlyList<IntervalMethodInfo> For(EstimateTarget target) => [.. All.Where(m => m.Targets.Contains(target))];

    /// <summary>The method with this name.</summary>
    /// <exception cref="ArgumentException">No method has that name; the message lists the names.</exception>
    public static IntervalMethodInfo Parse(string name) =>
        All.FirstOrDefault(m => m.Name == name)
        ?? throw new ArgumentException($"unknown interval method '{name}'; the methods are {string.Join(", ", All.Select(m => m.Name))}", nameof(name));

    /// <summary>Throws unless <paramref name="method"/> applies to <paramref name="target"/> on <paramref name="design"/>.</summary>
    /// <exception cref="ArgumentException">The method does not apply (the message says why).</exception>
    public static void Require(IntervalMethod method, EstimateTarget target, SurveyDesign? design) =>
        Require(method, target, design?.IsWeighted ?? false);

    /// <summary>Throws unless <paramref name="method"/> applies to <paramref name="target"/> on data that are (or are not) weighted.</summary>
    /// <exception cref="ArgumentException">The method does not apply (the message says why).</exception>
    public static void Require(IntervalMethod method, EstimateTarget target, bool weighted)
    {
        if (Of(method).WhyNot(target, weighted) is { } why)
        {
            throw new ArgumentException(why, nameof(method));
        }
    }

    /// <summary>A help line listing the methods that apply to <paramref name="target"/>, the default first.</summary>
    public static string HelpText(EstimateTarget target) =>
        string.Create(CultureInfo.InvariantCulture,
            $"interval method: {string.Join(", ", For(target).Select((m, k) => k == 0 ? $"{m.Name} (default)" : m.Name))} (see docs/intervals.md)");
}
