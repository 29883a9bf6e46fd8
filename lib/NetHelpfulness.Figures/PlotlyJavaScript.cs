using System.Reflection;

namespace NetHelpfulness.Figures;

/// <summary>The plotly.js bundle shipped inside Plotly.NET (what <c>PlotlyJSReference.Full</c> embeds).</summary>
internal static class PlotlyJavaScript
{
    private static readonly Lazy<(string Version, string Source)> Bundle = new(Load);

    public static string Version => Bundle.Value.Version;

    public static string Source => Bundle.Value.Source;

    /// <summary>
    /// plotly.js as inline script tags. AMD <c>define</c> is hidden while it runs: where require.js is present
    /// (notebook front ends) plotly.js would otherwise register as a module and leave <c>window.Plotly</c> undefined.
    /// </summary>
    public static string ScriptBlock() =>
        "<script>window.__nethelpDefine = window.define; window.define = undefined;</script>\n"
        + "<script charset=\"utf-8\">" + Source + "</script>\n"
        + "<script>window.define = window.__nethelpDefine; delete window.__nethelpDefine;</script>\n";

    private static (string, string) Load()
    {
        var assembly = typeof(Plotly.NET.GenericChart).Assembly;
        var name = assembly.GetManifestResourceNames()
            .SingleOrDefault(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal) && n.EndsWith(".min.js", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"plotly.js is not embedded in {assembly.GetName()}");
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        var source = reader.ReadToEnd();

        // An inline script ends at the first "</script"; plotly.js must not contain one.
        if (source.Contains("</script", StringComparison.OrdinalIgnoreCase))
        {
            source = source.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
        }

        var version = name["Plotly.NET.plotly-".Length..^".min.js".Length];
        return (version, source);
    }

    internal static string AssemblyVersion(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return informational is null ? assembly.GetName().Version?.ToString() ?? "unknown" : informational.Split('+')[0];
    }
}
