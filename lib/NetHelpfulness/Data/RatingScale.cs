using System.Globalization;

namespace NetHelpfulness.Data;

/// <summary>
/// How the points of a rating scale map onto the net helpfulness score: each rating is helpful (+1),
/// creepy (−1) or neutral (0).
/// </summary>
/// <remarks>
/// The default is the package's 5-point scale: 1 very creepy, 2 creepy, 3 neutral, 4 helpful, 5 very helpful.
/// Any other integer scale is described by its end points and two disjoint ranges; points in neither range are neutral.
/// </remarks>
public sealed record RatingScale
{
    /// <summary>The package's 5-point scale: 1–2 creepy, 3 neutral, 4–5 helpful.</summary>
    public static RatingScale FivePoint { get; } = new(1, 5, 4, 5, 1, 2);

    /// <summary>Creates a scale, checking that both ranges lie inside it and do not overlap.</summary>
    /// <exception cref="ArgumentException">The scale or the ranges are inconsistent.</exception>
    public RatingScale(int minimum, int maximum, int helpfulFrom, int helpfulTo, int creepyFrom, int creepyTo)
    {
        if (minimum < 0 || maximum > 100 || minimum >= maximum)
        {
            throw new ArgumentException(Invariant($"the scale must run between two integers 0 ≤ min < max ≤ 100; got {minimum}..{maximum}"));
        }

        CheckRange("helpful", helpfulFrom, helpfulTo, minimum, maximum);
        CheckRange("creepy", creepyFrom, creepyTo, minimum, maximum);
        if (helpfulFrom <= creepyTo && creepyFrom <= helpfulTo)
        {
            throw new ArgumentException(Invariant($"the helpful range {helpfulFrom}-{helpfulTo} overlaps the creepy range {creepyFrom}-{creepyTo}"));
        }

        Minimum = minimum;
        Maximum = maximum;
        HelpfulFrom = helpfulFrom;
        HelpfulTo = helpfulTo;
        CreepyFrom = creepyFrom;
        CreepyTo = creepyTo;
    }

    /// <summary>Lowest valid rating.</summary>
    public int Minimum { get; }

    /// <summary>Highest valid rating.</summary>
    public int Maximum { get; }

    /// <summary>First rating counted as helpful.</summary>
    public int HelpfulFrom { get; }

    /// <summary>Last rating counted as helpful.</summary>
    public int HelpfulTo { get; }

    /// <summary>First rating counted as creepy.</summary>
    public int CreepyFrom { get; }

    /// <summary>Last rating counted as creepy.</summary>
    public int CreepyTo { get; }

    /// <summary>True for the package's default 5-point scale, on which "very" creepy and helpful are defined.</summary>
    public bool IsFivePoint => Equals(FivePoint);

    /// <summary>Maps a valid rating to its score: +1 helpful, −1 creepy, 0 neutral.</summary>
    public sbyte Score(int rating) =>
        rating >= HelpfulFrom && rating <= HelpfulTo ? (sbyte)1
        : rating >= CreepyFrom && rating <= CreepyTo ? (sbyte)-1
        : (sbyte)0;

    /// <summary>True when the rating is a point of the scale.</summary>
    public bool Contains(int rating) => rating >= Minimum && rating <= Maximum;

    /// <summary>Describes the valid values, as error messages show them.</summary>
    public string Describe() => Invariant($"an integer {Minimum}..{Maximum} or empty (not answered)");

    /// <inheritdoc />
    public override string ToString() =>
        Invariant($"{Minimum}..{Maximum} (helpful {HelpfulFrom}-{HelpfulTo}, creepy {CreepyFrom}-{CreepyTo})");

    private static void CheckRange(string name, int from, int to, int minimum, int maximum)
    {
        if (from > to || from < minimum || to > maximum)
        {
            throw new ArgumentException(Invariant($"the {name} range {from}-{to} must lie inside the scale {minimum}..{maximum}"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
