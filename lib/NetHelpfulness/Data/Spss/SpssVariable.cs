using System.Globalization;

namespace NetHelpfulness.Data.Spss;

/// <summary>What kind of values a variable holds, as its storage and print format say.</summary>
public enum SpssVariableType
{
    /// <summary>A number (any numeric format that is not a date or time).</summary>
    Numeric,

    /// <summary>Text of a fixed width in bytes.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "'string' is SPSS's name for this type.")]
    String,

    /// <summary>A calendar date: formats DATE, ADATE, EDATE, JDATE, SDATE, QYR, MOYR, WKYR. Stored as seconds since 1582-10-14 00:00.</summary>
    Date,

    /// <summary>A date and time of day: formats DATETIME, YMDHMS. Stored as seconds since 1582-10-14 00:00.</summary>
    DateTime,

    /// <summary>A duration or time of day: formats TIME, DTIME, MTIME. Stored as seconds.</summary>
    Time,
}

/// <summary>The measurement level of a variable (record 7/11), when the file states one.</summary>
public enum SpssMeasure
{
    /// <summary>The file does not say (no display-parameter record).</summary>
    Unknown,

    /// <summary>Nominal scale.</summary>
    Nominal,

    /// <summary>Ordinal scale.</summary>
    Ordinal,

    /// <summary>Continuous (scale) measure.</summary>
    Scale,
}

/// <summary>How a variable is aligned for display (record 7/11), when the file states it.</summary>
public enum SpssAlignment
{
    /// <summary>The file does not say.</summary>
    Unknown,

    /// <summary>Left aligned.</summary>
    Left,

    /// <summary>Right aligned.</summary>
    Right,

    /// <summary>Centred.</summary>
    Center,
}

/// <summary>An SPSS print or write format: type, field width and decimal places, e.g. <c>F8.2</c>, <c>A400</c>, <c>DATE11</c>.</summary>
/// <param name="TypeCode">The format type's code in the file (5 = F, 1 = A, 20 = DATE, …).</param>
/// <param name="Width">Field width in characters.</param>
/// <param name="Decimals">Decimal places.</param>
/// <remarks>Codes from the GNU PSPP manual, "System File Format", section "Variable Record".</remarks>
public readonly record struct SpssFormat(int TypeCode, int Width, int Decimals)
{
    private static readonly string?[] Names =
    [
        null, "A", "AHEX", "COMMA", "DOLLAR", "F", "IB", "PIBHEX", "P", "PIB", "PK", "RB", "RBHEX", null, null, "Z", "N", "E",
        null, null, "DATE", "TIME", "DATETIME", "ADATE", "JDATE", "DTIME", "WKDAY", "MONTH", "MOYR", "QYR", "WKYR", "PCT",
        "DOT", "CCA", "CCB", "CCC", "CCD", "CCE", "EDATE", "SDATE", "MTIME", "YMDHMS",
    ];

    /// <summary>The format type's name (<c>F</c>, <c>A</c>, <c>DATE</c>, …), or <c>?N</c> for a code the format does not define.</summary>
    public string TypeName => TypeCode >= 0 && TypeCode < Names.Length && Names[TypeCode] is { } name
        ? name
        : "?" + TypeCode.ToString(CultureInfo.InvariantCulture);

    /// <summary>The kind of value a numeric variable with this format holds.</summary>
    public SpssVariableType NumericType => TypeCode switch
    {
        20 or 23 or 24 or 38 or 39 or 28 or 29 or 30 => SpssVariableType.Date,
        22 or 41 => SpssVariableType.DateTime,
        21 or 25 or 40 => SpssVariableType.Time,
        _ => SpssVariableType.Numeric,
    };

    /// <summary>Decodes the packed int32 of a variable record: decimals in the low byte, then width, then type.</summary>
    public static SpssFormat FromPacked(int packed) => new((packed >> 16) & 0xFF, (packed >> 8) & 0xFF, packed & 0xFF);

    /// <summary>The format as SPSS syntax writes it: <c>F8.2</c>, <c>A400</c>, <c>DATE11</c> (decimals shown when the type takes them or they are not 0).</summary>
    public override string ToString()
    {
        var width = TypeName + Width.ToString(CultureInfo.InvariantCulture);
        var takesDecimals = TypeCode is 3 or 4 or 5 or 6 or 8 or 9 or 10 or 11 or 15 or 16 or 17 or 31 or 32 or 33 or 34 or 35 or 36 or 37
            or 21 or 22 or 25 or 40 or 41;
        return takesDecimals || Decimals != 0 ? width + "." + Decimals.ToString(CultureInfo.InvariantCulture) : width;
    }
}

