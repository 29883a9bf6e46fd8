using System.Text;

namespace NetHelpfulness.Data.Spss;

/// <summary>The character encoding of a system file, from its encoding record (7/20) or its code page (7/3).</summary>
/// <remarks>
/// GNU PSPP manual, "System File Format": the character encoding record names the encoding (an IANA name such as
/// <c>UTF-8</c> or <c>WINDOWS-1252</c>); older files give only <c>character_code</c> in the machine integer info record
/// (65001 UTF-8, 1252 windows-1252, 28591 ISO-8859-1, 2 "7-bit ASCII", which old SPSS versions wrote whatever the
/// encoding). With neither, windows-1252, the encoding of SPSS for Windows before Unicode mode.
/// </remarks>
internal static class SpssEncodings
{
    static SpssEncodings() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encoding assumed when the file states none.</summary>
    public static Encoding Default => ForCodePage(1252)!;

    /// <summary>The encoding of an IANA name or alias, or null when .NET knows no such encoding.</summary>
    public static Encoding? ForName(string name)
    {
        var trimmed = name.Trim().TrimEnd('\0');
        // Names seen in files that .NET spells differently: CP1252, WINDOWS-1252 (fine), IBM850, UTF8.
        if (trimmed.StartsWith("CP", StringComparison.OrdinalIgnoreCase) && int.TryParse(trimmed.AsSpan(2), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var codePage))
        {
            return ForCodePage(codePage);
        }

        if (string.Equals(trimmed, "UTF8", StringComparison.OrdinalIgnoreCase))
        {
            return Encoding.UTF8;
        }

        try
        {
            return Encoding.GetEncoding(trimmed);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The encoding of a <c>character_code</c> from record 7/3, or null when it names none that .NET has.</summary>
    public static Encoding? ForCodePage(int codePage)
    {
        var mapped = codePage switch
        {
            // "7-bit ASCII" and "8-bit ASCII": old SPSS wrote 2 whatever the encoding; windows-1252 is ASCII's superset.
            2 or 3 => 1252,
            // IBM's number for Latin-1 (PSPP writes it for ISO-8859-1).
            819 => 28591,
            _ => codePage,
        };
        if (mapped == 65001)
        {
            return Encoding.UTF8;
        }

        try
        {
            return mapped is > 0 and < 65536 ? Encoding.GetEncoding(mapped) : null;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}
