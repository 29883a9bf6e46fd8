
namespace NetHelpfulness.Data;

/// <summary>A dictionary-coded text column: one integer code per respondent and the distinct values (levels).</summary>
/// <remarks>Levels keep the order in which they first appear in the file, so codes are reproducible.</remarks>
public sealed class CodedColumn
{
    private readonly int[] _codes;
    private readonly string[] _levels;

    /// <summary>Creates a column from codes into <paramref name="levels"/>.</summary>
    /// <exception cref="ArgumentException">A code lies outside the levels.</exception>
    public CodedColumn(string name, int[] codes, string[] levels)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(levels);
        foreach (var code in codes)
        {
            if ((uint)code >= (uint)levels.Length)
            {
                throw new ArgumentException($"code {code} has no level in column '{name}'", nameof(codes));
            }
        }

        Name = name;
        _codes = codes;
        _levels = levels;
    }

    /// <summary>The column's name in the source file.</summary>
    public string Name { get; }

    /// <summary>One code per respondent.</summary>
    public ReadOnlySpan<int> Codes => _codes;

    /// <summary>The distinct values, indexed by code.</summary>
    public IReadOnlyList<string> Levels => _levels;

    /// <summary>The value of respondent <paramref name="respondent"/>.</summary>
    public string this[int respondent] => _levels[_codes[respondent]];

    /// <summary>Builds a coded column from values, assigning codes in order of first appearance.</summary>
    public static CodedColumn FromValues(string name, IReadOnlyList<string> values)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var codes = new int[values.Count];
        var levels = new List<string>();
        for (var i = 0; i < values.Count; i++)
        {
            if (!index.TryGetValue(values[i], out var code))
            {
                code = levels.Count;
                index.Add(values[i], code);
                levels.Add(values[i]);
            }

            codes[i] = code;
        }

        return new CodedColumn(name, codes, [.. levels]);
    }
}
