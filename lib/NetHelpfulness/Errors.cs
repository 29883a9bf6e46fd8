using System.Globalization;
using System.Text;

namespace NetHelpfulness;

/// <summary>Base type of every error that the package raises for a user's input or design, as opposed to a bug.</summary>
public class NetHelpfulnessException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public NetHelpfulnessException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public NetHelpfulnessException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception with no message.</summary>
    public NetHelpfulnessException() { }

    /// <summary>One line per problem, as the command-line program prints them.</summary>
    public virtual IReadOnlyList<string> Lines => [Message];
}

/// <summary>One violation of the data contract: where it is, what was found and what was expected.</summary>
/// <param name="File">The file's name as the user gave it.</param>
/// <param name="Line">1-based physical line where the record starts; 0 when the problem is the whole file or the file is binary (see <see cref="ByteOffset"/>).</param>
/// <param name="Column">The column's (or SPSS variable's) name, or number when the header has none; empty when no single column applies.</param>
/// <param name="Found">The value found, shortened for display; empty when nothing was found.</param>
/// <param name="Expected">What the contract expects there.</param>
public sealed record DataIssue(string File, long Line, string Column, string Found, string Expected)
{
    private const int MaxShownValueLength = 40;

    /// <summary>For a binary file (an SPSS system file), the 0-based byte offset of the problem; null for text files, which give a <see cref="Line"/>.</summary>
    public long? ByteOffset { get; init; }

    /// <summary>For a record of a binary file, its number (an SPSS case, from 1); null otherwise.</summary>
    public long? Case { get; init; }

    /// <summary>Formats the issue as <c>file:line: column 'c': found 'v', expected …</c>, or <c>file: byte N: …</c> for a binary file.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(File);
        if (ByteOffset is { } offset)
        {
            text.Append(": byte ").Append(offset.ToString(CultureInfo.InvariantCulture));
            if (Case is { } number)
            {
                text.Append(" (case ").Append(number.ToString(CultureInfo.InvariantCulture)).Append(')');
            }
        }
        else if (Line > 0)
        {
            text.Append(':').Append(Line.ToString(CultureInfo.InvariantCulture));
        }

        text.Append(": ");
        if (Column.Length > 0)
        {
            // A binary (SPSS) file has variables rather than columns.
            text.Append(ByteOffset is null ? "column '" : "variable '").Append(Column).Append("': ");
        }

        if (Found.Length > 0)
        {
            text.Append("found '").Append(Shorten(Found)).Append("', ");
        }

        text.Append("expected ").Append(Expected);
        return text.ToString();
    }

    private static string Shorten(string value)
    {
        var oneLine = value.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        return oneLine.Length <= MaxShownValueLength ? oneLine : string.Concat(oneLine.AsSpan(0, MaxShownValueLength), "…");
    }
}

/// <summary>A survey file broke the data contract. <see cref="Issues"/> lists every violation found, up to a cap.</summary>
public sealed class SurveyDataException : NetHelpfulnessException
{
    /// <summary>Creates the exception from the issues found.</summary>
    public SurveyDataException(IReadOnlyList<DataIssue> issues, bool truncated)
        : base(Describe(issues, truncated))
    {
        Issues = issues;
        Truncated = truncated;
    }

    /// <summary>Creates the exception from one issue.</summary>
    public SurveyDataException(DataIssue issue) : this([issue], false) { }

    /// <summary>The violations found, in file order.</summary>
    public IReadOnlyList<DataIssue> Issues { get; }

    /// <summary>True when reading stopped at the cap and more violations may follow.</summary>
    public bool Truncated { get; }

    /// <inheritdoc />
    public override IReadOnlyList<string> Lines
    {
        get
        {
            var lines = Issues.Select(issue => issue.ToString()).ToList();
            if (Truncated)
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{Issues[0].File}: stopped after {Issues.Count} problems; fix these and run again to see more"));
            }

            return lines;
        }
    }

    private static string Describe(IReadOnlyList<DataIssue> issues, bool truncated)
    {
        if (issues.Count == 0)
        {
            return "the survey data are invalid";
        }

        var first = issues[0].ToString();
        return issues.Count == 1 && !truncated
            ? first
            : string.Create(CultureInfo.InvariantCulture, $"{first} (and {issues.Count - 1}{(truncated ? "+" : "")} more problems)");
    }
}

/// <summary>The sampling design cannot support the requested estimate (for example a stratum with a single PSU).</summary>
public sealed class SurveyDesignException : NetHelpfulnessException
{
    /// <summary>Creates the exception with a message.</summary>
    public SurveyDesignException(string message) : base(message) { }
}

/// <summary>An estimate cannot be computed from the data given (for example a scenario nobody answered).</summary>
public sealed class InsufficientDataException : NetHelpfulnessException
{
    /// <summary>Creates the exception with a message.</summary>
    public InsufficientDataException(string message) : base(message) { }
}

/// <summary>A survey's weights cannot be calibrated to the margins asked for (for example raking that does not converge).</summary>
public sealed class CalibrationException : NetHelpfulnessException
{
    /// <summary>Creates the exception with a message.</summary>
    public CalibrationException(string message) : base(message) { }
}

/// <summary>
/// A model cannot be fitted as specified: a term names no column, a factor has a single level, the design matrix is
/// singular, or a logistic fit does not converge or separates.
/// </summary>
public sealed class ModelException : NetHelpfulnessException
{
    /// <summary>Creates the exception with a message.</summary>
    public ModelException(string message) : base(message) { }
}