/// <summary>A value of a variable as the dictionary gives it (in a value label or a missing value): a number or a string.</summary>
public readonly record struct SpssValue
{
    private SpssValue(double number, string? text)
    {
        Number = number;
        Text = text;
    }

    /// <summary>The number; NaN for a string value.</summary>
    public double Number { get; }

    /// <summary>The string, trailing spaces removed; null for a numeric value.</summary>
    public string? Text { get; }

    /// <summary>True for a string value.</summary>
    public bool IsString => Text is not null;

    /// <summary>A numeric value.</summary>
    public static SpssValue FromNumber(double number) => new(number, null);

    /// <summary>A string value.</summary>
    public static SpssValue FromText(string text) => new(double.NaN, text);

    /// <summary>The value as text: a number in the invariant culture's shortest round-trip form, or the string.</summary>
    public override string ToString() => Text ?? Number.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>One value label: the value and its label, e.g. 1 = "Very creepy".</summary>
/// <param name="Value">The labelled value.</param>
/// <param name="Label">The label.</param>
public sealed record SpssValueLabel(SpssValue Value, string Label);

/// <summary>A range of user-missing numbers, bounds included; an open end (SPSS's LO or HI) is an infinity.</summary>
/// <param name="Low">Lowest missing value; <see cref="double.NegativeInfinity"/> for LO (LOWEST).</param>
/// <param name="High">Highest missing value; <see cref="double.PositiveInfinity"/> for HI (HIGHEST).</param>
public readonly record struct SpssMissingRange(double Low, double High)
{
    /// <summary>True when <paramref name="value"/> lies in the range.</summary>
    public bool Contains(double value) => value >= Low && value <= High;
}

/// <summary>A variable's user-missing values: up to three discrete values, or a range and at most one discrete value.</summary>
/// <remarks>
/// Read from the variable record (numbers and strings of up to 8 bytes) or, for longer strings, from record 7/22.
/// User-missing values are real answers such as "Don't know" = 9 that analyses treat as not answered.
/// </remarks>
public sealed record SpssMissingValues
{
    /// <summary>No user-missing values.</summary>
    public static SpssMissingValues None { get; } = new([], null);

    /// <summary>Creates the set from discrete values and an optional range.</summary>
    public SpssMissingValues(IReadOnlyList<SpssValue> discrete, SpssMissingRange? range)
    {
        Discrete = discrete;
        Range = range;
    }

    /// <summary>The discrete missing values, in file order.</summary>
    public IReadOnlyList<SpssValue> Discrete { get; }

    /// <summary>The missing range of a numeric variable, if any.</summary>
    public SpssMissingRange? Range { get; }

    /// <summary>True when there is no user-missing value.</summary>
    public bool IsEmpty => Discrete.Count == 0 && Range is null;

    /// <summary>True when the number is user-missing.</summary>
    public bool Contains(double value)
    {
        if (Range is { } range && range.Contains(value))
        {
            return true;
        }

        for (var i = 0; i < Discrete.Count; i++)
        {
            if (!Discrete[i].IsString && Discrete[i].Number == value)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the string (trailing spaces removed) is user-missing.</summary>
    public bool Contains(string value)
    {
        for (var i = 0; i < Discrete.Count; i++)
        {
            if (Discrete[i].Text is { } text && string.Equals(text, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>One variable of an SPSS file's dictionary.</summary>
/// <remarks>
/// A very long string (more than 255 bytes) is one variable here, though the file stores it as several segment
/// variables (GNU PSPP manual, "System File Format", "Very Long String Record"); the segments are not listed.
/// </remarks>
public sealed record SpssVariable
{
    /// <summary>0-based position in <see cref="SpssFile.Variables"/>.</summary>
    public required int Index { get; init; }

    /// <summary>The variable's name: the long name (record 7/13) when the file has one, else the 8-byte short name.</summary>
    public required string Name { get; init; }

    /// <summary>The short name of the variable record (at most 8 bytes, upper case in SPSS files).</summary>
    public required string ShortName { get; init; }

    /// <summary>The variable label, or null when the variable has none.</summary>
    public string? Label { get; init; }

    /// <summary>Numeric, string, or a date, date-time or time (from the print format).</summary>
    public required SpssVariableType Type { get; init; }

    /// <summary>For a string, its width in bytes (up to 32,767); 0 for a numeric variable.</summary>
    public required int StringWidth { get; init; }

    /// <summary>The print format (how SPSS shows the values).</summary>
    public required SpssFormat PrintFormat { get; init; }

    /// <summary>The write format.</summary>
    public required SpssFormat WriteFormat { get; init; }

    /// <summary>The value labels, in file order.</summary>
    public IReadOnlyList<SpssValueLabel> ValueLabels { get; init; } = [];

    /// <summary>The user-missing values.</summary>
    public SpssMissingValues MissingValues { get; init; } = SpssMissingValues.None;

    /// <summary>Measurement level, when the file states it.</summary>
    public SpssMeasure Measure { get; init; }

    /// <summary>Alignment for display, when the file states it.</summary>
    public SpssAlignment Alignment { get; init; }

    /// <summary>Display width in characters (the data editor's column width), or 0 when the file does not state it.</summary>
    public int DisplayWidth { get; init; }

    /// <summary>True for a string variable.</summary>
    public bool IsString => Type == SpssVariableType.String;

    /// <summary>
    /// The width a reader thinks of: a string's width in bytes, else the print format's width (8 for <c>F8.2</c>, 11 for
    /// <c>DATE11</c>).
    /// </summary>
    public int Width => IsString ? StringWidth : PrintFormat.Width;

    /// <summary>The label of a value, or null when the value has none.</summary>
    public string? LabelOf(SpssValue value)
    {
        foreach (var label in ValueLabels)
        {
            if (label.Value == value)
            {
                return label.Label;
            }
        }

        return null;
    }
}
