using NetHelpfulness.Figures;

namespace NetHelpfulness.Tests.Figures;

/// <summary>
/// A test that needs a real Chromium; skipped, with the reason, where none is installed — except under CI
/// (<see cref="ExternalTools.Required"/>), where a missing browser must fail the run rather than hide its tests.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (FigureImageExporter.FindChromium() is null && !ExternalTools.Required)
        {
            Skip = $"no Chromium at {FigureImageExporter.DefaultChromiumPath} (or ${FigureImageExporter.ChromiumVariable}); "
                + "install it ('apt-get install -y chromium', as .ci/run does) to run the real-browser tests";
        }
    }
}

/// <summary>Whether the tests that need programs from Debian's packages (Chromium, openpyxl) must run rather than skip.</summary>
public static class ExternalTools
{
    /// <summary>True when NETHELP_REQUIRE_EXTERNAL_TOOLS=1, as .ci/run sets it (it installs them first).</summary>
    public static bool Required => Environment.GetEnvironmentVariable("NETHELP_REQUIRE_EXTERNAL_TOOLS") == "1";
}
